"""A validated pipeline: its configuration, its step instances and its readers, built before any document is read."""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from pressroom.core import yaml_source
from pressroom.core.config import PipelineConfig, StepConfig
from pressroom.core.document import DateSpan, Document, EntitySpan
from pressroom.core.errors import ConfigError, Problem
from pressroom.core.preflight import Requirement, uncreatable_file, uncreatable_folder, unmet, unreadable_file
from pressroom.core.readers.base import Reader
from pressroom.core.registry import Registry
from pressroom.core.step import Step

#: Keys a test's ``input`` may give besides the document's own fields.
TEST_INPUT_KEYS = frozenset(Document.model_fields) - {"history"} | {"file"}
#: Keys a test's ``expect`` may give: the document's fields, or the reason it is dropped.
TEST_EXPECT_KEYS = frozenset(Document.model_fields) | {"dropped"}
TEST_SPAN_KEYS = {"entities": frozenset(EntitySpan.model_fields), "dates": frozenset(DateSpan.model_fields)}

#: Fields whose offsets a span records; rewriting them after spans exist would corrupt the spans.
SPAN_FIELDS = frozenset({"entities", "dates"})
ANCHOR_FIELDS = frozenset({"text", "title"})


@dataclass
class Pipeline:
    config: PipelineConfig
    steps: list[Step]
    readers: Mapping[str, type[Reader]]
    registry: Registry
    source: str = "<pipeline>"

    @classmethod
    def from_file(cls, path: str | Path, registry: Registry | None = None, **overrides: Any) -> Pipeline:
        """Load and validate a pipeline file; ``overrides`` are those of ``apply_overrides``."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError([Problem(f"cannot read the pipeline file: {exc.strerror}", str(path))]) from None
        except UnicodeDecodeError as exc:
            line = exc.object[: exc.start].count(b"\n") + 1
            raise ConfigError([Problem("the pipeline file is not UTF-8", str(path), line)]) from None
        return cls.from_yaml(text, str(path), registry, base_dir=path.parent, **overrides)

    @classmethod
    def from_yaml(cls, text: str, name: str = "<pipeline>", registry: Registry | None = None,
                  base_dir: Path | None = None, **overrides: Any) -> Pipeline:
        source = yaml_source.load(text, name)
        if not isinstance(source.data, dict):
            raise ConfigError([Problem("a pipeline file is a mapping with keys such as input and steps", name, 1, 1)])
        return cls.from_source(source, apply_overrides(source.data, **overrides), registry, base_dir)

    @classmethod
    def from_dict(cls, data: dict[str, Any], registry: Registry | None = None) -> Pipeline:
        return cls.from_source(yaml_source.YamlSource("<pipeline>", data), data, registry, None)

    @classmethod
    def from_source(cls, source: yaml_source.YamlSource, data: dict[str, Any], registry: Registry | None,
                    base_dir: Path | None) -> Pipeline:
        problems: list[Problem] = list(source.problems)
        config: PipelineConfig | None = None
        try:
            config = PipelineConfig.model_validate(data)
        except ValidationError as exc:
            problems += _describe(exc, (), source, PipelineConfig)
        if registry is None:
            registry = Registry.discover()
        plugins = data.get("plugins")
        for index, spec in enumerate(plugins if isinstance(plugins, list) else []):
            failed = registry.load_named(spec, base_dir) if isinstance(spec, str) else None
            if failed:
                problems.append(source.problem(("plugins", index), f"cannot load {spec!r} ({failed.origin}): "
                                                                   f"{failed.error}"))
        # Steps are checked even when the rest is invalid, so that every problem is reported at once.
        raw_steps = data.get("steps")
        steps = _build_steps(raw_steps if isinstance(raw_steps, list) else [], registry, source, problems)
        input_format = config.input.format if config else "auto"
        if input_format != "auto" and input_format not in registry.readers:
            problems.append(source.problem(("input", "format"), f"unknown reader {input_format!r}",
                                           _suggest(input_format, registry.readers)))
        problems += _order_problems(steps, source)
        problems += _test_problems(data.get("tests"), source, base_dir)
        if not problems and config is not None:
            # Only a valid pipeline is checked against this machine: extras, files, models, outputs.
            problems += preflight(config, steps, source, registry.reader_classes())
        if problems or config is None:
            problems.sort(key=Problem.sort_key)
            raise ConfigError(problems)
        return cls(config, steps, registry.reader_classes(), registry, source.name)


def apply_overrides(data: dict[str, Any], **settings: Any) -> dict[str, Any]:
    """The pipeline data with command-line settings replacing top-level keys (None leaves a key alone), before
    validation. Overrides of the outputs (``--output``, replay's append) apply to the built steps instead, through
    what each output step declares it can do: see ``pressroom.core.outputs``."""
    return {**data, **{key: value for key, value in settings.items() if value is not None}}


def _build_steps(raw_steps: list[Any], registry: Registry, source: yaml_source.YamlSource,
                 problems: list[Problem]) -> list[Step]:
    steps: list[Step] = []
    seen_ids: dict[str, int] = {}
    for index, raw in enumerate(raw_steps):
        path = ("steps", index)
        try:
            step_config = StepConfig.model_validate(raw)
        except ValidationError:
            continue  # reported with the pipeline's own validation errors
        provided = registry.provided_step(step_config.use)
        if provided is None:
            failed = registry.problem_for(step_config.use)
            hint = (f"plugin {failed.plugin!r} ({failed.origin}) failed to load: {failed.error}" if failed
                    else _suggest(step_config.use, registry.steps))
            problems.append(source.problem((*path, "use"), f"unknown step {step_config.use!r}", hint))
            continue
        step_cls: type[Step] = provided.cls
        step_id = step_config.id or step_config.use
        if step_id in seen_ids:
            if step_config.id:
                problems.append(source.problem((*path, "id"), f"{step_id!r} is already the id of "
                                                              f"steps[{seen_ids[step_id]}]", "ids must be unique"))
                continue
            step_id = f"{step_id}-{index + 1}"
        seen_ids[step_id] = index
        try:
            # The registry goes with the options: one naming another plugin's class (a format) finds it there.
            options = step_cls.Options.model_validate(step_config.with_, context={"registry": registry})
        except ValidationError as exc:
            problems += _describe(exc, (*path, "with"), source, step_cls.Options, f"step {step_cls.name!r}")
            continue
        steps.append(step_cls(options, step_id=step_id))
    return steps


def _order_problems(steps: list[Step], source: yaml_source.YamlSource) -> list[Problem]:
    """A step that rewrites text or title after spans were recorded on them would leave wrong offsets."""
    problems = []
    spans_by: dict[str, str] = {}
    for index, step in enumerate(steps):
        rewritten = step.changes & ANCHOR_FIELDS
        if rewritten and spans_by:
            recorded = ", ".join(f"{field} by {spans_by[field]!r}" for field in sorted(spans_by))
            problems.append(source.problem(
                ("steps", index), f"step {step.step_id!r} changes {'/'.join(sorted(rewritten))} after spans were "
                f"recorded on it ({recorded}); their offsets would be wrong",
                f"move {step.step_id!r} before those steps"))
        for field in step.changes & SPAN_FIELDS:
            spans_by.setdefault(field, step.step_id)
    return problems


def _suggest(name: str, known: Any) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"known: {', '.join(sorted(known))}" if known else ""


def _describe(exc: ValidationError, prefix: tuple[str | int, ...], source: yaml_source.YamlSource,
              model: type[BaseModel], owner: str = "") -> list[Problem]:
    """One line per validation error: position, key path, what is wrong, the bad value, a did-you-mean."""
    lines = []
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        path = (*prefix, *("with" if p == "with_" else p for p in loc))
        hint = ""
        if error["type"] == "extra_forbidden":
            hint = _suggest(str(loc[-1]), _fields_at(model, loc[:-1]))
            what = f"unknown key {str(loc[-1])!r}" + (f" for {owner}" if owner else "")
        elif error["type"] == "missing":
            what = "required key is missing"
        else:
            message = error["msg"].removeprefix("Value error, ")
            what = f"{message} (got {_shown(error['input'])})"
        lines.append(source.problem(path, what, hint))
    return lines


def _shown(value: Any) -> str:
    """A value as a message quotes it, cut short: a bad value may be a whole document."""
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:60]}...{text[-10:]}"


def _test_problems(tests: Any, source: yaml_source.YamlSource, base_dir: Path | None) -> list[Problem]:
    """Misspelt keys in the ``tests:`` examples (their ``input`` and ``expect`` are documents, not free maps), and
    input files that are not there (relative to the pipeline file)."""
    problems: list[Problem] = []
    for index, test in enumerate(tests if isinstance(tests, list) else []):
        if not isinstance(test, dict):
            continue
        given = test.get("input")
        if base_dir is not None and isinstance(given, dict) and isinstance(given.get("file"), str):
            if why := unreadable_file(base_dir / given["file"]):
                problems.append(source.problem(("tests", index, "input", "file"), why))
        for part, known in (("input", TEST_INPUT_KEYS), ("expect", TEST_EXPECT_KEYS)):
            value = test.get(part)
            path = ("tests", index, part)
            problems += _unknown_keys(value, known, path, source, f"a test's {part}")
            for spans, span_keys in TEST_SPAN_KEYS.items():
                listed = value.get(spans) if isinstance(value, dict) else None
                for number, span in enumerate(listed if isinstance(listed, list) else []):
                    problems += _unknown_keys(span, span_keys, (*path, spans, number), source, f"a {spans} span")
    return problems


def _unknown_keys(value: Any, known: frozenset[str], path: tuple[str | int, ...], source: yaml_source.YamlSource,
                  owner: str) -> list[Problem]:
    if not isinstance(value, dict):
        return []
    return [source.problem((*path, str(key)), f"unknown key {str(key)!r} for {owner}", _suggest(str(key), known))
            for key in value if str(key) not in known]


def _option_naming(step: Step, value: str) -> tuple[str, ...]:
    """The name of the step's option whose value is ``value`` (an output path), if one is."""
    return tuple([key for key, option in step.options.model_dump(by_alias=True).items() if option == value][:1])


def unwritable_outputs(steps: list[Step], source: yaml_source.YamlSource) -> list[Problem]:
    """The files the steps would write that cannot be created, each at the option naming it; checked again after
    ``--output`` redirects a step, before anything is read."""
    return [source.problem(("steps", index, "with", *_option_naming(step, output.rstrip(os.sep))), why)
            for index, step in enumerate(steps) for output in step.outputs() if (why := _uncreatable(output))]


def _uncreatable(output: str) -> str | None:
    """An output ending with a separator is a folder written whole (a sharded output), any other a file."""
    return uncreatable_folder(output) if output.endswith(os.sep) else uncreatable_file(output)


def preflight(config: PipelineConfig, steps: list[Step], source: yaml_source.YamlSource,
              readers: Mapping[str, type[Reader]]) -> list[Problem]:
    """What this machine lacks for the pipeline, known before any document is read: extras that are not
    installed (of the reader ``input.format`` names, the executor and each step), what each step's ``check`` finds
    (missing files, models) and whether its ``outputs`` can be written; then whether the quarantine and the ledger
    can be created."""
    problems: list[Problem] = []
    reader = readers.get(config.input.format) if config.input.format != "auto" else None
    for requirement, modules in unmet(reader.requires if reader else ()):
        problems.append(source.problem(("input", "format"), f"reader {config.input.format!r} needs "
                                                            f"{', '.join(modules)}, which is not installed",
                                       requirement.install))
    executor: tuple[Requirement | str, ...] = ()
    if config.executor == "dask":
        from pressroom.core.executors.dask import DaskExecutor

        executor = DaskExecutor.requires
    for requirement, modules in unmet(executor):
        problems.append(source.problem(("executor",), f"executor 'dask' needs {', '.join(modules)}, which is not "
                                                      "installed", requirement.install))
    for index, step in enumerate(steps):
        path = ("steps", index)
        missing = unmet(step.requirements())
        for requirement, modules in missing:
            problems.append(source.problem((*path, "use"), f"step {step.step_id!r} needs {', '.join(modules)}, "
                                                           "which is not installed", requirement.install))
        if not missing:
            problems += [source.problem((*path, "with", *problem.path), problem.message, problem.hint)
                         for problem in step.check()]
    problems += unwritable_outputs(steps, source)
    for key in ("quarantine", "ledger"):
        value = getattr(config, key)
        if value is not None and (why := uncreatable_file(value)):
            problems.append(source.problem((key,), why))
    return problems


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Names (and aliases) accepted at ``loc`` inside ``model``, for suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return []
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        current = next((a for a in (annotation, *args) if isinstance(a, type) and issubclass(a, BaseModel)), None)
    if not (isinstance(current, type) and issubclass(current, BaseModel)):
        return []
    return [f.alias or name for name, f in current.model_fields.items()]
