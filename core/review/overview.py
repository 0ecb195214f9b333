"""The corpus at a glance, for the site's index: documents by release date, span counts per label, top entities."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from pressroom.core.document import Document

#: Bars of the release-date chart are years when the documents span more than this many years, else months.
MONTHLY_UP_TO_YEARS = 3
TOP_ENTITIES = 25


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    start: dt.date  # first day of the bar's period
    end: dt.date  # last day


@dataclass
class Overview:
    """Accumulates one document at a time, so that a corpus never has to be held in memory."""

    documents: int = 0
    undated: int = 0
    dates: Counter[dt.date] = field(default_factory=Counter)
    #: label -> spans, label -> documents with at least one; dates count under their TIMEX3 type.
    spans_per_label: Counter[str] = field(default_factory=Counter)
    documents_per_label: Counter[str] = field(default_factory=Counter)
    date_labels: set[str] = field(default_factory=set)
    entities: Counter[tuple[str, str]] = field(default_factory=Counter)  # (name, label) -> mentions

    def add(self, doc: Document) -> None:
        self.documents += 1
        if doc.date is None:
            self.undated += 1
        else:
            self.dates[doc.date] += 1
        labels = [span.label for span in doc.entities] + [span.type for span in doc.dates]
        self.spans_per_label.update(labels)
        self.documents_per_label.update(set(labels))
        self.date_labels.update(span.type for span in doc.dates)
        self.entities.update((span.canonical or span.text, span.label) for span in doc.entities)

    def labels(self) -> list[str]:
        """Entity labels by frequency, then date types by frequency."""
        ranked = [label for label, _ in self.spans_per_label.most_common()]
        return [label for label in ranked if label not in self.date_labels] + \
               [label for label in ranked if label in self.date_labels]

    def top_entities(self) -> list[tuple[str, str, int]]:
        return [(name, label, count) for (name, label), count in self.entities.most_common(TOP_ENTITIES)]

    def bars(self) -> list[Bar]:
        """One bar per year or per month from the first release date to the last, empty periods included."""
        if not self.dates:
            return []
        first, last = min(self.dates), max(self.dates)
        if last.year - first.year > MONTHLY_UP_TO_YEARS:
            years = Counter({year: 0 for year in range(first.year, last.year + 1)})
            for day, count in self.dates.items():
                years[day.year] += count
            return [Bar(str(year), count, dt.date(year, 1, 1), dt.date(year, 12, 31))
                    for year, count in sorted(years.items())]
        months: Counter[tuple[int, int]] = Counter()
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            months[year, month] = 0
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        for day, count in self.dates.items():
            months[day.year, day.month] += count
        bars = []
        for (year, month), count in sorted(months.items()):
            following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
            bars.append(Bar(f"{year}-{month:02d}", count, dt.date(year, month, 1),
                            following - dt.timedelta(days=1)))
        return bars
