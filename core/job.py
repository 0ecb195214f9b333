"""A job chains named pipelines: each stage reads the JSONL the stage before it wrote."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pressroom.core import yaml_source
from pressroom.core.errors import ConfigError, PressroomError, Problem
from pressroom.core.pipeline import Pipeline
from pressroom.core.stats import RunStats


class StageConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="stage name, used in messages")
    pipeline: str = Field(description="pipeline file, relative to the job file")
    input: list[str] | None = Field(default=None, description="input paths; default: the previous stage's output")
    output: str | None = Field(default=None, description="JSONL this stage writes and the next stage reads")


class JobConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stages: list[StageConfig] = Field(min_length=1)


@dataclass
class StageResult:
    name: str
    stats: RunStats


class StageFailed(PressroomError):
    """A stage could not complete; the stages before it are done and their outputs kept."""


def load_job(path: Path) -> JobConfig:
    """The job file, validated like a pipeline file: every problem located, none fatal before the others."""
    try:
        source = yaml_source.load(path.read_text(encoding="utf-8"), str(path))
    except OSError as exc:
        raise ConfigError([Problem(f"cannot read the job file: {exc.strerror}", str(path))]) from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise ConfigError([Problem("the job file is not UTF-8", str(path), line)]) from None
    problems: list[Problem] = list(source.problems)
    try:
        job = JobConfig.model_validate(source.data)
    except ValidationError as exc:
        problems += [source.problem(tuple(e["loc"]), e["msg"]) for e in exc.errors()]
    if problems:
        problems.sort(key=Problem.sort_key)
        raise ConfigError(problems)
    for index, stage in enumerate(job.stages[:-1]):
        if stage.output is None:
            raise ConfigError([source.problem(("stages", index, "output"), f"required, since stage "
                                              f"{job.stages[index + 1].name!r} reads it")])
    return job


LoadStage = Callable[[Path, str | None], Pipeline]
RunStage = Callable[[Pipeline, list[str] | None], RunStats]


def is_job_file(path: Path) -> bool:
    """Whether ``path`` holds a job (``stages:``) rather than a pipeline; False when it cannot be read as YAML."""
    try:
        data = yaml_source.load(path.read_text(encoding="utf-8"), str(path), environ={}).data
    except (ConfigError, OSError, UnicodeDecodeError):
        return False
    return isinstance(data, dict) and "stages" in data and "steps" not in data


def load_stages(path: Path, load_stage: LoadStage) -> tuple[JobConfig, list[Pipeline]]:
    """The job and every stage's pipeline, each validated (with its problems reported together)."""
    job = load_job(path)
    pipelines, problems = [], []
    for index, stage in enumerate(job.stages):
        try:
            pipelines.append(load_stage(path.parent / stage.pipeline, stage.output))
        except ConfigError as exc:
            # Each problem names its own pipeline file; the hint says which stage of the job uses it.
            within = f"stages[{index}] ({stage.name!r}): the stage of {path} that uses this file"
            problems += [replace(p, hint=f"{p.hint}; {within}" if p.hint else within) for p in exc.details]
    if problems:
        raise ConfigError(problems, str(path))
    return job, pipelines


def run_job(path: Path, load_stage: LoadStage, run_stage: RunStage,
            announce: Callable[[str], None]) -> list[StageResult]:
    """Validate every stage's pipeline first (nothing runs if one is invalid), then run the stages in order,
    each reading the previous stage's output; stop at the first that fails, keeping the outputs before it."""
    job, pipelines = load_stages(path, load_stage)
    done: list[StageResult] = []
    previous_output: str | None = None
    for number, (stage, pipeline) in enumerate(zip(job.stages, pipelines), start=1):
        inputs = stage.input or ([previous_output] if previous_output else None)
        announce(f"stage {number}/{len(job.stages)} {stage.name!r}: {stage.pipeline}")
        try:
            stats = run_stage(pipeline, inputs)
        except PressroomError as exc:
            kept = ", ".join(f"{d.name!r}" for d in done) or "none"
            raise StageFailed(f"job {path}: stage {number}/{len(job.stages)} {stage.name!r} failed; stages done "
                              f"and kept: {kept}; later stages not run.\n{exc}") from exc
        done.append(StageResult(stage.name, stats))
        previous_output = stage.output
    return done
