"""SQLite: the embedded default store. Documents are upserted by id, so re-running a pipeline updates rows instead of
duplicating them, and an FTS5 index over title and text answers full-text queries.

The whole run is one transaction: readers see the database as it was until ``commit``, and a failed or killed run
leaves it unchanged (WAL discards uncommitted frames on the next open). A new database is built under a temporary
name and renamed into place by ``commit``, as the other formats are.
"""

from __future__ import annotations

import json
import marshal
import os
import sqlite3
from contextlib import suppress
from itertools import chain
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from pressroom.core import Document, Writer, WriterOptions
from pressroom.core.atomic import remove_stale_temporaries, temporary_path
from pressroom.plugins.export.writers.tables import (
    DATE_COLUMNS,
    DOCUMENT_COLUMNS,
    ENTITY_COLUMNS,
    Row,
    date_rows,
    document_row,
    entity_rows,
)

# ``rowid INTEGER PRIMARY KEY`` makes the rowid that the FTS index points at stable: an implicit rowid may be
# renumbered by VACUUM, which would silently corrupt full-text results. ``id`` is the document key for upserts.
SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, date TEXT, title TEXT, text TEXT, source TEXT,
    metadata TEXT, history TEXT);
CREATE TABLE IF NOT EXISTS entities (
    doc_id TEXT NOT NULL REFERENCES documents(id), field TEXT, start INTEGER, "end" INTEGER, text TEXT,
    label TEXT, canonical TEXT, kb_id TEXT);
CREATE INDEX IF NOT EXISTS entities_doc_id ON entities(doc_id);
CREATE TABLE IF NOT EXISTS dates (
    doc_id TEXT NOT NULL REFERENCES documents(id), field TEXT, start INTEGER, "end" INTEGER, text TEXT,
    value TEXT, type TEXT);
CREATE INDEX IF NOT EXISTS dates_doc_id ON dates(doc_id);
-- External content: the index stores only tokens; id, title and text are read from documents.
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    id UNINDEXED, title, text, content='documents', content_rowid='rowid');
"""
#: Keep the index in step with changes made by hand. A run drops them at its start and creates them again at its
#: end: meanwhile the writer indexes each batch itself, far cheaper than row by row through triggers.
TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, id, title, text) VALUES (new.rowid, new.id, new.title, new.text);
END""",
    """CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, id, title, text)
    VALUES ('delete', old.rowid, old.id, old.title, old.text);
END""",
    """CREATE TRIGGER IF NOT EXISTS documents_fts_update AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, id, title, text)
    VALUES ('delete', old.rowid, old.id, old.title, old.text);
    INSERT INTO documents_fts(rowid, id, title, text) VALUES (new.rowid, new.id, new.title, new.text);
END""",
)
#: Documents indexed in FTS with one statement: the batches decide the index's segments, hence its bytes.
DOCUMENTS_PER_BATCH = 500
#: From an empty database, a batch's rows are inserted as this many documents come, not all when it is indexed: the
#: run's last batch then leaves little more than its index to the run's end, when the workers are done.
DOCUMENTS_PER_INSERT = 100
#: Span rows per INSERT statement: each execution of a statement is a trip through the driver, SQLite's VM and the
#: GIL, which for rows this small costs more than the rows themselves (writing 3,000 AU PM releases: -14%
#: instructions).
SPANS_PER_INSERT = 100


