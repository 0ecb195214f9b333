"""The record every step reads and returns: one press release with its spans and history."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

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
