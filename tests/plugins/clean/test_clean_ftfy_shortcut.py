"""The ftfy shortcut gives exactly ftfy's answer whenever it gives one, and gives one for most real lines."""

from __future__ import annotations

import json
from itertools import product
from pathlib import Path

import ftfy
import pytest
from ftfy import chardata
from ftfy.badness import BADNESS_RE
from hypothesis import given, settings
from hypothesis import strategies as st

from pressroom.plugins.clean import ftfy_shortcut
from pressroom.plugins.clean.encoding import _rule_name
from pressroom.plugins.clean.ftfy_shortcut import FtfyShortcut, telltales

SLICE = Path(__file__).resolve().parents[2] / "data" / "clean" / "au-pm-slice.jsonl"
PLAIN = ftfy.TextFixerConfig(explain=True)
MARKUP = PLAIN._replace(unescape_html=False)
# Mojibake, its look-alikes in real text, entities, markup, every kind of character a fixer acts on, and the
# typographic characters of modern releases.
PIECES = st.sampled_from(
    ["plain words", " ", "it", "'s", "\u2019", "\u2018", "\u201c", "\u201d", "\u201e", "\u02bc", "\u2013", "\u2014",
     "\u2026", "\u2022", "\u00a0", "\u00a9", "\u00ae", "\u2122", "\u00b0", "\u00e9", "\u00c9", "\u00fc", "\u0153",
     "\u0153 900", "\u00a3", "\u20ac", "\u00bd", "\u00c3\u00a9", "\u00c3\u00a0", "\u00c3 ", "\u00e2\u20ac\u2122",
     "\u00e2\u20ac\u0153", "\u00c2\u00a0", "\u00c2 ", "\u00d0\u00bf", "\u0432\u0402", "\u00c3", "\u00e2\u20ac",
     "&amp;", "&eacute;", "&", "&#x2019;", "<b>", "\x85", "\x93", "\x1b[1m", "\r", "\x00", "\x7f", "\ufb01",
     "\uff21", "\u3000", "\u2028", "\ud800", "e\u0301", "\u0301", "\ufeff", "\u200b", "\u00e9\u201d", "\u2033",
     # UTF-8 read as Mac Roman or cp437, lossy mojibake (U+FFFD, its byte 0x1A, '?'), and OCR's pound sign
     "\u0153\u00c4", "\u00cf\u20ac", "\u221a\u00a9", "\u251c\u2310", "\ufffd", "\x1a", "\u00c2?",
     "\u00e2\u20ac\ufffd", "\u0153-100,000"]
)
LINES = st.lists(PIECES, min_size=1, max_size=12).map("".join)


@pytest.fixture(scope="module")
def shortcut() -> FtfyShortcut:
    return FtfyShortcut()


def ftfy_answer(line: str, config: ftfy.TextFixerConfig) -> tuple[str, tuple[str, ...]]:
    fixed, explanation = ftfy.fix_and_explain(line, config)
    return fixed, tuple(sorted({_rule_name(action, detail) for action, detail in explanation or ()}))


def assert_same_as_ftfy(shortcut: FtfyShortcut, line: str) -> bool:
    known = shortcut.fix(line)
    if known is not None:
        assert known == ftfy_answer(line, PLAIN), repr(line)
        if "&" in line:  # the configurations differ only in unescaping entities
            assert known == ftfy_answer(line, MARKUP), repr(line)
    return known is not None


SHORTCUT = FtfyShortcut()


@settings(max_examples=1500, deadline=None)
@given(LINES)
def test_the_shortcut_answers_as_ftfy_does(line: str) -> None:
    assert_same_as_ftfy(SHORTCUT, line)


def test_every_basic_plane_character_in_word_and_quote_contexts(shortcut: FtfyShortcut) -> None:
    answered = sum(assert_same_as_ftfy(shortcut, f"a{chr(code)}b \u201c{chr(code)}\u2019s") for code in range(0x10000))
    assert answered > 60000  # most characters are none of ftfy's business


def test_every_match_of_ftfys_mojibake_pattern_holds_a_telltale(shortcut: FtfyShortcut) -> None:
    found = telltales(BADNESS_RE, set())
    assert found is not None
    # Every pair of the characters the pattern names, and of plain ones around them.
    named = {c for c in BADNESS_RE.pattern if not c.isascii()} | set("aZ .'\"1-")
    for pair in product(named, repeat=2):
        text = "".join(pair)
        if BADNESS_RE.search(text):
            assert found & set(text), repr(text)


