"""Worker processes: the run's last chunks go to the workers in small pieces, so that they run out of work
together, and come back whole, as one process gives them; the workers read the input files themselves and inherit
the data their steps share; the outputs are published while the workers close."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict
from reading_runs import assert_workers_read_the_input_as_one_process

from pressroom.core import Document, Drop, Step, cached
from pressroom.core.cache import CACHE_DIR_VARIABLE
from pressroom.core.executors.base import unpacked
from pressroom.core.executors.input_lines import Lines, pieces
from pressroom.core.executors.local import LocalExecutor
from pressroom.core.executors.processes import TAIL_PIECE_DOCUMENTS, ProcessExecutor, with_tail_pieces
from pressroom.core.pipeline import Pipeline
from pressroom.core.readers import JsonlReader
from pressroom.core.runner import Runner


class Sorting(Step):
    """Drops releases without a date, fails on those that mention Vietnam, counts the ones that mention Canberra."""

    name = "sorting"

    def process(self, doc: Document) -> Document | Drop:
        if "Vietnam" in doc.text:
            raise ValueError(f"cannot handle {doc.id}")
        if doc.date is None:
            return Drop("no date")
        if "Canberra" in doc.text:
            self.count("canberra")
        return doc


def releases(au_slice: Path) -> list[Document]:
    with open(au_slice, "rb") as stream:
        return [record for record in JsonlReader().read(stream, str(au_slice)) if isinstance(record, Document)]


def test_the_last_chunk_of_each_worker_is_cut_into_pieces() -> None:
    chunks = [list(range(start, min(start + 16, 121))) for start in range(0, 121, 16)]
    pieces = list(with_tail_pieces(iter(chunks), 2))
    assert TAIL_PIECE_DOCUMENTS == 8
    assert [[len(piece) for piece in chunk] for chunk in pieces] == [[16]] * 6 + [[8, 8], [8, 1]]
    assert [n for chunk in pieces for piece in chunk for n in piece] == list(range(121))
    assert list(with_tail_pieces(iter([[]]), 2)) == [[[]]]  # a chunk the ledger answered for whole


def test_the_last_chunks_the_workers_read_are_cut_into_pieces_of_whole_lines(tmp_path: Path, au_slice: Path) -> None:
    source = tmp_path / "in.jsonl"
    rows = au_slice.read_bytes().splitlines(keepends=True)
    source.write_bytes(b"".join(rows[:100]) + b"\n  \n" + b"".join(rows[100:]))  # blank lines inside a piece
    chunks = list(pieces([str(au_slice), str(source)], 24))  # 240 records: the last chunk has the blank lines
    cut = list(with_tail_pieces(iter(chunks), 2))
    assert [len(chunk) for chunk in cut] == [1] * 8 + [3, 3]
    assert all(isinstance(piece, Lines) and len(piece) == TAIL_PIECE_DOCUMENTS for chunk in cut[8:] for piece in chunk)
    for chunk, in_pieces in zip(chunks, cut):
        assert [r.model_dump_json() for piece in in_pieces for r in piece.records()] == [  # type: ignore[union-attr]
            r.model_dump_json() for r in chunk.records()]  # type: ignore[union-attr]


def test_worker_processes_give_each_chunk_the_outcomes_and_counts_of_one_process(au_slice: Path) -> None:
    docs = releases(au_slice)
    chunks = [docs[start:start + 24] for start in range(0, len(docs), 24)]  # the last two go in pieces
    alone = list(LocalExecutor().run([Sorting()], chunks))
    workers = list(ProcessExecutor(2).run([Sorting()], chunks, digests=True))
    assert len(workers) == len(alone) == 5
    for one, two in zip(alone, workers):
        assert unpacked(two.outcomes) == one.outcomes
        assert two.digests is not None and len(two.digests.contents) == len(two.outcomes)
        [(_, counts)], [(_, expected)] = two.stats.items(), one.stats.items()
        assert ((counts.docs_in, counts.docs_out, counts.failed, counts.dropped, counts.counters)
                == (expected.docs_in, expected.docs_out, expected.failed, expected.dropped, expected.counters))
    counted = sum(chunk.stats["sorting"].counters["canberra"] for chunk in workers)
    assert counted == sum("Canberra" in doc.text and "Vietnam" not in doc.text and doc.date is not None
                          for doc in docs) > 0


class MarksOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    marks: str


class SharedWords(Step):
    """Reads a word list through the set-up cache, as ``load_shared`` and as ``setup`` (marking each time it is
    built); counts the documents that mention one of them."""

    name = "shared-words"
    Options = MarksOptions
    options: MarksOptions

    def load_shared(self) -> None:
        self.words()

    def setup(self) -> None:
        self._words = self.words()

    def words(self) -> frozenset[str]:
        return cached("test-shared-words", b"v1", self.build)

    def build(self) -> frozenset[str]:
        with open(self.options.marks, "a") as marks:
            marks.write("built\n")
        return frozenset({"Canberra", "Vietnam"})

    def process(self, doc: Document) -> Document:
        if self._words & set(doc.text.split()):
            self.count("mentions")
        return doc


def test_the_workers_inherit_the_data_their_steps_share_instead_of_each_reading_it(
        tmp_path: Path, au_slice: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_DIR_VARIABLE, "")  # no cache: each read builds the value again
    marks = tmp_path / "marks"
    step = SharedWords({"marks": str(marks)})
    docs = releases(au_slice)
    executor = ProcessExecutor(2)
    results = list(executor.run([step], [docs[:60], docs[60:]]))
    executor.wait()
    assert marks.read_text() == "built\n"  # here, once: not in either worker
    assert sum(result.stats["shared-words"].counters["mentions"] for result in results) == sum(
        bool({"Canberra", "Vietnam"} & set(doc.text.split())) for doc in docs) > 0
    step.words()
    assert marks.read_text() == "built\n" * 2  # released once the workers ended: later askers read it again


@pytest.mark.parametrize("duplicates", ["error", "keep-first"])
def test_workers_read_the_input_and_the_run_matches_one_process(
        tmp_path: Path, repo: Path, au_slice: Path, duplicates: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_workers_read_the_input_as_one_process(tmp_path, repo, au_slice, "local", duplicates, monkeypatch)


#: A step whose close, in each worker, waits for the run's output to be published (up to ``patience`` seconds) and
#: leaves a mark saying whether it was.
WAITING_PLUGIN = '''
import os
import time
from pathlib import Path
from pydantic import BaseModel, ConfigDict
from pressroom.core import Step, hookimpl

class WaitOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    output: str
    marks: str
    patience: float

class WaitForOutput(Step):
    name = "wait-for-output"
    Options = WaitOptions

    def process(self, doc):
        return doc

    def close(self):
        deadline = time.monotonic() + self.options.patience
        while not Path(self.options.output).exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        seen = "published" if Path(self.options.output).exists() else "not-published"
        Path(self.options.marks, f"{os.getpid()}-{seen}").touch()

@hookimpl
def pressroom_steps():
    return [WaitForOutput]
'''


def test_outputs_are_published_while_the_workers_close_and_the_run_returns_after_they_have(tmp_path: Path) -> None:
    """The workers' set-down (closing their steps, ending) is not on the way of the outputs: they are published
    first, and the run waits for the workers only then."""
    (tmp_path / "wait_plugin.py").write_text(WAITING_PLUGIN)
    marks, output = tmp_path / "marks", tmp_path / "out.jsonl"
    marks.mkdir()
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{i}", "text": "ok"}) + "\n" for i in range(40)))
    pipeline = Pipeline.from_yaml(json.dumps({
        "plugins": ["wait_plugin.py"], "ledger": None, "batch_size": 5, "workers": 2,
        "quarantine": str(tmp_path / "quarantine.jsonl"),
        "steps": [{"use": "wait-for-output", "with": {"output": str(output), "marks": str(marks), "patience": 30}},
                  {"use": "export", "with": {"format": "jsonl", "path": str(output)}}]}), "p.yaml",
        base_dir=tmp_path)
    stats = Runner(pipeline, [str(source)], log=io.StringIO()).run()
    assert stats.written == 40 and len(output.read_text().splitlines()) == 40
    seen = [mark.name.split("-", 1)[1] for mark in marks.iterdir()]  # every worker has closed by now
    assert 1 <= len(seen) <= 2 and set(seen) == {"published"}
