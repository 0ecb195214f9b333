"""A time of day written next to a dated day makes a TIMEX3 time: `16:00 UTC today`, `Friday at 10.30am`,
`December 13, 2014 at midnight` -> `2009-06-01T16:00`, the span widened over the clock."""

from __future__ import annotations

import re

from pressroom.plugins.dates.matching import Hit
from pressroom.plugins.dates.programs import program

# `9 pm`, `10.30 a.m.`, `16:00` (a bare `4.30` is too often an amount), `noon`, `midnight`.
_CLOCK = (
    r"(?:(?P<h>1[0-2]|0?\d)(?:[:.](?P<m>[0-5]\d))?\s*(?P<half>[ap])\.?m\b\.?"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])"
    r"|(?P<word>noon|midday|midnight))"
)
_ZONE = r"(?:[^\S\n]+(?:utc|gmt|[a-z]{1,3}[sd]t)\b)?"
# `at` is a preposition and stays out of a clock before the day, as TimeML leaves it out of any span;
# a comma between them makes two expressions (`at 16:15 UTC, June 1st`).
_BEFORE = program(rf"\b{_CLOCK}{_ZONE}[^\S\n]+$")
_AFTER = program(rf"[^\S\n]*,?[^\S\n]*(?:at[^\S\n]+)?{_CLOCK}{_ZONE}")
_DAY = program(r"\d{4}-\d\d-\d\d")
_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}
# How a clock and its zone can end: a digit, `am`, `a.m`, `am.`, a word above, a zone (`utc`, `gmt`, `aest`, `edt`).
_CLOCK_ENDS = (*"0123456789", "m", "m.", *_WORDS, "utc", "gmt", "st", "dt")


def with_clock(lower: str, hit: Hit, floor: int, ceiling: int) -> Hit:
    """The hit widened over a clock just before or after it (not into its neighbours), as a time; the
    patterns read the lower-cased text."""
    if not _DAY.fullmatch(hit.value):
        return hit
    window_start = max(floor, hit.start - 30)
    # A clock before the day ends in one of these, then spaces: a test of the string's end rules out most hits
    # at a fraction of the regex search's cost.
    before = None
    if lower[window_start : hit.start].rstrip().endswith(_CLOCK_ENDS):
        before = _BEFORE.search(lower, window_start, hit.start)
    if before:
        return Hit(before.start(), hit.end, f"{hit.value}T{_time(before)}", hit.kind)
    after = _AFTER.match(lower, hit.end, ceiling)
    if after:
        return Hit(hit.start, after.end(), f"{hit.value}T{_time(after)}", hit.kind)
    return hit


def _time(m: re.Match[str]) -> str:
    if m["word"]:
        return _WORDS[m["word"]]
    if m["h24"]:
        return f"{int(m['h24']):02d}:{m['m24']}"
    hour = int(m["h"]) % 12 + (12 if m["half"] == "p" else 0)
    return f"{hour:02d}:{m['m'] or '00'}"
