"""Property: cleaning twice equals cleaning once, on generated release-like and arbitrary text."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from pressroom.core import Document
from pressroom.plugins.clean.step import CleanStep

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
