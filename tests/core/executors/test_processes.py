"""Worker processes: the run's last chunks go to the workers in small pieces, so that they run out of work
together, and come back whole, as one process gives them."""

from __future__ import annotations

from pathlib import Path

from pressroom.core import Document, Drop, Step
from pressroom.core.executors.base import unpacked
from pressroom.core.executors.local import LocalExecutor
from pressroom.core.executors.processes import TAIL_PIECE_DOCUMENTS, ProcessExecutor, with_tail_pieces
from pressroom.core.readers import JsonlReader


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
