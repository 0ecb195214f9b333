"""The JSON a document arrived in from a worker, kept so the main process never serializes it a second time.

Workers send each processed document once, as JSON (``pressroom.core.executors.base.pack``); the main process
builds the ``Document`` from it and keeps the text beside it. The ledger and the JSONL writer ask ``document_json``,
which returns those very characters for that object and serializes any other document. Steps never change a
document they are given (``Step``'s contract; one that declares ``mutates_input`` gets a copy when it returns the
document), so the kept text stays the document's own.
"""

from __future__ import annotations

import weakref

from pressroom.core.document import Document

#: id(document) -> (a weak reference to it, its JSON); an entry leaves with its document.
_kept: dict[int, tuple[weakref.ref[Document], str]] = {}


def keep_json(doc: Document, text: str) -> None:
    key = id(doc)
    _kept[key] = (weakref.ref(doc, lambda _ref: _kept.pop(key, None)), text)


def document_json(doc: Document) -> str:
    """``doc.model_dump_json()``, without serializing again a document that arrived as JSON."""
    kept = _kept.get(id(doc))
    if kept is not None and kept[0]() is doc:
        return kept[1]
    return doc.model_dump_json()
