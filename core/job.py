"""A job chains named pipelines: each stage reads the JSONL the stage before it wrote."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pressroom.core import yaml_source
from pressroom.core.errors import ConfigError, PressroomError
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
    try:
        source = yaml_source.load(path.read_text(encoding="utf-8"), str(path))
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read the job file: {exc.strerror}"]) from None
    problems = list(source.problems)
    try:
        job = JobConfig.model_validate(source.data)
    except ValidationError as exc:
        problems += [f"{source.where(tuple(e['loc']))}: {yaml_source.format_path(tuple(e['loc']))}: {e['msg']}"
                     for e in exc.errors()]
    if problems:
        raise ConfigError(problems)
    for index, stage in enumerate(job.stages[:-1]):
        if stage.output is None:
            raise ConfigError([f"{source.where(('stages', index))}: stages[{index}].output: required, since stage "
                               f"{job.stages[index + 1].name!r} reads it"])
    return job


LoadStage = Callable[[Path, str | None], Pipeline]
RunStage = Callable[[Pipeline, list[str] | None], RunStats]


def run_job(path: Path, load_stage: LoadStage, run_stage: RunStage,
            announce: Callable[[str], None]) -> list[StageResult]:
    """Validate every stage's pipeline first (nothing runs if one is invalid), then run the stages in order,
    each reading the previous stage's output; stop at the first that fails, keeping the outputs before it."""
    job = load_job(path)
    pipelines, problems = [], []
    for index, stage in enumerate(job.stages):
        try:
            pipelines.append(load_stage(path.parent / stage.pipeline, stage.output))
        except ConfigError as exc:
            problems += [f"stages[{index}] ({stage.name!r}): {problem}" for problem in exc.problems]
    if problems:
        raise ConfigError(problems, str(path))
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
