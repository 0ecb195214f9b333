"""The ``pressroom`` command. Exit codes: 0 success, 1 some documents failed, 2 invalid configuration or usage."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressroom.core.errors import ConfigError, PressroomError, StepError

# The machinery (pydantic, pipelines, the runner) is imported by the handlers, inside main's handling of Ctrl-C (an
# interrupted start-up says one line, not a traceback), and each command imports only what it uses.
if TYPE_CHECKING:
    from pressroom.core.pipeline import Pipeline
    from pressroom.core.readers.base import Record
    from pressroom.core.runner import Runner
    from pressroom.core.stats import RunStats

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    args.runners = []  # the runs the command started, in order (``_execute``), for what a Ctrl-C leaves behind
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
        return _interrupted(args.command, args.runners)
    except BrokenPipeError:
        # The reader of our stdout went away (`pressroom ... | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    finally:
        if argv is None:
            # The process's own command (not a caller's): what it built is freed at exit anyway, and the collector's
            # passes over all of it there (a tenth of a second, more than start-up's whole collection) buy nothing.
            gc.freeze()


def _interrupted(command: str, runners: list[Runner]) -> int:
    """Ctrl-C. A run that had committed (it ignores Ctrl-C while it publishes) has written its outputs: a Ctrl-C in
    the command's last lines after it (its summary) changes nothing, so the command ends as the run did."""
    committed = [runner for runner in runners if runner.committed]
    if command != "job" and committed:
        return EXIT_FAILED if committed[-1].stats.failed else EXIT_OK
    if committed:
        print(f"pressroom: interrupted; the outputs of the {len(committed)} stage(s) that finished were written, "
              "no other output was replaced", file=sys.stderr)
    else:
        print("pressroom: interrupted; no output was replaced", file=sys.stderr)
    return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pressroom", description=__doc__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    running = argparse.ArgumentParser(add_help=False)
    running.add_argument("--workers", "-w", type=int, help="worker processes; replaces workers")
    running.add_argument("--executor", choices=["local", "dask"], help="replaces executor")
    running.add_argument("--address", help="Dask scheduler address; replaces address")
    running.add_argument("--force", action="store_true", help="process every document again, ignoring the ledger")
    running.add_argument("--report", metavar="FILE", help="write counts, drop reasons and timings as JSON")
    running.add_argument("--quiet", "-q", action="store_true", help="no progress or summary on stderr")
    running.add_argument("--wait-lock", action="store_true",
                         help="wait while another run writes the same outputs, instead of exiting with 1")

    run = commands.add_parser("run", parents=[running], help="run a pipeline")
    run.add_argument("pipeline", help="pipeline YAML file")
    run.add_argument("--input", "-i", nargs="+", metavar="PATH",
                     help="files, folders, globs or '-' (JSONL on stdin); replaces input.path")
    run.add_argument("--format", help="input reader; replaces input.format")
    run.add_argument("--output", "-o", metavar="PATH",
                     help="JSONL output ('-' for stdout); redirects the last output step that writes JSONL")
    run.add_argument("--resume", action="store_true",
                     help="continue an interrupted run from its ledger (the same command without it does too)")
    run.set_defaults(handler=_run)

    replay = commands.add_parser("replay", parents=[running], help="run quarantined documents again")
    replay.add_argument("quarantine", help="quarantine JSONL file")
    replay.add_argument("--pipeline", "-p", required=True, help="pipeline YAML file")
    replay.set_defaults(handler=_replay)

    job = commands.add_parser("job", parents=[running], help="run the chained stages of a job file")
    job.add_argument("job", help="job YAML file")
    job.set_defaults(handler=_job)

    validate = commands.add_parser("validate", help="check a pipeline (or job) file without reading documents")
    validate.add_argument("pipeline")
    validate.add_argument("--json", action="store_true",
                          help="print {valid, steps, problems} as JSON; each problem: file, line, column, path, "
                               "message, hint")
    validate.set_defaults(handler=_validate)

    explain = commands.add_parser("explain", help="show the resolved steps, their options and what they change")
    explain.add_argument("pipeline")
    explain.set_defaults(handler=_explain)

    plugins = commands.add_parser("plugins", help="list installed plugins, their steps and options")
    plugins.add_argument("--doctor", action="store_true",
                         help="per plugin: distribution, hooks, steps, options, load errors and hook-name typos")
    plugins.set_defaults(handler=_plugins)

    test = commands.add_parser("test", help="run the tests: section of pipeline files")
    test.add_argument("pipelines", nargs="+", metavar="PIPELINE")
    test.set_defaults(handler=_test)

    schema = commands.add_parser("schema", help="print a JSON Schema for pipeline files (installed plugins included)")
    schema.set_defaults(handler=_schema)

    evaluation = commands.add_parser("eval", help="score a pipeline's entities and dates against gold documents")
    evaluation.add_argument("pipeline")
    evaluation.add_argument("--gold", required=True, metavar="GOLD.jsonl",
                            help="JSONL documents with gold entities and dates spans")
    evaluation.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluation.add_argument("--html", metavar="REPORT.html",
                            help="also write scores, label confusions and every error in context as HTML")
    evaluation.add_argument("--review", metavar="SITE", help="review site to link the HTML report's errors into")
    evaluation.set_defaults(handler=_eval)

    review = commands.add_parser("review", help="build a static site to read and correct a run's output")
    review.add_argument("output", help="the run's JSONL or SQLite export")
    review.add_argument("--out", required=True, metavar="FOLDER", help="folder for the site (replaced if one is there)")
    review.set_defaults(handler=_review)

    merge = commands.add_parser("merge", help="consolidate a sharded output (shards: true) into one file")
    merge.add_argument("output", help="the folder of parts a run with shards: true wrote")
    merge.add_argument("target", help="where to write the one output (a folder for parquet); byte for byte what a "
                                      "run without shards writes")
    merge.add_argument("--plugins", nargs="+", default=[], metavar="PLUGIN",
                       help="modules or .py files providing the format, as a pipeline's plugins: names them")
    merge.set_defaults(handler=_merge)

    scaffold = commands.add_parser("new-plugin", help="create a pip-installable step plugin package")
    scaffold.add_argument("name", help="step name: lower-case letters, digits and _")
    scaffold.add_argument("--dir", default=".", help="folder to create the package in")
    scaffold.set_defaults(handler=_new_plugin)
    return parser


