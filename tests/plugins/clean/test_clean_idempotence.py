"""Property: cleaning twice equals cleaning once, on generated release-like and arbitrary text; the step's later
rounds, which skip work, equal whole rounds."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressroom.core import Document
from pressroom.plugins.clean import step as step_module
from pressroom.plugins.clean.boilerplate import LineVerdicts
from pressroom.plugins.clean.step import CleanStep, _until_stable

SLICE = Path(__file__).resolve().parents[2] / "data" / "clean" / "au-pm-slice.jsonl"

STEP = CleanStep({"extra_patterns": [{"name": "page", "pattern": r"-\s*\d+\s*-"}]})
STEP.setup()

# Pieces of real releases, including everything some rule reacts to.
PIECES = st.sampled_from(
    [
        "the", "of", "Minister", "GOVERNMENT", "said", "a", "Canberra", "develop-", "co-", "Asia-", "-", "1990-",
        "ment", "operation", "Pacific", ".", ",", ":", ";", "?", "'", "\u201c", "\u201d", "\u2019",
        "ENDS", "[ends]", "# # #", "E&OE", "FOR PRESS", "MEDIA RELEASE", "FOR MEDIA 14 JANUARY 1991",
        "14 January 1991", "15/01/1991", "Media contact:", "For further information", "(02) 6277 7744",
        "- 2 -", "&amp;", "\u00e2\u20ac\u2122", "\u00c3\u00a9", "\x85", "\u00a0", "\u200b", "\u2028", "\u2029",
        "\uf0b7", "e\u0301", "\t", "  ", " ", "\n", "\n\n", "\n\n\n", "\r\n",
    ]
)
RELEASE_LIKE = st.lists(st.one_of(PIECES, PIECES.map(lambda p: p + " ")), max_size=60).map("".join)
DATES = st.sampled_from([None, dt.date(1991, 1, 14)])


def assert_idempotent(title: str, text: str, date: dt.date | None) -> None:
    once = STEP.process(Document(id="d", title=title, text=text, date=date))
    twice = STEP.process(once)
    assert (twice.text, twice.title) == (once.text, once.title)


@settings(max_examples=400, deadline=None)
@given(RELEASE_LIKE, RELEASE_LIKE, DATES)
def test_release_like_text(title: str, text: str, date: dt.date | None) -> None:
    assert_idempotent(title, text, date)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200), DATES)
def test_arbitrary_text(title: str, text: str, date: dt.date | None) -> None:
    assert_idempotent(title, text, date)


# The step's later rounds skip the stages that are no-ops on a round's output; the reference applies the whole of
# `_clean_text` until the text is stable, and both must give the same text and the same counts.
OPTION_SETS = [
    {},
    {"rejoin_lines": False},
    {"join_hyphenated": False},
    {"remove_boilerplate": False},
    {"fix_encoding": False, "normalize_characters": False},
]
STEPS = [CleanStep({**options, "extra_patterns": [{"name": "page", "pattern": r"-\s*\d+\s*-"}]}) for options in OPTION_SETS]
for _step in STEPS:
    _step.setup()


def assert_rounds_as_full_rounds(step: CleanStep, text: str, date: dt.date | None) -> None:
    counts: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    cleaned = step._clean_text_until_stable(text, date, counts)
    assert cleaned == _until_stable(lambda t: step._clean_text(t, LineVerdicts(step._rules, date), expected), text)
    assert counts == expected


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(STEPS), RELEASE_LIKE, DATES)
def test_later_rounds_equal_full_rounds_on_release_like_text(step: CleanStep, text: str, date: dt.date | None) -> None:
    assert_rounds_as_full_rounds(step, text, date)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(STEPS), st.text(max_size=200), DATES)
def test_later_rounds_equal_full_rounds_on_arbitrary_text(step: CleanStep, text: str, date: dt.date | None) -> None:
    assert_rounds_as_full_rounds(step, text, date)


def test_later_rounds_equal_full_rounds_on_real_releases() -> None:
    rows = [json.loads(line) for line in SLICE.read_text(encoding="utf-8").splitlines()]
    for step in STEPS:
        for row in rows:
            assert_rounds_as_full_rounds(step, row["text"], dt.date.fromisoformat(row["date"]))


def test_a_second_round_still_removes_a_line_that_a_join_made() -> None:
    """`en-` / `ds` join into `ends`, which the end-mark rule removes in the second round."""
    text = "The Minister said that the plan would go ahead as agreed in the budget.\n\nen-\nds"
    doc = STEPS[0].process(Document(id="d", title="", text=text, date=None))
    assert doc.text == "The Minister said that the plan would go ahead as agreed in the budget."
    assert doc.metadata["clean"] == {"hyphen_join": 1, "ends": 1}


def test_a_round_that_changes_nothing_rebuilds_no_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A release whose first round joins broken lines and removes a header: the second round runs the encoding
    repair and the boilerplate rules only."""
    calls: list[int] = []
    real_rejoin = step_module.rejoin
    monkeypatch.setattr(step_module, "rejoin", lambda *args, **kw: calls.append(1) or real_rejoin(*args, **kw))
    text = "MEDIA RELEASE\n\nThe Minister said today that the\n\nplan would go ahead as agreed.\n\nENDS"
    doc = STEPS[0].process(Document(id="d", title="", text=text, date=None))
    assert doc.text == "The Minister said today that the plan would go ahead as agreed."
    assert doc.metadata["clean"] == {"press_header": 1, "ends": 1, "paragraph_join": 1}
    assert len(calls) == 1
