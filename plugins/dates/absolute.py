"""Dates that carry their own year: `25 January 2013`, `Jan. 25, 2013`, `8.12.75`, `May 2008`, `1998`."""

from __future__ import annotations

import re

from pressroom.plugins.dates import timex
from pressroom.plugins.dates.matching import (
    DAY_FIRST_REACH, MONTH_FIRST_REACH, WEEKDAY_OR_DAY_FIRST, WEEKDAY_OR_MONTH_FIRST, WEEKDAY_PREFIX, Hit, Matcher,
    day, hit, month, on, words_before, words_before_cased, year,
)
from pressroom.plugins.dates.programs import program
from pressroom.plugins.dates.resolve import Context
from pressroom.plugins.dates.triggers import (
    DATE_DIGITS, MONTH_FIRST, NUMBERED_MONTH, QUOTED_DIGITS, RANGE_DIGITS, YEAR_DIGITS, lowered,
)
from pressroom.plugins.dates.vocab import MONTHS, WEEKDAYS

_YEAR_SEP = r"(?:\s*,\s*|\s+|-)"
#: A clock time some formats put between the day and the year (`Wed Aug 05 12:00:00 2015`).
_CLOCK = r"\d{1,2}:\d\d(?::\d\d)?"


def _full(m: re.Match[str], ctx: Context, day_group: str = "d") -> str | None:
    date = timex.make_date(int(m["y"]), MONTHS[m["m"].lower().rstrip(".")], int(m[day_group]))
    return timex.day_value(date) if date else None


def _day_month_year(m: re.Match[str], ctx: Context) -> list[Hit]:
    return hit(m, _full(m, ctx), "absolute")


def _day_range(m: re.Match[str], ctx: Context) -> list[Hit]:
    """`9 and 10 July 1970`: the first day gets its own span, the rest is an ordinary date."""
    first, second = _full(m, ctx, "d1"), _full(m, ctx, "d")
    if first is None or second is None:
        return []
    return [Hit(m.start("d1"), m.end("d1"), first, "absolute"), Hit(m.start("rest"), m.end(), second, "absolute")]


def _month_year(m: re.Match[str], ctx: Context) -> list[Hit]:
    return hit(m, timex.month_value(int(m["y"]), MONTHS[m["m"].lower().rstrip(".")]), "absolute")


def _numeric(m: re.Match[str], ctx: Context) -> list[Hit]:
    """`13/03/2014`, `8.12.75`: day-first or month-first by option, swapped when only one order is valid."""
    # `11. 12. 2014` (spaced) is the second alternative of the pattern
    a, b, y = int(m["a"]), int(m["b"] or m["b2"]), m["y"] or m["y2"]
    full_year = int(y) if len(y) == 4 else ctx.two_digit_year(int(y))
    day_, month_ = (a, b) if ctx.day_first else (b, a)
    if month_ > 12:
        day_, month_ = month_, day_
    date = timex.make_date(full_year, month_, day_)
    return hit(m, timex.day_value(date) if date else None, "numeric")


def _iso(m: re.Match[str], ctx: Context) -> list[Hit]:
    date = timex.make_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return hit(m, timex.day_value(date) if date else None, "numeric")


# Words after which a bare four-digit number is a year even before a lower-case word (`in 2009 out of`,
# `the 2011 version`), where after other words it is a count (`of 2000 people`).
_STRONG_YEAR_CUES = {
    "in", "since", "by", "until", "till", "during", "before", "after", "early", "late", "mid", "between",
    "through", "throughout", "from", "circa", "the", "its", "fiscal", "financial", "calendar", "-",
}
# Labels after which a number is an identifier, not a year.
_YEAR_LABELS = {"no", "no.", "number", "resolution", "flight", "route", "room", "section", "article",
                "chapter", "page", "unit", "level", "bill", "act", "highway", "model", "version", "$", "#"}
_NEXT_WORD = program(r"\s([a-z][\w'’-]*)")


def _bare_year(m: re.Match[str], ctx: Context) -> list[Hit]:
    return hit(m, _year_value(m, ctx), "year")


def _year_value(m: re.Match[str], ctx: Context) -> str | None:
    """A four-digit number is a year unless it labels something or counts the plural noun after it."""
    before = words_before_cased(ctx.text, m.start())
    previous = before[0].lower() if before else ""
    if previous in _YEAR_LABELS:
        return None
    next_word = _NEXT_WORD.match(ctx.text, m.end())
    if _is_in_name(ctx.text, m.start(), m.end(), before):
        return None
    if next_word and _follows_year(ctx.text, m.start(), previous):
        next_word = None
    if next_word:
        plural = next_word[1].endswith("s") and not next_word[1].endswith(("'s", "’s", "ss"))
        if previous not in _STRONG_YEAR_CUES or (previous == "the" and plural):
            return None
    return timex.year_value(int(m["y"]))


_CAPITALIZED_NEXT = program(r"\s([A-Z][a-z]+)")
# The capitalised word before is the first of its sentence, so not (necessarily) a name.
_SENTENCE_START = program(r"[.!?\n]\s*\S+\s*$")
_YEAR_BEFORE = program(r"\b(?:1[5-9]|20)\d\d\s*(?:and|or|to|through|-|–)\s*$")


