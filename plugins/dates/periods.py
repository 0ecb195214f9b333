"""Calendar periods: quarters, halves, seasons, decades, centuries (`2009-Q1`, `2010-SU`, `199`, `19`)."""

from __future__ import annotations

import re

from pressroom.plugins.dates import timex
from pressroom.plugins.dates.matching import Hit, Matcher, group, hit, is_capitalized, on, year
from pressroom.plugins.dates.programs import program
from pressroom.plugins.dates.resolve import Context
from pressroom.plugins.dates.triggers import DECADE_DIGITS, QUARTER_DIGITS
from pressroom.plugins.dates.vocab import ORDINAL_WORDS, SEASONS, alternation

_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             # Australian and New Zealand usage names a quarter by its last month.
             "march": 1, "june": 2, "september": 3, "december": 4}
_STEPS = {"last": -1, "previous": -1, "this": 0, "current": 0, "the": 0, "next": 1, "coming": 1}


def _period_year(m: re.Match[str], ctx: Context, number: int, per_year: int) -> int | None:
    """The year of a quarter/half/season: written, `of last year`, or the release year moved by tense."""
    written = group(m, "y") or group(m, "y2")
    if written:
        return int(written)
    if ctx.anchor is None:
        return None
    if group(m, "rel"):
        return ctx.anchor.year + _STEPS[group(m, "rel").lower()]
    current = (ctx.anchor.month - 1) * per_year // 12 + 1
    way = ctx.direction(m.start(), m.end())
    if way == "past" and number > current:
        return ctx.anchor.year - 1
    if way == "future" and number < current:
        return ctx.anchor.year + 1
    return ctx.anchor.year


def _quarter(m: re.Match[str], ctx: Context) -> list[Hit]:
    name = (group(m, "q") or group(m, "qn")).lower()
    if name in {"last", "final", "previous"} and not (group(m, "y") or group(m, "y2") or group(m, "rel")):
        # `the last quarter` alone is the one before the release date's
        if ctx.anchor is None:
            return hit(m, timex.PAST_REF, "period")
        year, month_ = timex.shift_months(ctx.anchor.year, ctx.anchor.month, -3)
        return hit(m, f"{year:04d}-Q{(month_ - 1) // 3 + 1}", "period")
    number = 4 if name in {"last", "final"} else _QUARTERS.get(name) or int(name)
    year_ = _period_year(m, ctx, number, 4)
    return hit(m, f"{year_:04d}-Q{number}" if year_ else f"XXXX-Q{number}", "period")


def _half(m: re.Match[str], ctx: Context) -> list[Hit]:
    number = 1 if m["h"].lower() in {"first", "1st"} else 2
    year_ = _period_year(m, ctx, number, 2)
    return hit(m, f"{year_:04d}-H{number}" if year_ else f"XXXX-H{number}", "period")


_CAPITAL_NEXT = program(r"\s+[A-Z]")


def _season(m: re.Match[str], ctx: Context) -> list[Hit]:
    """`spring`, `last summer`, `autumn 2008`; `fall` needs a modifier or year, `Winter Olympics` is a name."""
    name, modifier = m["s"].lower(), (m["mod"] or "").lower()
    written = m["y"]
    if name == "fall" and not (modifier or written):
        return []
    if not written and is_capitalized(ctx.text, m.start("s")) and _CAPITAL_NEXT.match(ctx.text, m.end()):
        return []
    code = SEASONS[name]
    if written:
        return hit(m, f"{written}-{code}", "period")
    if ctx.anchor is None:
        return hit(m, f"XXXX-{code}", "period")
    return hit(m, f"{ctx.anchor.year + _STEPS.get(modifier, 0):04d}-{code}", "period")


def _decade(m: re.Match[str], ctx: Context) -> list[Hit]:
    """`1990s` is 199; `the 70s`, `'70s`, `the seventies` are taken as the 1900s."""
    if group(m, "full"):
        return hit(m, m["full"][:3], "period")
    digit = str(_DECADE_WORDS.index(m["word"].lower()) + 2) if group(m, "word") else m["short"][0]
    return hit(m, "19" + digit, "period")


def _decade_pair(m: re.Match[str], ctx: Context) -> list[Hit]:
    """`the 70s and 80s`: both decades, each its own span."""
    return [Hit(m.start(g), m.end(g), "19" + m[g][0], "period") for g in ("d1", "d2")]


def _century(m: re.Match[str], ctx: Context) -> list[Hit]:
    number = int(m["c"]) if m["c"] else ORDINAL_WORDS[re.sub(r"[\s-]+", " ", m["cw"].lower())]
    return hit(m, f"{number - 1:02d}", "period")


_DECADE_WORDS = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
_OF_YEAR = rf"(?:\s+(?:of\s+)?{year('y')}|\s+of\s+(?:(?P<rel>this|last|next|the)\s+)year\b)?"

MATCHERS = [
    Matcher((
        rf"\b(?:the\s+)?(?P<q>{alternation(_QUARTERS)}|last|final|previous)[\s-]+quarter\b{_OF_YEAR}"
    ), _quarter, on("quarter")),
    Matcher(rf"\bq(?P<qn>[1-4])(?:\s+{year('y2')})?\b", _quarter, on(QUARTER_DIGITS), anchored=True, lead=1),
    Matcher((
        rf"\b(?:the\s+)?(?P<h>first|second|1st|2nd)\s+half\s+of\s+(?:{year('y')}|(?P<rel>this|last|next|the)\s+year)"
    ), _half, on("half")),
    Matcher((
        rf"\b(?:(?P<mod>this|last|next|early|late|mid)[\s-]+)?(?P<s>{alternation(SEASONS)})\b"
        rf"(?:\s+(?:of\s+)?{year('y')})?"
    ), _season, on(SEASONS)),
    Matcher(r"(?<![\w$])(?P<full>1[0-9]\d0|20\d0)['’]?s\b", _decade, on(DECADE_DIGITS), anchored=True),
    Matcher((
        rf"(?:\bthe\s+|(?<![\w$])['’])(?P<span>(?P<short>[2-9]0)['’]?s|(?P<word>{alternation(_DECADE_WORDS)}))\b"
    ), _decade, on(DECADE_DIGITS, _DECADE_WORDS)),
    Matcher(r"\bthe\s+(?P<d1>[2-9]0['’]?s)\s+(?:and|or|to)\s+(?P<d2>[2-9]0['’]?s)\b", _decade_pair,
            on(DECADE_DIGITS), deferred=False),
    Matcher((
        rf"\b(?:the\s+)?(?:(?P<c>\d{{1,2}})(?:st|nd|rd|th)|(?P<cw>{alternation(ORDINAL_WORDS)}))[\s-]+century\b"
    ), _century, on("century")),
]

