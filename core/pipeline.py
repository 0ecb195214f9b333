"""A validated pipeline: its configuration, its step instances and its readers, built before any document is read."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from pressroom.core import yaml_source
from pressroom.core.config import PipelineConfig, StepConfig
from pressroom.core.errors import ConfigError
from pressroom.core.readers.base import Reader
from pressroom.core.registry import Registry
from pressroom.core.step import Step

#: Fields whose offsets a span records; rewriting them after spans exist would corrupt the spans.
SPAN_FIELDS = frozenset({"entities", "dates"})
ANCHOR_FIELDS = frozenset({"text", "title"})


@dataclass
class Pipeline:
    config: PipelineConfig
    steps: list[Step]
    readers: dict[str, type[Reader]]
    registry: Registry
    source: str = "<pipeline>"

    @classmethod
    def from_file(cls, path: str | Path, registry: Registry | None = None, **overrides: Any) -> Pipeline:
        """Load and validate a pipeline file; ``overrides`` are those of ``apply_overrides``."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError([f"{path}: cannot read the pipeline file: {exc.strerror}"]) from None
        except UnicodeDecodeError:
            raise ConfigError([f"{path}: the pipeline file is not UTF-8"]) from None
        return cls.from_yaml(text, str(path), registry, base_dir=path.parent, **overrides)

    @classmethod
    def from_yaml(cls, text: str, name: str = "<pipeline>", registry: Registry | None = None,
                  base_dir: Path | None = None, **overrides: Any) -> Pipeline:
        source = yaml_source.load(text, name)
        if not isinstance(source.data, dict):
            raise ConfigError([f"{name}:1:1: a pipeline file is a mapping with keys such as input and steps"])
        return cls.from_source(source, apply_overrides(source.data, **overrides), registry, base_dir)

    @classmethod
    def from_dict(cls, data: dict[str, Any], registry: Registry | None = None) -> Pipeline:
        return cls.from_source(yaml_source.YamlSource("<pipeline>", data), data, registry, None)

    @classmethod
    def from_source(cls, source: yaml_source.YamlSource, data: dict[str, Any], registry: Registry | None,
                    base_dir: Path | None) -> Pipeline:
        problems = list(source.problems)
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
                problems.append(f"{source.where(('plugins', index))}: plugins[{index}]: cannot load {spec!r} "
                                f"({failed.origin}): {failed.error}")
        # Steps are checked even when the rest is invalid, so that every problem is reported at once.
        raw_steps = data.get("steps")
        steps = _build_steps(raw_steps if isinstance(raw_steps, list) else [], registry, source, problems)
        input_format = config.input.format if config else "auto"
        if input_format != "auto" and input_format not in registry.readers:
            problems.append(f"{source.where(('input', 'format'))}: input.format: unknown reader "
                            f"{input_format!r}{_suggest(input_format, registry.readers)}")
        problems += _order_problems(steps, source)
        if problems or config is None:
            raise ConfigError(sorted(problems, key=_position))
        return cls(config, steps, registry.reader_classes(), registry, source.name)


def apply_overrides(data: dict[str, Any], *, output: str | None = None, append: bool = False,
                    **settings: Any) -> dict[str, Any]:
    """The pipeline data with command-line overrides applied before validation.

    ``settings`` replace top-level keys (None leaves a key alone). ``output`` sends the last JSONL export to that
    path ('-' for stdout), adding an export step when there is none. ``append`` makes every export add to what
    an earlier run wrote (used by replay).
    """
    data = {**data, **{key: value for key, value in settings.items() if value is not None}}
    steps = [dict(step) if isinstance(step, dict) else step for step in data.get("steps") or []]
    exports = [s for s in steps if isinstance(s, dict) and s.get("use") == "export"]
    if output is not None:
        jsonl = [s for s in exports if (s.get("with") or {}).get("format", "jsonl") == "jsonl"]
        if jsonl:
            jsonl[-1]["with"] = {**(jsonl[-1].get("with") or {}), "path": output}
        else:
            steps.append({"use": "export", "with": {"format": "jsonl", "path": output}})
            exports.append(steps[-1])
    if append:
        for step in exports:
            step["with"] = {**(step.get("with") or {}), "mode": "append"}
    return {**data, "steps": steps} if steps else data


