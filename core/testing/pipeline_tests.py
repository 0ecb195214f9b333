"""Run the ``tests:`` section of a pipeline file and describe every difference from what was expected."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pressroom.core.config import PipelineTest
from pressroom.core.document import Document
from pressroom.core.errors import ConfigError, InputError
from pressroom.core.inputs import read_all
from pressroom.core.outputs import split_steps
from pressroom.core.pipeline import Pipeline
from pressroom.core.testing.running import run_steps

SPAN_LISTS = ("entities", "dates")


@dataclass
class TestResult:
    name: str
    differences: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.differences


def run_pipeline_tests(pipeline: Pipeline, base_dir: Path, only: int | None = None) -> list[TestResult]:
    """Results of the pipeline's tests (or of test number ``only``); inputs given as files are relative to
    ``base_dir``. Output steps are not run."""
    processing = split_steps(pipeline.steps).processing
    results = []
    for index, test in enumerate(pipeline.config.tests):
        if only is not None and index != only:
            continue
        doc = _input_document(test, index, pipeline, base_dir)
        run = run_steps(processing, doc)
        result = TestResult(test.name)
        if doc.id in run.failed:
            result.differences.append(f"the document failed: {run.failed[doc.id]}")
        elif doc.id in run.dropped:
            expected_reason = test.expect.get("dropped")
            if expected_reason is None or str(expected_reason) not in run.dropped[doc.id]:
                result.differences.append(f"the document was dropped: {run.dropped[doc.id]}")
        elif "dropped" in test.expect:
            result.differences.append(f"expected the document to be dropped ({test.expect['dropped']}), it was kept")
        else:
            result.differences = compare(test.expect, run.document)
        results.append(result)
    return results


def _input_document(test: PipelineTest, index: int, pipeline: Pipeline, base_dir: Path) -> Document:
    where = f"{pipeline.source}: tests[{index}] ({test.name!r})"
    if "file" in test.input:
        path = base_dir / str(test.input["file"])
        if not path.exists():
            raise ConfigError([f"{where}: input file {path} does not exist"])
        [record] = list(read_all([str(path)], pipeline.readers))[:1]
        if isinstance(record, InputError):
            raise ConfigError([f"{where}: {record}"])
        return record
    try:
        return Document.model_validate({"id": f"test-{index}", **test.input})
    except ValueError as exc:
        raise ConfigError([f"{where}: input is not a document: {exc}"]) from None


def compare(expect: dict[str, Any], doc: Document) -> list[str]:
    """Human-readable differences between the expectations and the document."""
    differences = []
    for key, expected in expect.items():
        if key in SPAN_LISTS:
            differences += _missing_spans(key, expected, getattr(doc, key))
        elif key == "metadata":
            for meta_key, value in expected.items():
                actual = doc.metadata.get(meta_key, "<missing>")
                if actual != value:
                    differences.append(f"metadata.{meta_key}: expected {value!r}, got {actual!r}")
        elif key in Document.model_fields:
            actual = getattr(doc, key)
            if _plain(actual) != _plain(expected):
                differences.append(f"{key}: expected {_plain(expected)!r}, got {_plain(actual)!r}")
        else:
            differences.append(f"{key}: not a document field (expect keys: {', '.join(Document.model_fields)})")
    return differences


def _missing_spans(kind: str, expected: list[dict[str, Any]], actual: list[Any]) -> list[str]:
    found = [span.model_dump() for span in actual]
    missing = [want for want in expected
               if not any(all(_plain(span.get(k)) == _plain(v) for k, v in want.items()) for span in found)]
    if not missing:
        return []
    keys = sorted({k for want in expected for k in want})
    got = [{k: span.get(k) for k in keys} for span in found]
    return [f"{kind}: missing {json.dumps(want, default=str)}" for want in missing] + [
        f"{kind}: the document has {json.dumps(got, default=str)}"]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
