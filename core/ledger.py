"""Remembers what each document became, keyed on its id, its content and the pipeline that processed it.

A re-run reuses the remembered result of every document whose content, step configuration and plugin versions
are unchanged; a run killed at any moment continues from what was committed, and its outputs are rebuilt whole.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from pressroom.core.document import Document
from pressroom.core.processing import Dropped, Outcome
from pressroom.core.step import Step

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    doc_id TEXT NOT NULL,
    config_hash TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    dropped_by TEXT,          -- step id when the document was dropped, else NULL
    payload TEXT NOT NULL,    -- the document as JSON, or the drop reason
    PRIMARY KEY (doc_id, config_hash)
)
"""


def config_hash(steps: Sequence[Step]) -> str:
    """Identifies what the steps do: their ids, plugins, versions and options."""
    described = [[s.step_id, s.name, s.version, s.options.model_dump(mode="json")] for s in steps]
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()[:32]


def content_hash(doc: Document) -> str:
    return hashlib.blake2b(doc.model_dump_json().encode(), digest_size=16).hexdigest()


class Ledger:
    def __init__(self, path: str | Path, steps: Sequence[Step]) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        # Several runs may share a ledger (chained stages); wait for the other's transaction rather than fail.
        self.db = sqlite3.connect(path, timeout=120)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(_SCHEMA)
        self.config = config_hash(steps)

    def lookup(self, docs: Sequence[Document], force: bool = False) -> tuple[list[Outcome | None], list[str]]:
        """The remembered outcome of each document (None where it must be processed, and always when ``force``),
        and the content hashes under which to remember the new ones."""
        hashes = [content_hash(doc) for doc in docs]
        if force:
            return [None] * len(docs), hashes
        marks = ",".join("?" * len(docs))
        rows = self.db.execute(
            f"SELECT doc_id, content_hash, dropped_by, payload FROM results "
            f"WHERE config_hash = ? AND doc_id IN ({marks})", [self.config, *(d.id for d in docs)]).fetchall()
        known = {doc_id: (digest, dropped_by, payload) for doc_id, digest, dropped_by, payload in rows}
        outcomes: list[Outcome | None] = []
        for doc, digest in zip(docs, hashes):
            row = known.get(doc.id)
            if row is None or row[0] != digest:
                outcomes.append(None)
            elif row[1] is not None:
                outcomes.append(Dropped(row[1], row[2]))
            else:
                outcomes.append(Document.model_validate_json(row[2]))
        return outcomes, hashes

    def record(self, originals: Sequence[Document], hashes: Sequence[str], outcomes: Sequence[Outcome]) -> None:
        """Remember finished documents and forget failed ones (they are retried); one transaction per call."""
        rows: list[tuple[str, str, str, str | None, str]] = []
        failed: list[tuple[str, str]] = []
        for original, digest, outcome in zip(originals, hashes, outcomes):
            if isinstance(outcome, Document):
                rows.append((original.id, self.config, digest, None, outcome.model_dump_json()))
            elif isinstance(outcome, Dropped):
                rows.append((original.id, self.config, digest, outcome.step, outcome.reason))
            else:
                failed.append((original.id, self.config))
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)", rows)
            self.db.executemany("DELETE FROM results WHERE doc_id = ? AND config_hash = ?", failed)

    def close(self) -> None:
        self.db.close()
