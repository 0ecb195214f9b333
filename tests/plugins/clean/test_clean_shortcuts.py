"""The step's shortcuts decide exactly what the plain definitions decide: which lines ftfy must see, which
lines an `anywhere` rule can match, which spaces around newlines go and how many, how lines group into
paragraphs."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from pressroom.core import Document
from pressroom.plugins.clean import encoding
from pressroom.plugins.clean.layout import _strip_line_edges, paragraphs
from pressroom.plugins.clean.step import CleanStep

# The definition: ftfy leaves alone a line of tab, newline and printable ASCII except '&'.
NEEDS_FTFY = re.compile(r"[^\t\n\x20-\x25\x27-\x7e]")
# ASCII controls, entities, C1 controls, mojibake, a lone surrogate and plain words.
PIECES = st.sampled_from(
    ["plain words", "&amp;", "&", "<b>", "\x1b[1m", "\r", "\x00", "\x7f", "\x85", "\u00a0", "\u00c3\u00a9",
     "\u2019", "\ud800", "\t", " ", "\n", "\n\n"]
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_ftfy_sees_exactly_the_lines_that_can_need_it(text: str) -> None:
    seen: list[str] = []
    fix_line = encoding._fix_line

    def recording(line: str, markup: bool) -> tuple[str, tuple[str, ...]]:
        seen.append(line)
        return fix_line(line, markup)

    encoding._fix_line = recording  # type: ignore[assignment]
    try:
        encoding.repair_encoding(text, Counter())
    finally:
        encoding._fix_line = fix_line
    assert seen == [line for line in text.split("\n") if NEEDS_FTFY.search(line)]


def test_anywhere_rule_matches_the_first_middle_and_last_line() -> None:
    step = CleanStep()
    step.setup()
    prose = "The Prime Minister said today that the talks in Canberra had gone well."
    for text in (f"E&OE\n\n{prose}", f"{prose}\n\nE & OE\n\n{prose}", f"{prose}\n\nE&OE - PROOF ONLY"):
        cleaned = step.process(Document(id="d", text=text))
        assert cleaned.text == "\n\n".join([prose] * text.count(prose))
        assert cleaned.metadata["clean"] == {"eeo": 1}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", "a", "b c", "\u00e9t\u00e9", "-"]), max_size=20))
def test_paragraphs_are_the_runs_of_lines_between_blank_lines(lines: list[str]) -> None:
    blocks = paragraphs(lines)
    assert all(block and all(block) for block in blocks)
    collapsed = re.sub(r"\n\n+", "\n\n", "\n".join(lines)).strip("\n")
    assert "\n\n".join("\n".join(block) for block in blocks) == collapsed


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "\n", "\n\n", "a", "b c", "  "]), max_size=25).map("".join))
def test_spaces_around_newlines_go_and_are_counted_as_the_pattern_does(text: str) -> None:
    assert _strip_line_edges(text) == re.subn(r"[ \t]+\n[ \t]*|\n[ \t]+", "\n", text)
