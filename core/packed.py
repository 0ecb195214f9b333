"""The JSON a document arrived in from a worker, kept so the main process never serializes it a second time.

Workers send each processed document once, as its JSON in UTF-8 bytes (``pressroom.core.executors.base``); the
main process builds the ``Document`` from it, when a step of its own needs one, and keeps the bytes beside it. The
ledger and the JSONL writer ask ``document_bytes``, which returns those very bytes for that object and serializes
any other document. Steps never change a document they are given (``Step``'s contract; one that declares
``mutates_input`` gets a copy when it returns the document), so the kept bytes stay the document's own.
"""

from __future__ import annotations

import weakref

from pressroom.core.document import Document

#: id(document) -> (a weak reference to it, its JSON); an entry leaves with its document.
_kept: dict[int, tuple[weakref.ref[Document], bytes]] = {}


def keep_json(doc: Document, text: bytes) -> None:
    key = id(doc)
    _kept[key] = (weakref.ref(doc, lambda _ref: _kept.pop(key, None)), text)


def document_from_json(text: bytes) -> Document:
    """The document whose JSON a worker sent, keeping those bytes for ``document_bytes``."""
    doc = Document.model_validate_json(text)
    keep_json(doc, text)
    return doc


def document_bytes(doc: Document) -> bytes:
    """``doc.model_dump_json().encode()``, without serializing again a document that arrived as JSON."""
    kept = _kept.get(id(doc))
    if kept is not None and kept[0]() is doc:
        return kept[1]
    return doc.__pydantic_serializer__.to_json(doc)


def kept_bytes(doc: Document) -> bytes:
    """``document_bytes(doc)``, kept for later askers: for a processed document that more than one consumer
    serializes (the ledger and the JSONL writer, when the steps ran in this process)."""
    text = document_bytes(doc)
    keep_json(doc, text)
    return text
