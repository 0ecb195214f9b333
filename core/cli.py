"""The ``pressroom`` command. Exit codes: 0 success, 1 some documents failed, 2 invalid configuration or usage."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from pressroom.core.errors import ConfigError, PressroomError, StepError
from pressroom.core.pipeline import Pipeline
from pressroom.core.registry import Registry
from pressroom.core.runner import Runner

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.handler(args))
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except StepError as exc:
        print(f"pressroom: stopped (on_error: fail): {exc}", file=sys.stderr)
        return EXIT_FAILED
    except PressroomError as exc:
        print(f"pressroom: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("pressroom: interrupted; no output was replaced", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pressroom", description=__doc__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="run a pipeline")
    run.add_argument("pipeline", help="pipeline YAML file")
    run.add_argument("--input", "-i", nargs="+", metavar="PATH", help="files, folders, globs or '-' (stdin JSONL); "
                     "replaces input.path")
    run.add_argument("--format", help="input reader, replaces input.format")
    run.add_argument("--report", metavar="FILE", help="write counts, drop reasons and timings as JSON")
    run.add_argument("--quiet", "-q", action="store_true", help="no summary on stderr")
    run.set_defaults(handler=_run)

    validate = commands.add_parser("validate", help="check a pipeline file without reading documents")
    validate.add_argument("pipeline")
    validate.set_defaults(handler=_validate)

    explain = commands.add_parser("explain", help="show the resolved steps, their options and what they change")
    explain.add_argument("pipeline")
    explain.set_defaults(handler=_explain)

    plugins = commands.add_parser("plugins", help="list installed plugins, their steps and options")
    plugins.set_defaults(handler=_plugins)
    return parser


def _load(args: argparse.Namespace) -> Pipeline:
    registry = Registry.discover()
    pipeline = Pipeline.from_file(args.pipeline, registry)
    used = {step.name for step in pipeline.steps}
    for problem in registry.problems:
        if problem.plugin not in used:
            print(f"pressroom: warning: plugin {problem.plugin!r} ({problem.origin}) failed to load: {problem.error}",
                  file=sys.stderr)
    return pipeline


def _run(args: argparse.Namespace) -> int:
    pipeline = _load(args)
    if args.format:
        pipeline.config.input.format = args.format
    stats = Runner(pipeline, inputs=args.input).run()
    if args.report:
        with open(args.report, "w", encoding="utf-8") as report:
            json.dump(stats.to_dict(), report, indent=2)
    if not args.quiet:
        print(stats.summary(), file=sys.stderr)
    return EXIT_FAILED if stats.failed else EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    pipeline = _load(args)
    print(f"{args.pipeline}: valid ({len(pipeline.steps)} steps: {', '.join(s.step_id for s in pipeline.steps)})")
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    pipeline = _load(args)
    config = pipeline.config
    print(f"pipeline {args.pipeline}")
    print(f"  input: {', '.join(config.input.path) or '(from --input)'} (format {config.input.format})")
    print(f"  on_error: {config.on_error}, quarantine: {config.quarantine}, workers: {config.workers}")
    for index, step in enumerate(pipeline.steps, start=1):
        provided = pipeline.registry.steps[step.name]
        print(f"  {index}. {step.step_id}: {step.name} {step.version} from {provided.origin}")
        if step.description:
            print(f"     {step.description}")
        print(f"     reads:   {', '.join(sorted(step.reads)) or '-'}")
        print(f"     changes: {', '.join(sorted(step.changes)) or '-'}")
        if step.writes_output:
            print("     writes output: runs in the main process, in input order")
        for key, value in step.options.model_dump().items():
            print(f"     {key} = {json.dumps(value)}")
    return EXIT_OK


def _plugins(args: argparse.Namespace) -> int:
    registry = Registry.discover()
    for name, provided in sorted(registry.steps.items()):
        cls = provided.cls
        print(f"{name} {cls.version}  [{provided.origin}]")
        if cls.description:
            print(f"  {cls.description}")
        for option, field in cls.Options.model_fields.items():
            default = _default(field)
            print(f"  {option} = {default}  # {field.description or ''}".rstrip(" #"))
    for name, provided in sorted(registry.readers.items()):
        print(f"reader {name}  [{provided.origin}]: {provided.cls.description}")
    for problem in registry.problems:
        print(f"FAILED {problem.plugin} [{problem.origin}]: {problem.error}")
    return EXIT_OK


def _default(field: Any) -> str:
    if field.default_factory is not None:
        return json.dumps(field.default_factory())
    return json.dumps(field.default, default=str)


if __name__ == "__main__":
    sys.exit(main())