def _load(path: str, output: str | None = None, append: bool = False, **overrides: Any) -> Pipeline:
    from pressroom.core.entry_points import installed_plugins

    installed = installed_plugins()  # before the first model is built, just below: see there
    from pressroom.core import Pipeline, Registry  # the first use of the public API: imports it under gc.freeze
    from pressroom.core.outputs import append_outputs, redirect_output
    from pressroom.core.pipeline import unwritable_outputs
    from pressroom.core.yaml_source import YamlSource

    registry = Registry.discover(installed=installed)
    pipeline = Pipeline.from_file(path, registry, **overrides)
    if output is not None:
        pipeline.steps = redirect_output(pipeline.steps, output, path)
        if problems := unwritable_outputs(pipeline.steps, YamlSource(f"--output {output}", None)):
            raise ConfigError(problems, path)
    if append:
        pipeline.steps = append_outputs(pipeline.steps, path)
    used = {step.name for step in pipeline.steps}
    # Only the plugins the pipeline needed were loaded: a broken plugin it does not use goes unnoticed here.
    for problem in registry.found_problems():
        if problem.plugin not in used:
            print(f"pressroom: warning: plugin {problem.plugin!r} ({problem.origin}) failed to load: {problem.error}",
                  file=sys.stderr)
    return pipeline


def _execute(args: argparse.Namespace, pipeline: Pipeline, inputs: list[str] | None = None,
             records: Iterable[Record] | None = None, **replaying: Any) -> RunStats:
    """Run with progress on stderr, then write the report and the summary; ``replaying``: the Runner's
    ``quarantine`` and ``earlier`` for a replay."""
    from pressroom.core import Runner
    from pressroom.core.inputs import count_documents
    from pressroom.core.progress import Progress

    progress = None
    if not args.quiet:
        total = None
        if records is None and sys.stderr.isatty():
            total = count_documents(inputs or pipeline.config.input.path, pipeline.readers,
                                    pipeline.config.input.format)
        progress = Progress(sys.stderr, total)
    cpu = time.process_time()
    runner = Runner(pipeline, inputs, records=records, force=args.force, progress=progress,
                    wait_lock=args.wait_lock, **replaying)
    args.runners.append(runner)
    stats = runner.run()
    stats.main_cpu_seconds = time.process_time() - cpu
    if progress:
        progress.finish()
    if args.report:
        Path(args.report).write_text(json.dumps(stats.to_dict(), indent=2), encoding="utf-8")
    if not args.quiet:
        print(stats.summary(), file=sys.stderr)
    return stats


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    return {"workers": args.workers, "executor": args.executor, "address": args.address}


def _run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.format:
        settings["input"] = {"format": args.format}
    pipeline = _load(args.pipeline, output=args.output, **settings)
    if args.format and not args.input:
        raise ConfigError(["--format needs --input"])
    if args.resume and not (pipeline.config.ledger and Path(pipeline.config.ledger).exists()):
        raise ConfigError([f"--resume: no ledger at {pipeline.config.ledger}; nothing to resume"], args.pipeline)
    stats = _execute(args, pipeline, args.input)
    return EXIT_FAILED if stats.failed else EXIT_OK


def _replay(args: argparse.Namespace) -> int:
    pipeline = _load(args.pipeline, append=True, **_settings(args))
    from pressroom.core.replay import Replay

    replay = Replay(Path(args.quarantine))
    stats = _execute(args, pipeline, records=replay.records(), quarantine=replay.quarantine, earlier=replay.earlier)
    return EXIT_FAILED if stats.failed else EXIT_OK


