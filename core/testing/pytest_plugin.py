"""The pytest plugin: testing-kit fixtures, and each ``tests:`` entry of a pipeline YAML file as a test item."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from pressroom.core.document import Document
from pressroom.core.pipeline import Pipeline
from pressroom.core.testing import documents, running
from pressroom.core.testing.pipeline_tests import run_pipeline_tests


@pytest.fixture
def make_document() -> Callable[..., Document]:
    return documents.make_document


@pytest.fixture
def sample_documents() -> list[Document]:
    return documents.sample_documents()


@pytest.fixture
def run_step() -> Callable[..., running.StepRun]:
    return running.run_step


@pytest.fixture
def run_pipeline() -> Callable[..., running.StepRun]:
    return running.run_pipeline


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix in (".yaml", ".yml") and _has_tests(file_path):
        return PipelineFile.from_parent(parent, path=file_path)
    return None


def _has_tests(path: Path) -> bool:
    text = path.read_text(encoding="utf-8", errors="replace")
    if "tests:" not in text or "steps:" not in text:
        return False
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    return isinstance(data, dict) and bool(data.get("tests")) and "steps" in data


class PipelineFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        pipeline = Pipeline.from_file(self.path)
        for index, test in enumerate(pipeline.config.tests):
            yield PipelineTestItem.from_parent(self, name=test.name, pipeline=pipeline, index=index)


class PipelineTestItem(pytest.Item):
    def __init__(self, *, pipeline: Pipeline, index: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pipeline = pipeline
        self.index = index

    def runtest(self) -> None:
        [result] = run_pipeline_tests(self.pipeline, self.path.parent, only=self.index)
        if not result.passed:
            raise PipelineTestFailure(result.differences)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, PipelineTestFailure):
            return f"{self.path}: test {self.name!r} failed:\n  " + "\n  ".join(excinfo.value.differences)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"pipeline test {self.name}"


class PipelineTestFailure(AssertionError):
    def __init__(self, differences: list[str]) -> None:
        super().__init__("\n".join(differences))
        self.differences = differences
