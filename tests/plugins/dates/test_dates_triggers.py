"""Triggers are a speed-up only: each pattern finds at its trigger positions (anchored matchers) or in its
trigger windows exactly what it finds scanning the whole text, on real releases and on long or spread-out
expressions."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import re._parser
import subprocess
import sys
from pathlib import Path

import pytest

from pressroom.plugins.dates import triggers
from pressroom.plugins.dates.extract import _VOCABULARY, MATCHERS
from pressroom.plugins.dates.matching import span_of
from pressroom.plugins.dates.resolve import Context
from pressroom.plugins.dates.vocab import MONTHS, NUMBER_WORDS

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
    "1st and 2nd July 2014, 21st - 23rd May 2019, 3rd to 5th of june 2001, 7 & 8 Aug. 1999, 1st-class",
    "12.\n05.2014, 3 .\t4 . 15, the 20s and 30s, 1970's, the '90s, 15s, 1995st, 2000s-era",
    "June, 2009, Sept. the 5th, 2014, Wed June 5, 2013, may of 2008, Jan]  25 2010, Aug 05 12:00:00 2015",
    "twenty-five years ago, in a year's time, several decades later, 1 year,2 months and 3 days before.",
]


def texts() -> list[str]:
    rows = [json.loads(line) for line in (DATA / "au_pm_releases.jsonl").open(encoding="utf-8")]
    return TRICKY + [text for row in rows for text in (row["title"], row["text"])]


@pytest.mark.parametrize("text", texts())
def test_windows_find_what_a_whole_text_scan_finds(text: str) -> None:
    lower = triggers.lowered(text)
    found = triggers.locate(lower, _VOCABULARY)
    for matcher in MATCHERS:
        if matcher.anchored:
            continue
        everywhere = [m.span() for m in matcher.pattern.finditer(lower)]
        spans = triggers.windows(found, matcher.triggers, len(lower))
        in_windows = [m.span() for m in triggers.scan(matcher.pattern, lower, spans)]
        assert in_windows == everywhere, matcher.pattern.pattern[:80]


@pytest.mark.parametrize("text", texts())
def test_anchored_matchers_find_at_their_triggers_what_a_whole_text_scan_finds(text: str) -> None:
    """Every match of an anchored matcher starts at one of its triggers (`lead` characters before it), and
    contains its needed trigger: trying those positions alone finds every match."""
    lower = triggers.lowered(text)
    found = triggers.locate(lower, _VOCABULARY)
    for matcher in MATCHERS:
        if not matcher.anchored:
            continue
        everywhere = [m.span() for m in matcher.pattern.finditer(lower)]
        spans = triggers.starts(found, matcher.triggers)
        at_triggers = [m.span() for m in triggers.scan_at(matcher.pattern, lower, spans, matcher.lead)]
        assert at_triggers == everywhere, matcher.source[:80]
        assert not everywhere or matcher.needs is None or matcher.needs in found, matcher.source[:80]


@pytest.mark.parametrize("text", texts())
def test_the_windows_holding_a_needed_trigger_hold_every_match(text: str) -> None:
    """Windows without the needed trigger hold no match."""
    lower = triggers.lowered(text)
    found = triggers.locate(lower, _VOCABULARY)
    for matcher in MATCHERS:
        if matcher.anchored or not matcher.needs or matcher.triggers.isdisjoint(found):
            continue
        spans = triggers.windows(found, matcher.triggers, len(lower), matcher.reach)
        everywhere = [m.span() for m in triggers.scan(matcher.pattern, lower, spans)]
        spans = triggers.holding(spans, found.get(matcher.needs, []))
        assert [m.span() for m in triggers.scan(matcher.pattern, lower, spans)] == everywhere, matcher.source[:80]


def test_digit_runs_are_told_apart_by_what_follows_them() -> None:
    lower = "on 1st and 2nd july 2014, the 1990s, 15s, 12.\n05.2014, june 5 and 3 - 4 may"
    found = triggers.locate(lower, _VOCABULARY)
    at = {shape: [lower[start:end] for start, end in found.get(shape, [])]
          for shape in (triggers.RANGE_DIGITS, triggers.DECADE_DIGITS, triggers.DATE_DIGITS)}
    assert at == {triggers.RANGE_DIGITS: ["1", "5"], triggers.DECADE_DIGITS: ["1990"],
                  triggers.DATE_DIGITS: ["12", "05", "3"]}
    # a number follows `july` (its year) and `june`, so a date may start at them; none follows `may`
    assert [lower[start:end] for start, end in found[triggers.MONTH_FIRST]] == ["july", "june"]
    assert [lower[start:end] for start, end in found[triggers.NUMBERED_MONTH]] == ["july", "june", "may"]


def test_units_of_time_after_a_number_are_counted() -> None:
    lower = "three weeks ago, this year, a few days, 10 years, several months, the years ahead, 2 decades"
    found = triggers.locate(lower, _VOCABULARY)
    assert [lower[start:end] for start, end in found[triggers.COUNTED_UNIT]] == [
        "weeks", "days", "years", "months", "decades"]


@pytest.mark.parametrize("text", [*texts(), "seventeen \t\n  years, a\u2003week, 1 \u00a0days, twenty-one decades"])
def test_a_count_is_sought_where_it_can_start_as_in_the_whole_stretch_before_a_unit(text: str) -> None:
    lower = triggers.lowered(text)
    for unit in re.finditer(r"\b(?:days?|weeks?|months?|years?|decades?)\b", lower):
        whole_stretch = triggers._COUNT_BEFORE.search(lower, max(0, unit.start() - triggers._COUNT_REACH), unit.start())
        assert triggers._follows_count(lower, unit.start()) == (whole_stretch is not None), lower[:unit.end()][-60:]


def test_every_count_word_is_one_word_as_the_reach_of_a_count_assumes() -> None:
    """`_COUNT_LENGTH` is the longest count word's length; a spaced one (`a dozen`) may be written with any run of
    spaces, so it would start further back and be missed: its reach must then be derived otherwise."""
    assert not [word for word in (*NUMBER_WORDS, *triggers._COUNT_WORDS) if not word.isalpha()]


@pytest.mark.parametrize("text", [*texts(), "may 2014, ١٩ may, in the month of may as we all know, june, 12 july"])
def test_a_month_is_numbered_where_a_search_of_the_stretch_around_it_finds_a_digit(text: str) -> None:
    lower = triggers.lowered(text)
    found = triggers.locate(lower, _VOCABULARY)
    months = sorted(span for word, spans in found.items() if word in MONTHS for span in spans)
    near = [(start, end) for start, end in months
            if re.search(r"\d", lower[max(0, start - triggers._NEAR) : end + triggers._NEAR])]
    assert found.get(triggers.NUMBERED_MONTH, []) == near


def test_scan_at_takes_no_match_inside_the_one_before() -> None:
    pattern = re.compile(r"\d+(?:-\d+)?")
    assert [m[0] for m in triggers.scan_at(pattern, "1-2-3 4", [(0, 1), (2, 3), (4, 5), (6, 7)])] == ["1-2", "3", "4"]
    assert [m[0] for m in triggers.scan_at(re.compile(r"'\d\d"), "in '82", [(4, 6)], lead=1)] == ["'82"]


@pytest.mark.parametrize("text", texts())
def test_ascii_text_is_located_as_other_text_is(text: str) -> None:
    """Digit runs in ASCII text are found on bytes; a non-ASCII character after the text sends it the
    other way, which finds the same."""
    lower = triggers.lowered(text)
    assert triggers.locate(lower, _VOCABULARY) == triggers.locate(lower + " é", _VOCABULARY)


def test_digit_runs_outside_ascii_start_at_every_digit_and_only_there() -> None:
    """Runs in non-ASCII text start at what `\\d` takes: Arabic-Indic and full-width digits, not `²` or letters."""
    lower = "in ١٩٩٨ and ２０１４, ²3 Ω7 é 12/05/2001, 9–10 may ’82 ’90s 2y"
    runs = [m.span() for m in triggers._DIGIT_RUN.finditer(lower)]
    assert runs == [m.span() for m in re.finditer(r"\d+", lower)]
    assert [lower[start:end] for start, end in runs][:3] == ["١٩٩٨", "２０１４", "3"]


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


@pytest.mark.parametrize("text", texts())
def test_a_deferred_handler_gives_at_most_one_hit_over_its_match_or_span_group(text: str) -> None:
    """A deferred handler runs only when no longer candidate covers the span its match was chosen by
    (`span_of`): a hit anywhere else, or a second hit, would slip past that choice. Every match is tried here,
    with and without a release date, including those a longer candidate would keep from running."""
    lower = triggers.lowered(text)
    for anchor in (dt.date(2022, 12, 15), None):
        ctx = Context(text=text, anchor=anchor)
        for matcher in MATCHERS:
            if not matcher.deferred:
                continue
            for m in matcher.pattern.finditer(lower):
                hits = matcher.handle(m, ctx)
                assert len(hits) <= 1, (matcher.source[:80], hits)
                assert all((h.start, h.end) == span_of(m) for h in hits), (matcher.source[:80], hits, span_of(m))


def test_the_patterns_are_the_same_text_in_every_process() -> None:
    """Alternations built from sets of words come out in one order whatever the hash seed."""
    script = "from pressroom.plugins.dates.extract import MATCHERS; print('\\n'.join(m.source for m in MATCHERS))"
    sources = {
        subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2", "3")
    }
    assert len(sources) == 1
    assert len(next(iter(sources)).splitlines()) == len(MATCHERS)
