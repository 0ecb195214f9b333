"""Remembers what each document became, keyed on its id, its content and the pipeline that processed it.

A re-run reuses the remembered result of every document whose content, step configuration and plugin versions
are unchanged; a run killed at any moment continues from what was committed, and its outputs are rebuilt whole.

The ledger is a cache, so damage never stops a run and never reaches an output: a file that fails SQLite's check
(truncated, not a database, garbage pages) is reported and rebuilt empty, and a stored result whose checksum does
not verify (edited in place) is processed again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TextIO, TypeVar

from pydantic import ValidationError

from pressroom.core.document import Document
from pressroom.core.packed import document_bytes, keep_json, kept_bytes
from pressroom.core.processing import Dropped, Outcome
from pressroom.core.step import Step
from pressroom.core.storage import cannot_write

#: Bumped whenever the table or the checksum changes; a ledger of another version is rebuilt.
SCHEMA_VERSION = 3
PAGE_SIZE = 32768
CHECKPOINT_BYTES = 4 << 20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    doc_id TEXT NOT NULL,
    config_hash TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    dropped_by TEXT,          -- step id when the document was dropped, else NULL
    payload BLOB NOT NULL,    -- the document's JSON (UTF-8 bytes), or the drop reason (text)
    checksum TEXT NOT NULL,   -- over all the columns above (the payload through its digest)
    PRIMARY KEY (doc_id, config_hash)
)
"""

T = TypeVar("T")


class LedgerDamaged(Exception):
    """The ledger file is not a sound SQLite database of this version."""


def config_hash(steps: Sequence[Step]) -> str:
    """Identifies what the steps do: their ids, plugins, versions and options."""
    described = [[s.step_id, s.name, s.version, s.options.model_dump(mode="json")] for s in steps]
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()[:32]


def content_hash(doc: Document) -> str:
    """Identifies a document as it was read: every field, through its JSON."""
    return hashlib.blake2b(document_bytes(doc), digest_size=16).hexdigest()


def payload_digest(payload: bytes | str) -> str:
    return hashlib.blake2b(payload if isinstance(payload, bytes) else payload.encode(), digest_size=16).hexdigest()


