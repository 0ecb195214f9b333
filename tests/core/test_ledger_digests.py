"""The ledger's digests are computed where a chunk runs: a worker's digests give the very rows the main process
would have written itself, and a ledger filled from them serves a re-run."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from pressroom.core.document import Document
from pressroom.core.executors.base import run_packed, unpacked
from pressroom.core.ledger import Ledger
from pressroom.core.lifecycle import steps_set_up
from pressroom.core.pipeline import Pipeline
from pressroom.core.processing import Dropped, Failed
from pressroom.core.readers.jsonl import JsonlReader

#: Drops the short releases and fails on one: a chunk with every kind of outcome.
SHORT_DROP = """
from pressroom.core import Drop, Step, hookimpl

class ShortDrop(Step):
    name = "shortdrop"

    def process(self, doc):
        if doc.text.startswith("FAILME"):
            raise ValueError("FAILME")
        return Drop("short") if len(doc.text) < 2500 else doc

@hookimpl
def pressroom_steps():
    return [ShortDrop]
"""


def rows(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT * FROM results ORDER BY doc_id").fetchall()


def test_worker_digests_give_the_rows_the_main_process_would_write(tmp_path: Path, au_slice: Path) -> None:
    (tmp_path / "shortdrop.py").write_text(SHORT_DROP)
    steps = Pipeline.from_yaml(f"plugins: [{tmp_path / 'shortdrop.py'}]\nsteps: [{{use: clean}}, {{use: shortdrop}}]",
                               "p.yaml").steps
    with open(au_slice, "rb") as stream:
        docs = [doc for doc in JsonlReader().read(stream, str(au_slice)) if isinstance(doc, Document)]
    docs[5] = docs[5].model_copy(update={"text": "FAILME " + docs[5].text})
    with steps_set_up(steps):
        packed = run_packed(steps, docs, digests=True)
    assert packed.digests is not None and len(packed.digests.contents) == len(docs)
    outcomes = unpacked(packed.outcomes)
    assert {type(o) for o in outcomes} == {Document, Dropped, Failed}

    from_worker = Ledger(tmp_path / "worker.sqlite", steps)
    from_worker.record(docs, packed.outcomes, packed.digests)  # JSON and digests as the worker sent them
    from_worker.close()
    in_main = Ledger(tmp_path / "main.sqlite", steps)
    in_main.record(docs, [Document.model_validate_json(o) if isinstance(o, bytes) else o
                          for o in packed.outcomes])  # documents, hashed here
    in_main.close()
    assert rows(tmp_path / "worker.sqlite") == rows(tmp_path / "main.sqlite")
    assert len(rows(tmp_path / "worker.sqlite")) == len(docs) - 1  # the failed document is not remembered

    again = Ledger(tmp_path / "worker.sqlite", steps)
    remembered = again.lookup(docs)
    again.close()
    assert again.unverified == 0
    # Every result verifies and comes back as it was recorded; the failed one is processed again.
    assert remembered == [None if isinstance(o, Failed) else o for o in outcomes]
    changed = [docs[0].model_copy(update={"text": docs[0].text + " Changed."}), *docs[1:]]
    assert Ledger(tmp_path / "worker.sqlite", steps).lookup(changed)[0] is None  # new content: processed again
    assert Ledger(tmp_path / "worker.sqlite", steps).lookup(docs, force=True) == [None] * len(docs)
