"""Read the documents of a Pressroom export: JSONL (one document per line) or the SQLite export's tables."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.readers.jsonl import JsonlReader

SQLITE_MAGIC = b"SQLite format 3\x00"
#: Problems listed in the error message; the rest are counted.
SHOWN_PROBLEMS = 20


class ReviewInputError(InputError):
    """The export has records that are not documents, or spans whose offsets do not match their text."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:SHOWN_PROBLEMS]
        more = [f"... and {len(problems) - len(shown)} more"] if len(problems) > len(shown) else []
        super().__init__(f"cannot review this export ({len(problems)} bad record{'s' * (len(problems) != 1)}); "
                         "fix or remove them, or review the run's quarantine-free output:\n"
                         + "\n".join(f"  {p}" for p in shown + more), source=path)


def read_documents(path: Path) -> Iterator[Document]:
    """Yield the export's documents in order; after the last one, raise ReviewInputError if any record was bad.

    Nothing is dropped silently: a caller that consumes the whole iterator either sees every document or an
    error naming each bad line or row.
    """
    try:
        with open(path, "rb") as stream:
            is_sqlite = stream.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError as exc:
        raise InputError(f"cannot read the export: {exc.strerror}", source=str(path)) from None
    problems: list[str] = []
    records = _sqlite_records(path) if is_sqlite else _jsonl_records(path)
    count = 0
    for where, record in records:
        if isinstance(record, InputError):
            problems.append(str(record))
            continue
        bad_spans = record.invalid_spans()
        if bad_spans:
            problems += [f"{where}: document {record.id!r}: {problem}" for problem in bad_spans]
            continue
        count += 1
        yield record
    if not problems and not count:
        problems.append(f"{path}: no documents; expected a Pressroom JSONL or SQLite export")
    if problems:
        raise ReviewInputError(str(path), problems)


def _jsonl_records(path: Path) -> Iterator[tuple[str, Document | InputError]]:
    with open(path, "rb") as stream:
        for lineno, line in enumerate(stream, start=1):
            if line.strip():
                where = f"{path}:{lineno}"
                yield where, JsonlReader.parse_line(line, where)


def _sqlite_records(path: Path) -> Iterator[tuple[str, Document | InputError]]:
    """Documents with their spans, from the tables the SQLite export writes (documents, entities, dates)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        spans: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: {"entities": [], "dates": []})
        for table, keys in (("entities", ("field", "start", "end", "text", "label", "canonical", "kb_id")),
                            ("dates", ("field", "start", "end", "text", "value", "type"))):
            columns = ", ".join(f'"{key}"' for key in keys)
            for row in db.execute(f'SELECT doc_id, {columns} FROM {table} ORDER BY rowid'):
                spans[row["doc_id"]][table].append({key: row[key] for key in keys if row[key] is not None})
        for row in db.execute("SELECT rowid, id, date, title, text, source, metadata, history FROM documents "
                              "ORDER BY rowid"):
            where = f"{path}: documents row {row['rowid']}"
            try:
                yield where, Document.model_validate({
                    "id": row["id"], "date": row["date"], "title": row["title"] or "", "text": row["text"] or "",
                    "source": row["source"], "metadata": json.loads(row["metadata"] or "{}"),
                    "history": json.loads(row["history"] or "[]"), **spans.pop(row["id"], {}),
                })
            except (ValidationError, json.JSONDecodeError) as exc:
                yield where, InputError(f"not a valid document: {exc}", source=where)
        for doc_id in spans:
            yield f"{path}: entities/dates", InputError(f"spans of {doc_id!r}, which is not in documents",
                                                        source=str(path))
    except sqlite3.DatabaseError as exc:
        yield str(path), InputError(f"not a Pressroom SQLite export ({exc}); expected tables documents, "
                                    "entities and dates", source=str(path))
    finally:
        db.close()
