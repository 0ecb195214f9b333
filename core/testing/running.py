"""Run one step, or a whole pipeline, on in-memory documents: no files, no command line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pressroom.core.document import Document
from pressroom.core.lifecycle import steps_set_up
from pressroom.core.outputs import split_steps
from pressroom.core.pipeline import Pipeline
from pressroom.core.processing import Dropped, Failed, process_chunk
from pressroom.core.registry import Registry
from pressroom.core.stats import StepStats
from pressroom.core.step import Step


@dataclass
class StepRun:
    """What came out of running steps on documents, in input order."""

    documents: list[Document] = field(default_factory=list)
    dropped: dict[str, str] = field(default_factory=dict)   # document id -> reason
    failed: dict[str, str] = field(default_factory=dict)    # document id -> error
    stats: dict[str, StepStats] = field(default_factory=dict)

    @property
    def document(self) -> Document:
        """The only output document; fails when there is not exactly one."""
        assert len(self.documents) == 1, f"expected one output document, got {len(self.documents)}"
        return self.documents[0]


def step_class(step: Step | type[Step] | str) -> type[Step]:
    """The class of a step instance, a class, or the name of an installed step plugin."""
    if isinstance(step, Step):
        return type(step)
    return Registry.discover().step_class(step) if isinstance(step, str) else step


def make_step(step: Step | type[Step] | str, options: dict[str, Any] | None = None) -> Step:
    """A step instance from an instance, a class, or the name of an installed step plugin."""
    return step if isinstance(step, Step) else step_class(step)(options or {})


def run_steps(steps: Sequence[Step], docs: Document | Iterable[Document]) -> StepRun:
    """Set the steps up, run them on the documents, close them; failures are collected, not raised."""
    docs = [docs] if isinstance(docs, Document) else list(docs)
    result = StepRun()
    with steps_set_up(steps):
        outcomes, result.stats = process_chunk(steps, docs)
    for original, outcome in zip(docs, outcomes):
        if isinstance(outcome, Document):
            result.documents.append(outcome)
        elif isinstance(outcome, Dropped):
            result.dropped[original.id] = outcome.reason
        elif isinstance(outcome, Failed):
            result.failed[original.id] = f"{outcome.error}\n{outcome.traceback}"
    return result


def run_step(step: Step | type[Step] | str, docs: Document | Iterable[Document],
             options: dict[str, Any] | None = None) -> StepRun:
    """Run one step: ``run_step("dates", make_document(text="...", date="2022-12-15"))``."""
    return run_steps([make_step(step, options)], docs)


def run_pipeline(pipeline: Pipeline | dict[str, Any] | str | Path, docs: Document | Iterable[Document]) -> StepRun:
    """Run a pipeline's processing steps (a Pipeline, its data, or a YAML file); output steps are not run."""
    if isinstance(pipeline, dict):
        pipeline = Pipeline.from_dict(pipeline)
    elif not isinstance(pipeline, Pipeline):
        pipeline = Pipeline.from_file(pipeline)
    return run_steps(split_steps(pipeline.steps).processing, docs)
