"""The record every step reads and returns: one press release with its spans and history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

_M = TypeVar("_M", bound=BaseModel)

#: Span offsets index into ``Document.text``, or into ``Document.title`` when ``field == "title"``.
SpanField = Literal["text", "title"]


class Span(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: int = Field(ge=0, description="Python str index of the first character")
    end: int = Field(ge=0, description="Python str index one past the last character")
    text: str = Field(description="the covered characters, equal to field[start:end]")
    field: SpanField = "text"


class EntitySpan(Span):
    label: str = Field(description="PERSON, TITLE, ORG, GPE, LOC or a plugin's own label")
    canonical: str | None = Field(default=None, description="canonical name shared by aliases")
    kb_id: str | None = Field(default=None, description="identifier in a knowledge base, e.g. ISO 3166 code")


class DateSpan(Span):
    value: str = Field(description="TIMEX3 value: 2022-12-15, 2022-11, 2013-W11, 199, PRESENT_REF, ...")
    type: str = Field(default="DATE", description="TIMEX3 type")


class HistoryEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    step: str = Field(description="step id in the pipeline")
    plugin: str
    version: str


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    id: str
    title: str = ""
    text: str = ""
    date: dt.date | None = Field(default=None, description="release date")
    source: str | None = Field(default=None, description="file (and line) the document was read from")
    metadata: dict[str, Any] = Field(default_factory=dict)
    entities: list[EntitySpan] = Field(default_factory=list)
    dates: list[DateSpan] = Field(default_factory=list)
    history: list[HistoryEntry] = Field(default_factory=list)

    def field_text(self, field: SpanField) -> str:
        """The string a span with this ``field`` indexes into."""
        return self.title if field == "title" else self.text

    def invalid_spans(self) -> list[str]:
        """Describe every span whose offsets do not match its text; empty when all are valid."""
        problems = []
        for kind, spans in (("entities", self.entities), ("dates", self.dates)):
            for i, span in enumerate(spans):
                covered = self.field_text(span.field)[span.start : span.end]
                if span.end < span.start or covered != span.text:
                    problems.append(f"{kind}[{i}] {span.start}:{span.end} is {covered!r}, not {span.text!r}")
        return problems


def misbuilt_spans(doc: Document, kind: str) -> str | None:
    """What in ``doc``'s ``kind`` (entities or dates) is no span of that kind (a dict, another model), or None."""
    model = SPAN_TYPES[kind]
    spans = getattr(doc, kind)
    if type(spans) is not list:
        return f"{kind} as a {type(spans).__name__}, not a list"
    for index, span in enumerate(spans):
        if not isinstance(span, model):
            return (f"{kind}[{index}] is a {type(span).__name__}, not {model.__name__}; build it with "
                    f"{model.__name__}(...), which checks its fields")
    return None


#: the document's span lists and the type of their items
SPAN_TYPES: dict[str, type[Span]] = {"entities": EntitySpan, "dates": DateSpan}


def unchecked(model: type[_M], values: dict[str, Any]) -> _M:
    """A ``model`` holding ``values`` as they are, without validating them: ``values`` must give every field, each
    of its type. Only for what a built-in step computed itself (spans at its own offsets into the document, of
    types it made): validating them and ``model_copy`` were 2-3% of the dates and entities steps' instructions.
    What comes from outside (readers, third-party steps) is built by the model's own constructor, which validates;
    the runner checks that the span lists of a step that is not ``Step.trusted_spans`` hold spans that cover their
    text."""
    return _assembled(model, values, set(values))


def revised(doc: Document, changes: dict[str, Any]) -> Document:
    """``doc.model_copy(update=changes)`` at half its cost, for ``changes`` of the fields' own types."""
    return _assembled(Document, {**doc.__dict__, **changes}, doc.__pydantic_fields_set__ | changes.keys())


def unchecked_each(model: type[_M], rows: Iterable[dict[str, Any]]) -> list[_M]:
    """``unchecked`` for each of ``rows`` (the spans a step made for one document), in one call: each row gives every
    field of ``model``, as ``unchecked`` requires."""
    fields = frozenset(model.model_fields)
    return [_assembled(model, values, set(fields)) for values in rows]


# The four slots pydantic gives every model, set through their descriptors: `object.__setattr__` looks each one up
# by name first, a quarter of the cost of building a span.
_set_dict, _set_fields_set, _set_extra, _set_private = (
    BaseModel.__dict__[slot].__set__
    for slot in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
)


def _assembled(model: type[_M], values: dict[str, Any], fields_set: set[str]) -> _M:
    """A ``model`` instance given its fields' values and which were set, as pydantic lays one out (no extra fields,
    no private attributes), without validation."""
    built = object.__new__(model)
    _set_dict(built, values)
    _set_fields_set(built, fields_set)
    _set_extra(built, None)
    _set_private(built, None)
    return built