def _quoted(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{column}"' for column in columns)  # "end" is an SQL keyword


def _insert(table: str, columns: tuple[str, ...], rows: int = 1) -> str:
    values = f"({', '.join('?' * len(columns))})"
    return f"INSERT INTO {table} ({_quoted(columns)}) VALUES {', '.join([values] * rows)}"


UPSERT_DOCUMENT = _insert("documents", DOCUMENT_COLUMNS) + " ON CONFLICT(id) DO UPDATE SET " + ", ".join(
    f"{column} = excluded.{column}" for column in DOCUMENT_COLUMNS[1:])
#: Index the rows of a batch of ids (a JSON array), and take out the entries of rows about to be replaced (which
#: needs their old title and text). One statement per batch: FTS5 writes its pending entries out at every statement.
INDEX_DOCUMENTS = ("INSERT INTO documents_fts(rowid, id, title, text) SELECT rowid, id, title, text FROM documents "
                   "WHERE id IN (SELECT value FROM json_each(?))")
UNINDEX_DOCUMENTS = ("INSERT INTO documents_fts(documents_fts, rowid, id, title, text) "
                     "SELECT 'delete', rowid, id, title, text FROM documents WHERE id IN (SELECT value FROM json_each(?))")


class _Spans:
    """The rows of one span table, inserted SPANS_PER_INSERT to a statement: kept as their values one after the
    other, as such a statement binds them (rowids follow the rows' order, as with one row per statement)."""

    def __init__(self, table: str, columns: tuple[str, ...]) -> None:
        self.width = len(columns)
        self.one = _insert(table, columns)
        self.many = _insert(table, columns, SPANS_PER_INSERT)
        self.values: list[object] = []

    def insert(self, db: sqlite3.Connection, whole: bool = False) -> None:
        """Insert the rows; ``whole``: only whole statements of them, the rest kept for the next call."""
        values, step = self.values, SPANS_PER_INSERT * self.width
        end = len(values) - len(values) % step
        db.executemany(self.many, (values[start:start + step] for start in range(0, end, step)))
        rest = values[end:]
        if not whole:
            db.executemany(self.one, (rest[start:start + self.width] for start in range(0, len(rest), self.width)))
            rest = []
        self.values = rest


def _rows(doc: Document) -> tuple[Row, list[object], list[object]]:
    """The document's row in ``documents``, and the values of its rows in ``entities`` and ``dates``, one row
    after the other."""
    doc_id, date, *rest = document_row(doc)
    # ISO text, which SQLite's date functions read (sqlite3's own date adapter is deprecated).
    return ((doc_id, date and date.isoformat(), *rest), list(chain.from_iterable(entity_rows(doc))),
            list(chain.from_iterable(date_rows(doc))))


class SqliteOptions(WriterOptions):
    mode: Literal["replace", "append"] = Field(
        default="replace", description="ignored: documents already in the database are updated by id, others added")


class SqliteWriter(Writer):
    """Ignores ``mode``: documents already in the database are updated, others added, the rest kept."""

    name = "sqlite"
    description = "an SQLite database: documents upserted by id, entities and dates tables, full-text search"
    Options = SqliteOptions

    options: SqliteOptions

    def __init__(self, options: SqliteOptions) -> None:
        super().__init__(options)
        self.path = Path(options.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.created = not self.path.exists()
        # A new database no one can read before ``commit`` renames it into place: its pages go straight to the file
        # as the run goes (no journal; the small default page cache spills them), not all to a WAL at the end of
        # the run and then copied from it, which a run's last moments would spend writing three times its size.
        self.building = temporary_path(self.path) if self.created else None
        if self.building:
            remove_stale_temporaries(self.path)
        # Autocommit mode, so that this class alone decides where the one transaction begins and ends.
        self.db = sqlite3.connect(self.building or self.path, isolation_level=None)
        try:
            if self.building:
                self.db.execute("PRAGMA journal_mode=OFF")
                self.db.execute("PRAGMA synchronous=OFF")  # the file is synced once, before it is renamed
            else:
                self.db.execute("PRAGMA journal_mode=WAL")  # readers keep reading the old state during the run
                # The run is one transaction: a larger page cache spills its pages to the WAL far less often.
                self.db.execute("PRAGMA cache_size = -65536")  # KiB
            # IMMEDIATE takes the write lock now rather than halfway through the run; the schema is part of the
            # transaction, so a failed first run leaves no tables behind.
            self.db.executescript("BEGIN IMMEDIATE;" + SCHEMA)
            self._check_schema()
            # From an empty database only the ids this run writes twice have rows to replace.
            self.started_empty = self.db.execute("SELECT NOT EXISTS (SELECT 1 FROM documents)").fetchone()[0] == 1
            for trigger in TRIGGERS:
                self.db.execute(f"DROP TRIGGER IF EXISTS {trigger.split()[5]}")
        except BaseException:
            self.discard()
            raise
        self.documents: list[Row] = []
        self.entities = _Spans("entities", ENTITY_COLUMNS)
        self.dates = _Spans("dates", DATE_COLUMNS)
        self.batch_ids: set[str] = set()
        self.written_ids: set[str] = set()  # from an empty database: the ids whose rows a repeat replaces
        # Whether the batch replaces rows: its index entries must be taken out before its rows are written.
        self.replacing = not self.started_empty

    def _check_schema(self) -> None:
        """An existing table of another shape would fail on the first insert with a cryptic message."""
        for table, columns in (("documents", ("rowid", *DOCUMENT_COLUMNS)), ("entities", ENTITY_COLUMNS),
                               ("dates", DATE_COLUMNS)):
            found = tuple(row[1] for row in self.db.execute(f"PRAGMA table_info({table})"))
            if found != columns:
                raise ValueError(f"{self.path} already has a table {table!r} with columns {', '.join(found)}, "
                                 f"not {', '.join(columns)}; export to another file")

    @classmethod
    def prepare(cls, options: BaseModel, doc: Document) -> bytes:
        """The document's rows, packed with marshal (format 4: the same on every Python 3 since 3.4, so a Dask
        worker's Python may differ), which reads back its tuples of strings and numbers twice as fast as pickle."""
        return marshal.dumps(_rows(doc), 4)

    def write(self, doc: Document) -> None:
        self._add(*_rows(doc))

    def write_packed(self, text: bytes, prepared: bytes) -> None:
        self._add(*marshal.loads(prepared))

    def _add(self, row: Row, entities: list[object], dates: list[object]) -> None:
        if not self.db.in_transaction:
            # SQLite rolls the whole transaction back on some errors (SQLITE_FULL); writing on would autocommit
            # each statement into the previous output.
            raise sqlite3.OperationalError("the run's transaction was rolled back after an earlier error")
        doc_id = row[0]
        if doc_id in self.batch_ids:  # the same id twice: its first spans must be gone before the second's
            self._flush()
        self.replacing = self.replacing or doc_id in self.written_ids
        self.documents.append(row)
        self.entities.values += entities
        self.dates.values += dates
        self.batch_ids.add(doc_id)
        if len(self.batch_ids) >= DOCUMENTS_PER_BATCH:
            self._flush()
        elif len(self.documents) >= DOCUMENTS_PER_INSERT and not self.replacing:
            self.db.executemany(UPSERT_DOCUMENT, self.documents)
            self.entities.insert(self.db, whole=True)
            self.dates.insert(self.db, whole=True)
            self.documents = []

    def _flush(self) -> None:
        # A re-run replaces the documents' spans: the steps may have found different ones this time.
        replaced = [(i,) for i in self.batch_ids if not self.started_empty or i in self.written_ids]
        if replaced:
            self.db.execute(UNINDEX_DOCUMENTS, (json.dumps([i for i, in replaced]),))
        self.db.executemany(UPSERT_DOCUMENT, self.documents)
        self.db.execute(INDEX_DOCUMENTS, (json.dumps(list(self.batch_ids)),))
        self.db.executemany("DELETE FROM entities WHERE doc_id = ?", replaced)
        self.db.executemany("DELETE FROM dates WHERE doc_id = ?", replaced)
        self.entities.insert(self.db)
        self.dates.insert(self.db)
        if self.started_empty:
            self.written_ids |= self.batch_ids
        self.documents, self.batch_ids, self.replacing = [], set(), not self.started_empty

    def commit(self) -> None:
        try:
            self._flush()
            for trigger in TRIGGERS:
                self.db.execute(trigger)
            self.db.execute("COMMIT")
            if self.building:
                self.db.execute("PRAGMA journal_mode=WAL")  # the mode a database written in place is left in
                self.db.close()
                with open(self.building, "rb+") as built:
                    os.fsync(built.fileno())
                os.replace(self.building, self.path)
        except BaseException:  # a full disk, Ctrl-C: the run's output is not published, and none is left
            self.discard()
            raise
        self.db.close()

    def discard(self) -> None:
        with suppress(sqlite3.ProgrammingError):  # closed already
            if self.building is None and self.db.in_transaction:  # a database built aside is only removed
                self.db.execute("ROLLBACK")
            self.db.close()
        if self.building:  # leave no database where there was none
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.building}{suffix}").unlink(missing_ok=True)
