"""Recognise a written date and check whether it is a given release date (for boilerplate rules)."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"

#: What ``{date}`` stands for in a boilerplate pattern: a full date, optionally after a weekday.
DATE_PATTERN = (
    rf"{_WEEKDAY}(?:{_DAY}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+{_DAY},?\s+\d{{4}}"
    r"|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:\d{4}|\d{2}))"
)

_DAY_MONTH = re.compile(rf"(?P<day>\d{{1,2}})\D*?\s+(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})", re.I)
_MONTH_DAY = re.compile(rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})\D*?,?\s+(?P<year>\d{{4}})", re.I)
_NUMERIC = re.compile(r"(?P<a>\d{1,2})\s*[/.-]\s*(?P<b>\d{1,2})\s*[/.-]\s*(?P<year>\d{4}|\d{2})")


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _candidates(text: str, release: dt.date) -> list[dt.date | None]:
    for form in (_DAY_MONTH, _MONTH_DAY):
        if m := form.search(text):
            month = _MONTHS.index(m["month"][:3].lower()) + 1
            return [_date(int(m["year"]), month, int(m["day"]))]
    if m := _NUMERIC.search(text):
        year = int(m["year"])
        if year < 100:  # two-digit years are read in the release's century
            year += release.year - release.year % 100
        a, b = int(m["a"]), int(m["b"])
        # A date that only repeats the release date may be written day- or month-first.
        return [_date(year, b, a), _date(year, a, b)]
    return []


def is_release_date(text: str, release: dt.date | None) -> bool:
    """True when ``text`` (matched by ``DATE_PATTERN``) names the release date."""
    return release is not None and release in _candidates(text, release)