def _job(args: argparse.Namespace) -> int:
    def load_stage(pipeline_path: Path, output: str | None) -> Pipeline:
        return _load(str(pipeline_path), output=output, **_settings(args))

    def run_stage(pipeline: Pipeline, inputs: list[str] | None) -> RunStats:
        return _execute(args, pipeline, inputs)

    from pressroom.core.job import run_job

    results = run_job(Path(args.job), load_stage, run_stage,
                      lambda line: print(f"pressroom: {line}", file=sys.stderr))
    return EXIT_FAILED if any(result.stats.failed for result in results) else EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    try:
        pipelines = _validated(Path(args.pipeline))
    except ConfigError as exc:
        if not args.json:
            raise
        print(json.dumps({"valid": False, "steps": [], "problems": [p.to_dict() for p in exc.details]}, indent=2))
        return EXIT_USAGE
    steps = [step.step_id for pipeline in pipelines for step in pipeline.steps]
    if args.json:
        print(json.dumps({"valid": True, "steps": steps, "problems": []}, indent=2))
    else:
        stages = f"{len(pipelines)} stages, " if len(pipelines) > 1 else ""
        print(f"{args.pipeline}: valid ({stages}{len(steps)} steps: {', '.join(steps)})")
    return EXIT_OK


def _validated(path: Path) -> list[Pipeline]:
    """A pipeline, or a job's stage pipelines, checked as `run` and `job` check them before reading."""
    from pressroom.core.inputs import expand
    from pressroom.core.job import is_job_file, load_stages

    if is_job_file(path):
        return load_stages(path, lambda stage, output: _load(str(stage), output=output))[1]
    pipeline = _load(str(path))
    expand(pipeline.config.input.path)  # what `run` without --input reads must be there
    return [pipeline]


def _explain(args: argparse.Namespace) -> int:
    pipeline = _load(args.pipeline)
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
    from pressroom.core import Registry

    registry = Registry.discover()
    if args.doctor:
        from pressroom.core.doctor import diagnose

        print("\n".join(diagnose(registry)))
        return EXIT_FAILED if registry.problems else EXIT_OK
    for name, provided in sorted(registry.steps.items()):
        cls = provided.cls
        print(f"{name} {cls.version}  [{provided.origin}]")
        if cls.description:
            print(f"  {cls.description}")
        _print_options(cls.Options)
    for name, provided in sorted(registry.readers.items()):
        print(f"reader {name}  [{provided.origin}]: {provided.cls.description}")
    for name, provided in sorted(registry.writers.items()):
        print(f"writer {name}  [{provided.origin}]: {provided.cls.description}")
        _print_options(provided.cls.Options)
    for problem in registry.problems:
        print(f"FAILED {problem.plugin} [{problem.origin}]: {problem.error}")
    return EXIT_OK


def _test(args: argparse.Namespace) -> int:
    from pressroom.core.testing.pipeline_tests import run_pipeline_tests

    passed = failed = 0
    for path in args.pipelines:
        pipeline = _load(path)
        if not pipeline.config.tests:
            print(f"{path}: no tests")
        for result in run_pipeline_tests(pipeline, Path(path).parent):
            print(f"{'PASS' if result.passed else 'FAIL'} {path}: {result.name}")
            for difference in result.differences:
                print(f"    {difference}")
            passed += result.passed
            failed += not result.passed
    print(f"{passed} passed, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    if args.review and not args.html:
        raise ConfigError(["--review needs --html"])
    from pressroom.core.evaluation import evaluate
    from pressroom.core.review import EvaluationErrors, write_html_report

    errors = EvaluationErrors()
    report = evaluate(_load(args.pipeline), Path(args.gold), on_document=errors.add if args.html else None)
    print(json.dumps(report.to_dict(), indent=2) if args.json else report.format_table())
    if args.html:
        write_html_report(report, errors, Path(args.html), Path(args.review) if args.review else None)
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    from pressroom.core.review import build_site, read_documents

    summary = build_site(read_documents(Path(args.output)), Path(args.out), source=args.output)
    print(f"{summary.index}: {summary.documents} documents, {summary.entities} entities, {summary.dates} dates; "
          "open it in a browser")
    return EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    from pressroom.core import Registry
    from pressroom.core.shards import merge_output

    registry = Registry.discover()
    for spec in args.plugins:
        if problem := registry.load_named(spec, Path.cwd()):
            raise ConfigError([f"--plugins {spec}: cannot load it ({problem.origin}): {problem.error}"])
    documents = merge_output(Path(args.output), args.target, registry.writers)
    print(f"{args.target}: {documents} documents from the parts of {args.output}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from pressroom.core import Registry
    from pressroom.core.schema import pipeline_schema

    print(json.dumps(pipeline_schema(Registry.discover()), indent=2))
    return EXIT_OK


def _new_plugin(args: argparse.Namespace) -> int:
    from pressroom.core.scaffold import new_plugin

    root = new_plugin(args.name, Path(args.dir))
    print(f"created {root}: pip install -e '{root}[test]' && pytest {root}/tests")
    return EXIT_OK


def _print_options(model: Any) -> None:
    for option, field in model.model_fields.items():
        print(f"  {option} = {_default(field)}  # {field.description or ''}".rstrip(" #"))


def _default(field: Any) -> str:
    if field.default_factory is not None:
        return json.dumps(field.default_factory())
    return json.dumps(field.default, default=str)


if __name__ == "__main__":
    sys.exit(main())
