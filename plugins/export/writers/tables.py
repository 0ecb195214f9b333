"""The three tables every tabular format writes: documents, their entity spans and their date spans.

Spans live in their own tables, one row per span keyed by ``doc_id``, so that a query or a spreadsheet can
filter and count them without parsing JSON.
"""

from __future__ import annotations

import json
from typing import Any

from pressroom.core import Document

DOCUMENT_COLUMNS = ("id", "date", "title", "text", "source", "metadata", "history")
ENTITY_COLUMNS = ("doc_id", "field", "start", "end", "text", "label", "canonical", "kb_id")
DATE_COLUMNS = ("doc_id", "field", "start", "end", "text", "value", "type")

Row = tuple[Any, ...]


def document_row(doc: Document) -> Row:
    """The document's columns; ``date`` stays a ``datetime.date`` (or None), metadata and history are JSON."""
    extra = doc.model_dump(mode="json", include={"metadata", "history"})
    return (doc.id, doc.date, doc.title, doc.text, doc.source,
            json.dumps(extra["metadata"], ensure_ascii=False), json.dumps(extra["history"], ensure_ascii=False))


def entity_rows(doc: Document) -> list[Row]:
    return [(doc.id, s.field, s.start, s.end, s.text, s.label, s.canonical, s.kb_id) for s in doc.entities]


def date_rows(doc: Document) -> list[Row]:
    return [(doc.id, s.field, s.start, s.end, s.text, s.value, s.type) for s in doc.dates]