def _is_in_name(text: str, start: int, end: int, before: list[str]) -> bool:
    """`the Russell 2000 Index`: a number between two capitalised words belongs to a name, but not
    before a date (`Developers Conference 2010 June 8`)."""
    previous_capitalized = bool(before) and before[0][:1].isupper() and before[0].lower() not in MONTHS
    if not previous_capitalized:
        return False
    next_word = _CAPITALIZED_NEXT.match(text, end)
    if next_word is None or next_word[1].lower() in MONTHS or next_word[1].lower() in WEEKDAYS:
        return False
    return _SENTENCE_START.search(text, max(0, start - 30), start) is None


def _follows_year(text: str, start: int, previous: str) -> bool:
    """`between 2014 and 2016 it will`: the second of two coordinated years is a year too."""
    return previous in {"and", "or", "to", "through", "-", "–"} and (
        _YEAR_BEFORE.search(text, max(0, start - 20), start) is not None)


def _apostrophe_year(m: re.Match[str], ctx: Context) -> list[Hit]:
    """`since '82`: only after a preposition, where a quoted number cannot be anything else."""
    before = words_before(ctx.text, m.start())
    if not before or before[0] not in {"since", "in", "of", "until", "by", "from", "to", "and", "class"}:
        return []
    return hit(m, timex.year_value(ctx.two_digit_year(int(m["yy"]))), "year")


#: Patterns that name a whole day by themselves, the kind a dateline uses.
FULL_DATE_MATCHERS = [
    Matcher((
        rf"\b{WEEKDAY_OR_DAY_FIRST}{WEEKDAY_PREFIX}(?:the\s+)?{day('d')}(?:\s+of)?(?:\s+|-|\.\s*){month('m')}"
        rf"{_YEAR_SEP}{year('y')}"
    ), _day_month_year, on(NUMBERED_MONTH), reach=DAY_FIRST_REACH, needs=YEAR_DIGITS),
    Matcher((
        rf"\b{WEEKDAY_OR_MONTH_FIRST}{WEEKDAY_PREFIX}{month('m')}\]?(?:\s+|-)(?:the\s+)?{day('d')}"
        rf"(?:\s*,\s*|\s+)(?:of\s+)?"
        rf"(?:{_CLOCK}\s+)?{year('y')}"
    ), _day_month_year, on(MONTH_FIRST), reach=MONTH_FIRST_REACH, needs=YEAR_DIGITS),
    Matcher((
        rf"\b{day('d1')}\s*(?:-|–|and|to|&)\s*(?P<rest>{day('d')}\s+(?:of\s+)?{month('m')}{_YEAR_SEP}{year('y')})"
    ), _day_range, on(DATE_DIGITS, RANGE_DIGITS), needs=NUMBERED_MONTH, anchored=True, deferred=False),
    Matcher((
        # The first digit comes before the lookbehind (which then spans it), so that the regex engine skips to
        # the next digit in C instead of trying the lookbehind at every position (twice as fast).
        r"(?P<a>\d(?<![\w./:,-]\d)\d?)"
        r"(?:(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\w/-]|[.:,]\d)"
        # spaced: `11. 12. 2014`, `26 . 10.21`, `30 . 09 . 22`
        r"|(?:\s\.\s?|\.\s)(?P<b2>\d{1,2})\s?\.\s?(?P<y2>\d{4}|\d{2})(?!\d|[.,:]\d))"
    ), _numeric, on(DATE_DIGITS), anchored=True),
    Matcher((
        r"(?<![\w./:,-])(?P<y>1[0-9]\d\d|20\d\d|21\d\d)(?P<sep>[-/.])(?P<mo>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d])"
    ), _iso, on(DATE_DIGITS), anchored=True),
]



def full_dates(text: str, *, day_first: bool = True) -> list[Hit]:
    """The whole dates (day, month and year) in a short text, in text order, overlaps included."""
    ctx = Context(text=text, anchor=None, day_first=day_first, prefer="past")
    lower = lowered(text)
    hits = [found for matcher in FULL_DATE_MATCHERS
            for m in matcher.pattern.finditer(lower) for found in matcher.handle(m, ctx)]
    return sorted(hits, key=lambda h: h.start)


MATCHERS = [
    *FULL_DATE_MATCHERS,
    Matcher(rf"\b{month('m')}(?:\s*,\s*|\s+)(?:of\s+)?{year('y')}", _month_year, on(MONTH_FIRST),
            needs=YEAR_DIGITS, anchored=True),
    Matcher((
        rf"(?<![\w$£€#.,/'’])(?<!\d-)(?P<y>1[5-9]\d\d|20\d\d)"
        rf"(?![\d%]|[.,:/]\d|[-–]\d|[a-z]|\s*(?:per\s*cent|percent))"
    ), _bare_year, on(YEAR_DIGITS), anchored=True),
    Matcher(r"(?<![\w'’])['’](?P<yy>\d\d)(?![\w'’])", _apostrophe_year, on(QUOTED_DIGITS), anchored=True,
            lead=1),
]
