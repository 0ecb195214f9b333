"""The runner accounts for every document: read = written + dropped + quarantined, under every error policy."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path
from typing import ClassVar

import pytest

from pressroom.core import Document, Drop, Step
from pressroom.core.errors import FailureBudgetExceeded, StepError
from pressroom.core.pipeline import Pipeline
from pressroom.core.registry import Provided, Registry
from pressroom.core.runner import Runner
from pressroom.plugins.export.writers.jsonl import JsonlWriter


class Picky(Step):
    """Drops releases without a date, fails on those whose text mentions 'Vietnam', counts what it sees."""

    name = "picky"
    version = "2.0.0"
    changes: ClassVar[frozenset[str]] = frozenset({"metadata"})

    def process(self, doc: Document) -> Document | Drop:
        self.count("seen")
        if "Vietnam" in doc.text:
            raise ValueError(f"cannot handle {doc.id}")
        if doc.date is None:
            return Drop("no date")
        return doc.model_copy(update={"metadata": {**doc.metadata, "picky": True}})


class BatchOnly(Step):
    """Processes batches only, and fails a whole batch when one document is bad."""

    name = "batchy"

    def process_batch(self, docs):  # type: ignore[no-untyped-def]
        if any("Vietnam" in d.text for d in docs):
            raise RuntimeError("bad batch")
        return list(docs)

    def process(self, doc: Document) -> Document:
        if "Vietnam" in doc.text:
            raise RuntimeError("bad document")
        return doc


def make_pipeline(tmp_path: Path, steps: list[dict[str, object]], **config: object) -> Pipeline:
    registry = Registry.discover()
    for step in (Picky, BatchOnly):
        registry.steps[step.name] = Provided(step, "test", "tests")
    out = {"use": "export", "with": {"path": str(tmp_path / "out.jsonl")}}
    # Everything the run writes stays in the test's folder: out/ in the checkout may be locked by another run.
    data = {"quarantine": str(tmp_path / "q.jsonl"), "ledger": str(tmp_path / "ledger.sqlite"),
            "steps": [*steps, out], **config}
    return Pipeline.from_dict(data, registry)


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def input_with_problems(tmp_path: Path, au_slice: Path) -> Path:
    lines = au_slice.read_text().splitlines()
    lines.insert(5, "{not json")
    lines.insert(9, json.dumps({"id": "undated", "text": "No date here."}))
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_accounting_and_quarantine(tmp_path: Path, au_slice: Path) -> None:
    source = input_with_problems(tmp_path, au_slice)
    vietnam = [json.loads(line)["id"] for line in au_slice.read_text().splitlines() if "Vietnam" in line]
    assert vietnam, "the slice must contain failing documents for this test to mean anything"
    pipeline = make_pipeline(tmp_path, [{"use": "picky"}], batch_size=7)
    stats = Runner(pipeline, [str(source)], log=io.StringIO()).run()

    assert stats.read == 122
    assert stats.quarantined == 1 + len(vietnam)
    assert stats.dropped == 1
    assert stats.written == 122 - stats.quarantined - 1
    assert stats.balanced
    picky = stats.steps["picky"]
    assert (picky.docs_in, picky.docs_out, picky.failed) == (121, stats.written, len(vietnam))
    assert picky.dropped == {"no date": 1}
    assert picky.counters == {"seen": 121}

    written = read_jsonl(tmp_path / "out.jsonl")
    assert len(written) == stats.written
    assert all(d["metadata"]["picky"] for d in written)  # type: ignore[index]
    # The export only reads the document, so it is not part of its history.
    assert written[0]["history"] == [{"step": "picky", "plugin": "picky", "version": "2.0.0"}]
    quarantined = read_jsonl(tmp_path / "q.jsonl")
    assert quarantined[0]["step"] == "read" and quarantined[0]["record"] == "{not json\n"
    assert quarantined[0]["source"] == f"{source}:6"
    failed = quarantined[1]
    assert failed["step"] == "picky" and failed["id"] == vietnam[0]
    assert failed["error"] == f"ValueError: cannot handle {vietnam[0]}"
    assert "Traceback (most recent call last)" in failed["traceback"]  # type: ignore[operator]
    assert failed["record"]["history"] == []  # type: ignore[index]  # the original record, as read


def test_skip_policy_drops_with_reason(tmp_path: Path, au_slice: Path) -> None:
    log = io.StringIO()
    pipeline = make_pipeline(tmp_path, [{"use": "picky"}], on_error="skip")
    stats = Runner(pipeline, [str(input_with_problems(tmp_path, au_slice))], log=log).run()
    assert stats.quarantined == 0 and stats.skipped > 1 and stats.balanced
    assert not (tmp_path / "q.jsonl").exists()
    assert "pressroom: skipped unreadable record:" in log.getvalue()


def test_fail_policy_stops_and_leaves_previous_output(tmp_path: Path, au_slice: Path) -> None:
    (tmp_path / "out.jsonl").write_text("previous complete output\n")
    pipeline = make_pipeline(tmp_path, [{"use": "picky"}], on_error="fail")
    with pytest.raises(StepError, match="failed in step 'picky': ValueError: cannot handle"):
        Runner(pipeline, [str(au_slice)]).run()
    assert (tmp_path / "out.jsonl").read_text() == "previous complete output\n"
    assert list(tmp_path.glob(".out.jsonl.*")) == []  # no temporary file left behind


def test_failure_budget(tmp_path: Path, au_slice: Path) -> None:
    pipeline = make_pipeline(tmp_path, [{"use": "picky"}], max_failures=0)
    with pytest.raises(FailureBudgetExceeded, match=r"more than max_failures \(0\)"):
        Runner(pipeline, [str(au_slice)]).run()
    assert not (tmp_path / "out.jsonl").exists()
    generous = make_pipeline(tmp_path, [{"use": "picky"}], max_failures="50%")
    assert Runner(generous, [str(au_slice)]).run().quarantined > 0


def test_failing_batch_is_retried_document_by_document(tmp_path: Path, au_slice: Path) -> None:
    pipeline = make_pipeline(tmp_path, [{"use": "batchy"}], batch_size=50)
    stats = Runner(pipeline, [str(au_slice)]).run()
    vietnam = sum("Vietnam" in line for line in au_slice.read_text().splitlines())
    assert stats.quarantined == vietnam and stats.written == 120 - vietnam


def test_output_is_the_same_for_any_batch_size(tmp_path: Path, au_slice: Path) -> None:
    outputs = []
    for batch_size in (1, 64):
        Runner(make_pipeline(tmp_path, [{"use": "picky"}], batch_size=batch_size), [str(au_slice)]).run()
        outputs.append((tmp_path / "out.jsonl").read_bytes())
    assert outputs[0] == outputs[1]


class Fussy(JsonlWriter):
    """JSONL that refuses releases mentioning Vietnam, however the document reaches it."""

    name = "fussy"

    def write_packed(self, text: bytes, prepared: None) -> None:
        if b"Vietnam" in text:
            raise ValueError("no Vietnam here")
        super().write_packed(text, prepared)


def _with_outputs(tmp_path: Path, outputs: list[dict[str, object]], **config: object) -> Pipeline:
    registry = Registry.discover()
    registry.writers[Fussy.name] = Provided(Fussy, "test", "tests")
    data = {"quarantine": str(tmp_path / "q.jsonl"), "ledger": str(tmp_path / "ledger.sqlite"),
            "steps": [{"use": "clean"}, *({"use": "export", "id": f"out-{i}", "with": output}
                                          for i, output in enumerate(outputs))], **config}
    return Pipeline.from_dict(data, registry)


def test_worker_processes_send_what_the_outputs_write_so_the_main_process_rebuilds_no_document(
        tmp_path: Path, au_slice: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = {}
    for workers in (1, 2):
        folder = tmp_path / str(workers)
        pipeline = _with_outputs(folder, [{"format": "jsonl", "path": str(folder / "out.jsonl")},
                                          {"format": "sqlite", "path": str(folder / "out.db")}], workers=workers)
        if workers == 2:  # workers fork from here: the main process's own calls are counted
            rebuilt = []
            parse = Document.model_validate_json
            monkeypatch.setattr(Document, "model_validate_json", lambda text, **kw: rebuilt.append(1) or parse(text))
        stats = Runner(pipeline, [str(au_slice)]).run()
        assert stats.written == 120 and stats.steps["out-1"].docs_out == 120
        outputs[workers] = [(folder / name).read_bytes() for name in ("out.jsonl", "out.db")]
    assert rebuilt == []
    assert outputs[1] == outputs[2]


@pytest.mark.parametrize("workers", [1, 2])
def test_an_output_failing_on_a_document_quarantines_it_and_the_later_outputs_skip_it(
        tmp_path: Path, au_slice: Path, workers: int) -> None:
    pipeline = _with_outputs(tmp_path, [{"format": "fussy", "path": str(tmp_path / "fussy.jsonl")},
                                        {"format": "sqlite", "path": str(tmp_path / "out.db")}],
                             workers=workers, max_failures="50%")
    stats = Runner(pipeline, [str(au_slice)]).run()
    vietnam = sum("Vietnam" in line for line in au_slice.read_text().splitlines())
    assert vietnam and stats.quarantined == vietnam and stats.written == 120 - vietnam
    assert stats.steps["out-0"].failed == vietnam and stats.steps["out-1"].docs_in == 120 - vietnam
    quarantined = read_jsonl(tmp_path / "q.jsonl")
    assert {entry["step"] for entry in quarantined} == {"out-0"}
    assert all("no Vietnam here" in str(entry["error"]) for entry in quarantined)
    with sqlite3.connect(tmp_path / "out.db") as db:
        assert db.execute("SELECT count(*) FROM documents WHERE text LIKE '%Vietnam%'").fetchone() == (0,)


def test_ctrl_c_once_the_outputs_are_published_lets_the_run_finish(tmp_path: Path, au_slice: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ctrl-C while the outputs are being published (or after) is ignored: reporting the run as one that replaced
    nothing would be wrong. The handler the caller had is back when the run returns."""
    import os
    import signal

    from pressroom.core.lifecycle import Lifecycle

    publish = Lifecycle.close

    def interrupted_close(self: Lifecycle) -> None:
        if any(step.name == "export" for step in self.steps):  # the outputs' lifecycle, not the executor's steps
            os.kill(os.getpid(), signal.SIGINT)  # delivered at once: the main thread is the one running
        publish(self)

    monkeypatch.setattr(Lifecycle, "close", interrupted_close)
    handler = signal.getsignal(signal.SIGINT)
    stats = Runner(make_pipeline(tmp_path, [{"use": "picky"}]), [str(au_slice)], log=io.StringIO()).run()
    assert stats.written == len(read_jsonl(tmp_path / "out.jsonl")) > 0
    assert signal.getsignal(signal.SIGINT) is handler


