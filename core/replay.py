"""Read a quarantine file back as records, so a fixed pipeline (or fixed records) can run them again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.readers.base import Record
from pressroom.core.readers.jsonl import JsonlReader


def quarantined_records(path: Path) -> Iterator[Record]:
    """Each entry's original document; an unreadable input line (perhaps edited since) is parsed again as JSONL."""
    with open(path, "rb") as stream:
        for lineno, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                entry = json.loads(line)
                record = entry["record"]
            except (ValueError, KeyError, TypeError):
                yield InputError("not a quarantine entry (a JSON object with 'record')", source=where,
                                 raw=line.decode("utf-8", errors="replace"))
                continue
            if isinstance(record, dict):
                try:
                    yield Document.model_validate(record)
                except ValidationError as exc:
                    yield InputError(f"the quarantined record is not a document: {exc}", source=where,
                                     raw=json.dumps(record))
            else:
                yield JsonlReader.parse_line(str(record).encode(), entry.get("source") or where)
