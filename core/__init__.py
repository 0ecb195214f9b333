"""Pressroom's framework: documents, steps, plugins, pipelines and the runner."""

from pressroom.core.document import DateSpan, Document, EntitySpan, HistoryEntry, Span
from pressroom.core.hookspecs import hookimpl, hookspec
from pressroom.core.step import Drop, NoOptions, Step

__all__ = [
    "DateSpan",
    "Document",
    "Drop",
    "EntitySpan",
    "HistoryEntry",
    "NoOptions",
    "Span",
    "Step",
    "hookimpl",
    "hookspec",
]
