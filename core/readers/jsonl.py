"""JSON Lines: one document per line with ``id``, ``title``, ``text``, ``date``; other keys go to metadata."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from pydantic import ValidationError

from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.readers.base import Reader, Record, parse_date

# Keys that a Pressroom export writes back; reading them restores the document (stage chaining).
_DOCUMENT_KEYS = frozenset(Document.model_fields) - {"id", "date", "source"}


class JsonlReader(Reader):
    name = "jsonl"
    description = "one JSON object per line: id, title, text, date (YYYY-MM-DD); other keys go to metadata"
    extensions = (".jsonl", ".ndjson", ".json")

    @classmethod
    def accepts(cls, suffix: str, head: bytes) -> bool:
        return suffix in cls.extensions or head.lstrip().startswith(b"{")

    def read(self, stream: BinaryIO, source: str) -> Iterator[Record]:
        for lineno, line in enumerate(stream, start=1):
            if line.strip():
                yield self.parse_line(line, f"{source}:{lineno}")

    @staticmethod
    def parse_line(line: bytes, where: str) -> Record:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raw = line.decode("utf-8", errors="replace")
            return InputError(f"bytes at column {exc.start + 1} are not UTF-8; re-encode the file as UTF-8",
                              source=where, raw=raw)
        try:
            record: Any = json.loads(text)
        except json.JSONDecodeError as exc:
            return InputError(f"invalid JSON at column {exc.colno}: {exc.msg}", source=where, raw=text)
        if not isinstance(record, dict):
            return InputError(f"expected a JSON object, got {type(record).__name__}", source=where, raw=text)
        try:
            fields = {key: record.pop(key) for key in _DOCUMENT_KEYS & record.keys()}
            fields["date"] = parse_date(record.pop("date", None), where, text)
            doc_id = record.pop("id", None)
            fields["id"] = str(doc_id) if doc_id is not None else where
            fields["source"] = record.pop("source", None) or where
            fields.setdefault("metadata", {}).update(record)
            return Document.model_validate(fields)
        except InputError as exc:
            return exc
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            return InputError(f"not a valid document: {problems}", source=where, raw=text)