def test_pound_signs_read_as_oe_are_answered_as_ftfy_leaves_them(shortcut: FtfyShortcut) -> None:
    """OCR'd releases write `\u0153` for `\u00a3`; ftfy's mojibake pattern flags the lines, and none of its
    encodings re-decodes them: the shortcut says so without running ftfy."""
    lines = ("the \u0153 900", "\u0153-100,000 in 1962/ 63.", "grants of \u0153 750,000 \u201ceach\u201d")
    assert all(BADNESS_RE.search(line) for line in lines)
    assert [shortcut.fix(line) for line in lines] == [ftfy_answer(line, PLAIN) for line in lines]
    assert shortcut.fix(lines[2]) == ('grants of \u0153 750,000 "each"', ("uncurl_quotes",))


def test_every_character_of_a_single_byte_encoding_beside_mojibake(shortcut: FtfyShortcut) -> None:
    """Each character that ftfy's single-byte encodings give for a byte past ASCII (or for 0x1A), before, after
    and on both sides of the `\u0153` that makes a line look like mojibake: whichever way ftfy goes."""
    chars = {c for encoding in chardata.CHARMAP_ENCODINGS for c in bytes([*range(0x80, 0x100), 0x1A]).decode(encoding)}
    lines = [line for c in sorted(chars) for line in (f"\u0153{c}", f"{c}\u0153", f"\u0153 {c}x", f"a{c}\u0153{c}")]
    answered = sum(assert_same_as_ftfy(shortcut, line) for line in lines)
    assert 0.5 * len(lines) < answered < len(lines)  # some are re-decoded by ftfy (\u0153\u00c4 is Mac Roman UTF-8)


def test_typographic_characters_need_no_mojibake_check(shortcut: FtfyShortcut) -> None:
    found = telltales(BADNESS_RE, set("\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u2022\u00a0\u00a9\u00ae\u2122"))
    assert found is not None and not found & set("\u2019\u201c\u201d\u2013\u2014\u2026\u00a0")
    line = "The Prime Minister\u2019s \u201cplan\u201d \u2013 a\u00a0start\u2026"
    assert shortcut.fix(line) == ("The Prime Minister's \"plan\" \u2013 a\u00a0start\u2026", ("uncurl_quotes",))


def test_mojibake_entities_and_fixer_characters_are_left_to_ftfy(shortcut: FtfyShortcut) -> None:
    for line in ("caf\u00c3\u00a9", "the \u0153\u00c4", "a &amp; b", "\x93quoted\x94", "\ufb01nal", "e\u0301", "a\rb"):
        assert shortcut.fix(line) is None, repr(line)
    assert shortcut.fix("Trade & Industry") == ("Trade & Industry", ())


def test_most_non_ascii_lines_of_real_releases_are_answered(shortcut: FtfyShortcut) -> None:
    rows = [json.loads(line) for line in SLICE.read_text(encoding="utf-8").splitlines()]
    lines = [line for row in rows for line in (row["title"] + "\n" + row["text"]).split("\n") if not line.isascii()]
    answered = sum(assert_same_as_ftfy(shortcut, line) for line in lines)
    assert len(lines) > 100 and answered >= 0.8 * len(lines)


def test_ftfy_has_the_fixers_the_shortcut_knows() -> None:
    # A fixer added in a later ftfy acts on characters the shortcut does not know: review it before upgrading.
    assert set(ftfy.TextFixerConfig._fields) == {
        "unescape_html", "remove_terminal_escapes", "fix_encoding", "restore_byte_a0", "replace_lossy_sequences",
        "decode_inconsistent_utf8", "fix_c1_controls", "fix_latin_ligatures", "fix_character_width",
        "uncurl_quotes", "fix_line_breaks", "fix_surrogates", "remove_control_chars", "normalization",
        "max_decode_length", "explain",
    }


def test_the_verdicts_remembered_per_character_set_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long-lived process fed ever new characters keeps at most KEPT_SETS verdicts, and still answers as ftfy."""
    monkeypatch.setattr(ftfy_shortcut, "KEPT_SETS", 8)
    shortcut = FtfyShortcut()
    lines = [f"\u0153 {chr(code)} 5" for code in range(0x100, 0x140)]  # 64 sets of characters past ASCII
    answered = sum(assert_same_as_ftfy(shortcut, line) for line in lines)
    remembered = shortcut._set_not_redecodable.cache_info()  # type: ignore[attr-defined]
    assert answered > 0 and remembered.misses > 8 and remembered.currsize == 8