def row_checksum(doc_id: str, config: str, digest: str, dropped_by: str | None, payload: str) -> str:
    """Over a row's columns, its payload given as ``payload_digest``: the digest of a processed document is
    computed where the document was (a worker), so the main process hashes only these few short strings.
    Unambiguous without escaping: the id is preceded by its length, the hashes have fixed lengths, and the
    drop step comes last, after a mark that only a dropped document has."""
    dropped = "" if dropped_by is None else "+" + dropped_by
    fields = f"{len(doc_id)}:{doc_id}{config}{digest}{payload}{dropped}"
    return hashlib.blake2b(fields.encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Digests:
    """What the ledger needs of a chunk's results, computed where the chunk ran: ``contents``, the
    ``content_hash`` of each document given to the steps; ``payloads``, the ``payload_digest`` of each outcome
    that is a document's JSON (None for the others)."""

    contents: list[str]
    payloads: list[str | None]


class Named(Protocol):
    """What the ledger keys a row on when the digests of its document come with it (``Digests``): the id."""

    @property
    def id(self) -> str: ...


class Ledger:
    def __init__(self, path: str | Path, steps: Sequence[Step], log: TextIO = sys.stderr) -> None:
        self.path = Path(path)
        self.config = config_hash(steps)
        self.log = log
        self.unverified = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise cannot_write(self.path, exc) from None
        try:
            self.db = self._open()
        except LedgerDamaged as damage:
            self._rebuild(damage)

    def _open(self) -> sqlite3.Connection:
        # Several runs may share a ledger (chained stages); wait for the other's transaction rather than fail.
        db = self._guarded(lambda: sqlite3.connect(self.path, timeout=120))
        try:
            self._guarded(lambda: self._check(db))
        except BaseException:
            db.close()
            raise
        return db

    def _check(self, db: sqlite3.Connection) -> None:
        # Rows hold whole documents (several KiB): large pages write them with a fraction of the system calls.
        # Set before anything else, it takes effect on a new ledger only.
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        # Copy the WAL into the file every few MiB, while the workers run, rather than (with SQLite's default of
        # 1000 pages, 32 MiB here) mostly when the run closes the ledger, after its last document.
        db.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_BYTES // PAGE_SIZE}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and version != SCHEMA_VERSION:
            raise LedgerDamaged(f"it was written by another version of Pressroom (ledger version {version})")
        problems = [row[0] for row in db.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise LedgerDamaged("; ".join(problems))
        with db:
            db.execute(_SCHEMA)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _rebuild(self, damage: LedgerDamaged) -> None:
        print(f"pressroom: warning: the ledger {self.path} is damaged or unusable ({damage}); rebuilding it, so "
              "every document is processed again", file=self.log)
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            except OSError as exc:
                raise cannot_write(self.path, exc) from None
        self.db = self._open()

    def _guarded(self, action: Callable[[], T]) -> T:
        """Run a database action: damage raises LedgerDamaged, a storage failure StorageError."""
        try:
            return action()
        except sqlite3.DatabaseError as exc:
            name = getattr(exc, "sqlite_errorname", "")
            if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or type(exc) is sqlite3.DatabaseError:
                raise LedgerDamaged(str(exc)) from None
            raise cannot_write(self.path, exc) from None

    def _repaired(self, action: Callable[[], T]) -> T:
        """Run an action on the open ledger; damage found now (a page first read mid-run) rebuilds it first."""
        try:
            return self._guarded(action)
        except LedgerDamaged as damage:
            self.db.close()
            self._rebuild(damage)
            return self._guarded(action)

    def empty(self) -> bool:
        """Whether the ledger remembers nothing yet (a new one): a run then has nothing to look up."""
        return self._repaired(lambda: self.db.execute("SELECT 1 FROM results LIMIT 1").fetchone()) is None

    def lookup(self, docs: Sequence[Document], force: bool = False) -> list[Outcome | None]:
        """The remembered outcome of each document: None where it must be processed, and always when ``force``.
        Only documents that have a row are hashed here (to compare their content with the row's)."""
        if force or not docs:
            return [None] * len(docs)
        marks = ",".join("?" * len(docs))
        rows = self._repaired(lambda: self.db.execute(
            f"SELECT doc_id, content_hash, dropped_by, payload, checksum FROM results "
            f"WHERE config_hash = ? AND doc_id IN ({marks})", [self.config, *(d.id for d in docs)]).fetchall())
        if not rows:
            return [None] * len(docs)
        known = {row[0]: row for row in rows}
        outcomes: list[Outcome | None] = []
        for doc in docs:
            row = known.get(doc.id)
            outcomes.append(None if row is None or row[1] != content_hash(doc) else self._verified(*row))
        return outcomes

    def _verified(self, doc_id: str, digest: str, dropped_by: str | None, payload: bytes | str,
                  checksum: str) -> Outcome | None:
        if checksum != row_checksum(doc_id, self.config, digest, dropped_by, payload_digest(payload)):
            self.unverified += 1
            return None
        if dropped_by is not None:
            return Dropped(dropped_by, payload.decode() if isinstance(payload, bytes) else payload)
        try:
            doc = Document.model_validate_json(payload)
        except ValidationError:  # a checksum collision on damaged text: process it again all the same
            self.unverified += 1
            return None
        if isinstance(payload, bytes):
            keep_json(doc, payload)  # an output writing JSON writes the remembered bytes
        return doc

    def record(self, docs: Sequence[Named], outcomes: Sequence[Outcome | bytes],
               digests: Digests | None = None) -> None:
        """Remember finished documents (a ``Document``, or its JSON as a worker sent it) and forget failed ones
        (they are retried); one transaction per call. ``digests``: what the worker computed of ``docs`` and
        ``outcomes``, when only their ids are here (a worker read them); without them (the steps ran in this
        process) they are computed here, of the whole documents."""
        contents = digests.contents if digests else [content_hash(doc) for doc in docs if isinstance(doc, Document)]
        if len(contents) != len(docs):
            raise ValueError("the ledger needs the documents whole, or their digests")
        payloads = digests.payloads if digests else [None] * len(docs)
        rows: list[tuple[str, str, str, str | None, bytes | str, str]] = []
        failed: list[tuple[str, str]] = []
        config = self.config
        for doc, digest, outcome, payload_hash in zip(docs, contents, outcomes, payloads):
            if isinstance(outcome, bytes):
                stored: tuple[str | None, bytes | str] = (None, outcome)
            elif isinstance(outcome, Document):  # the steps ran here: the outputs write these very bytes
                stored = (None, kept_bytes(outcome))
            elif isinstance(outcome, Dropped):
                stored = (outcome.step, outcome.reason)
            else:
                failed.append((doc.id, config))
                continue
            checksum = row_checksum(doc.id, config, digest, stored[0], payload_hash or payload_digest(stored[1]))
            rows.append((doc.id, config, digest, *stored, checksum))

        def write() -> None:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?)", rows)
                self.db.executemany("DELETE FROM results WHERE doc_id = ? AND config_hash = ?", failed)

        self._repaired(write)

    def close(self) -> None:
        self.db.close()
        if self.unverified:
            print(f"pressroom: warning: {self.unverified} remembered result(s) in the ledger {self.path} did not "
                  "verify (edited or damaged); those documents were processed again", file=self.log)
