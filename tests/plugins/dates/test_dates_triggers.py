"""The trigger windows are a speed-up only: each pattern finds in them exactly what it finds scanning the
whole text, on real releases and on long or spread-out expressions."""

from __future__ import annotations

import json
import re._parser
from pathlib import Path

import pytest

from pressroom.plugins.dates import triggers
from pressroom.plugins.dates.extract import _VOCABULARY, MATCHERS

DATA = Path(__file__).resolve().parents[2] / "data" / "dates"

TRICKY = [
    "1 year, 1 month, 1 week, 1 day, 1 hour and 1 minute ago",
    "Wednesday,  the 22nd of  September, 2016 and Wed Aug 05 12:00:00 2015",
    "the day before yesterday, the beginning of the year, the twenty-first century",
    "26 . 10.21 and 30 . 09 . 22 12.12 and 11. 12. 2014",
    "the 70s and 80s, the seventies, '82, Q3 2021, 2y ago, 1990s",
    "in three weeks' time, the years ahead, the first half of next year, October of next year",
    "9 and 10 July 1970, 2014-12-12, 2014/3/4, May 2008 and June, 2009 but not 12 June or 7.5 per cent",
    "29/02 and 01/12/2020, after 3 days, after 2 weeks, till date, 12\x1c/05/2014 and 1990\x1c-91",
]


def texts() -> list[str]:
    rows = [json.loads(line) for line in (DATA / "au_pm_releases.jsonl").open(encoding="utf-8")]
    return TRICKY + [text for row in rows for text in (row["title"], row["text"])]


@pytest.mark.parametrize("text", texts())
def test_windows_find_what_a_whole_text_scan_finds(text: str) -> None:
    lower = triggers.lowered(text)
    found = triggers.locate(lower, _VOCABULARY)
    for matcher in MATCHERS:
        everywhere = [m.span() for m in matcher.pattern.finditer(lower)]
        spans = triggers.windows(found, matcher.triggers, len(lower))
        in_windows = [m.span() for m in triggers.scan(matcher.pattern, lower, spans)]
        assert in_windows == everywhere, matcher.pattern.pattern[:80]


@pytest.mark.parametrize("text", texts())
def test_the_shortcuts_of_a_matcher_find_what_a_scan_of_its_windows_finds(text: str) -> None:
    """Windows without the needed trigger hold no match; where no match is shorter than a window, trying
    its start alone finds what a scan finds."""
    lower = triggers.lowered(text)
    found = triggers.locate(lower, _VOCABULARY)
    shortcut = (m for m in MATCHERS if (m.needs or m.fills_window) and not m.triggers.isdisjoint(found))
    for matcher in shortcut:  # the others scan their windows as the reference does: nothing to compare
        spans = triggers.windows(found, matcher.triggers, len(lower), matcher.reach)
        everywhere = [m.span() for m in triggers.scan(matcher.pattern, lower, spans)]
        if matcher.needs:
            spans = triggers.holding(spans, found.get(matcher.needs, []))
        scan = triggers.scan_starts if matcher.fills_window else triggers.scan
        assert [m.span() for m in scan(matcher.pattern, lower, spans)] == everywhere, matcher.source[:80]


@pytest.mark.parametrize("text", texts())
def test_ascii_text_is_located_as_other_text_is(text: str) -> None:
    """Digit runs in ASCII text are found on bytes; a non-ASCII character after the text sends it the
    other way, which finds the same."""
    lower = triggers.lowered(text)
    assert triggers.locate(lower, _VOCABULARY) == triggers.locate(lower + " é", _VOCABULARY)


def test_holding_keeps_the_windows_around_a_whole_span() -> None:
    lower = "on 3 may, may 2014 and may 20 15"
    found = triggers.locate(lower, frozenset({"may"}))
    spans = triggers.windows(found, {triggers.NUMBERED_MONTH}, len(lower), (2, 6))
    assert spans == [(3, 19), (21, 32)]  # `may 2014`, then `may 20 15`: no year there
    assert triggers.holding(spans, found[triggers.YEAR_DIGITS]) == [(3, 19)]


def test_lowered_keeps_offsets() -> None:
    text = "İstanbul, 3 March 2020"
    assert len(triggers.lowered(text)) == len(text)
    assert triggers.lowered(text).endswith("3 march 2020")


def test_windows_merge_and_stay_inside_the_text() -> None:
    lower = "in 2014 and 2015 it rained"
    found = triggers.locate(lower, frozenset())
    assert found[triggers.YEAR_DIGITS] == [(3, 7), (12, 16)]
    assert triggers.windows(found, {triggers.YEAR_DIGITS}, len(lower)) == [(0, len(lower))]


def test_no_pattern_matches_an_empty_string() -> None:
    """`scan` searches on from the end of each match, which would never move past an empty one."""
    for matcher in MATCHERS:
        assert re._parser.parse(matcher.source).getwidth()[0] > 0, matcher.source[:80]