def _build_steps(raw_steps: list[Any], registry: Registry, source: yaml_source.YamlSource,
                 problems: list[str]) -> list[Step]:
    steps: list[Step] = []
    seen_ids: dict[str, int] = {}
    for index, raw in enumerate(raw_steps):
        path = ("steps", index)
        try:
            step_config = StepConfig.model_validate(raw)
        except ValidationError:
            continue  # reported with the pipeline's own validation errors
        if step_config.use not in registry.steps:
            failed = registry.problem_for(step_config.use)
            hint = (f"; plugin {failed.plugin!r} ({failed.origin}) failed to load: {failed.error}" if failed
                    else _suggest(step_config.use, registry.steps))
            problems.append(f"{source.where((*path, 'use'))}: steps[{index}].use: unknown step "
                            f"{step_config.use!r}{hint}")
            continue
        step_cls = registry.step_class(step_config.use)
        step_id = step_config.id or step_config.use
        if step_id in seen_ids:
            if step_config.id:
                problems.append(f"{source.where((*path, 'id'))}: steps[{index}].id: {step_id!r} is already the id "
                                f"of steps[{seen_ids[step_id]}]; ids must be unique")
                continue
            step_id = f"{step_id}-{index + 1}"
        seen_ids[step_id] = index
        try:
            options = step_cls.Options.model_validate(step_config.with_)
        except ValidationError as exc:
            problems += _describe(exc, (*path, "with"), source, step_cls.Options, f"step {step_cls.name!r}")
            continue
        steps.append(step_cls(options, step_id=step_id))
    return steps


def _order_problems(steps: list[Step], source: yaml_source.YamlSource) -> list[str]:
    """A step that rewrites text or title after spans were recorded on them would leave wrong offsets."""
    problems = []
    spans_by: dict[str, str] = {}
    for index, step in enumerate(steps):
        rewritten = step.changes & ANCHOR_FIELDS
        if rewritten and spans_by:
            recorded = ", ".join(f"{field} by {spans_by[field]!r}" for field in sorted(spans_by))
            problems.append(
                f"{source.where(('steps', index))}: steps[{index}] ({step.step_id!r}) changes "
                f"{'/'.join(sorted(rewritten))} after spans were recorded on it ({recorded}); their offsets would "
                f"be wrong: move {step.step_id!r} before those steps")
        for field in step.changes & SPAN_FIELDS:
            spans_by.setdefault(field, step.step_id)
    return problems


def _position(problem: str) -> tuple[int, int]:
    """Sort key putting problems in file order (line, column); those without a position go first."""
    match = re.match(r"[^:]*:(\d+):(\d+):", problem)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def _suggest(name: str, known: Any) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; known: {', '.join(sorted(known))}" if known else ""


def _describe(exc: ValidationError, prefix: tuple[str | int, ...], source: yaml_source.YamlSource,
              model: type[BaseModel], owner: str = "") -> list[str]:
    """One line per validation error: position, key path, what is wrong, the bad value, a did-you-mean."""
    lines = []
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        path = (*prefix, *("with" if p == "with_" else p for p in loc))
        where = source.where(path)
        key = yaml_source.format_path(path)
        if error["type"] == "extra_forbidden":
            parent_fields = _fields_at(model, loc[:-1])
            hint = _suggest(str(loc[-1]), parent_fields)
            what = f"unknown key {str(loc[-1])!r}" + (f" for {owner}" if owner else "") + hint
        elif error["type"] == "missing":
            what = "required key is missing"
        else:
            message = error["msg"].removeprefix("Value error, ")
            what = f"{message} (got {error['input']!r})"
        lines.append(f"{where}: {key}: {what}")
    return lines


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
