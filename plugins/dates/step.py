"""The `dates` step: the release date and every date mentioned in a release, as TIMEX3 values."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pressroom.core import DateSpan, Document, Step
from pressroom.core.document import revised, unchecked
from pressroom.plugins.dates.extract import find_dates, load_patterns
from pressroom.plugins.dates.matching import ALL_KINDS, Kind
from pressroom.plugins.dates.release_date import find_release_date
from pressroom.plugins.dates.timex import timex_type


class DatesOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    types: list[Kind] = Field(
        default_factory=lambda: list(ALL_KINDS),
        description=(
            "expression kinds to emit: absolute (25 January 2013, May 2008), numeric (13/03/2014), "
            "year (1998), partial (11 December, June), weekday (on Friday), relative (yesterday, "
            "last month, three weeks ago), period (2009-Q1, summer 2010, the 1990s), "
            "reference (now, recently: PRESENT_REF/PAST_REF/FUTURE_REF)"
        ),
    )
    numeric_order: Literal["day-first", "month-first"] = Field(
        default="day-first",
        description="how to read 03/04/2014 when both orders are valid; day-first suits most of the world",
    )
    prefer: Literal["tense", "past", "future"] = Field(
        default="tense",
        description=(
            "how to date a weekday, a month or a day and month without a year: from the tense of the "
            "sentence (`will meet on Friday`), or always the past or the future occurrence"
        ),
    )
    find_release_date: bool = Field(
        default=True, description="look for a dateline in the text when the reader gave no release date"
    )
    dateline_window: int = Field(
        default=400, ge=0, description="how many characters at the start of the text may hold the dateline"
    )


def _fields(doc: Document) -> tuple[tuple[Literal["title", "text"], str], ...]:
    """The fields a date span can index, with their text."""
    return (("title", doc.title), ("text", doc.text))


class DatesStep(Step):
    name = "dates"
    version = "0.2.0"
    description = "Finds the release date and every date mentioned in title and text, as TIMEX3 values."
    Options = DatesOptions
    reads = frozenset({"text", "title", "date"})
    changes = frozenset({"dates", "date", "metadata"})
    trusted_spans = True

    options: DatesOptions

    def setup(self) -> None:
        load_patterns()

    def process(self, doc: Document) -> Document:
        opts = self.options
        day_first = opts.numeric_order == "day-first"
        # A reader that knows where its date came from (page metadata, a feed) has said so already.
        release, source = doc.date, doc.metadata.get("date_source") or "reader"
        if release is None:
            found = find_release_date(doc.text, window=opts.dateline_window, day_first=day_first)
            release, source = (found, "dateline") if found and opts.find_release_date else (None, "none")
        # Spans at find_dates' own offsets, of the types it returns: built without validation.
        spans = [
            unchecked(DateSpan, {"start": h.start, "end": h.end, "text": value_text[h.start : h.end], "field": field,
                                 "value": h.value, "type": timex_type(h.value)})
            for field, value_text in _fields(doc)
            for h in find_dates(value_text, release, kinds=opts.types, day_first=day_first, prefer=opts.prefer)
        ]
        metadata = {**doc.metadata, "date_source": source}
        return revised(doc, {"date": release, "dates": spans, "metadata": metadata})