class _CountingSerializer:
    """Document's serializer, counting the documents it turns into JSON."""

    def __init__(self, real: object) -> None:
        self.real, self.calls = real, 0

    def to_json(self, doc: Document, **options: object) -> bytes:
        self.calls += 1
        return self.real.to_json(doc, **options)  # type: ignore[attr-defined, no-any-return]

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


def test_in_this_process_the_ledger_and_the_jsonl_output_share_each_documents_json(
    tmp_path: Path, au_slice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each input is serialized once (its content hash) and each processed document once, for both the ledger and
    the JSONL writer, which write the same bytes."""
    counting = _CountingSerializer(Document.__pydantic_serializer__)
    monkeypatch.setattr(Document, "__pydantic_serializer__", counting)
    stats = Runner(make_pipeline(tmp_path, [{"use": "picky"}]), [str(au_slice)], log=io.StringIO()).run()
    assert stats.written > 100
    assert counting.calls == stats.read + stats.written
    with sqlite3.connect(tmp_path / "ledger.sqlite") as db:
        stored = dict(db.execute("SELECT doc_id, payload FROM results WHERE dropped_by IS NULL").fetchall())
    lines = (tmp_path / "out.jsonl").read_bytes().splitlines()
    assert [stored[json.loads(line)["id"]] for line in lines] == lines
