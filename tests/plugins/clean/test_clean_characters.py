"""Invisible and layout characters are normalised and counted per rule."""

from __future__ import annotations

from collections import Counter

from pressroom.core import Document
from pressroom.plugins.clean.step import CleanStep


def clean(text: str) -> Document:
    step = CleanStep()
    step.setup()
    return step.process(Document(id="d", text=text))


def test_no_break_and_zero_width_spaces() -> None:
    doc = clean("Prime\u00a0Minister Mal\u200bcolm Turn\ufeffbull spoke at 10\u202fam.")
    assert doc.text == "Prime Minister Malcolm Turnbull spoke at 10 am."
    assert doc.metadata["clean"] == {"no_break_space": 2, "zero_width": 2}


def test_unicode_line_and_paragraph_separators_become_newlines() -> None:
    doc = clean("First paragraph.\u2029Second paragraph,\u2028still the second.")
    assert doc.text == "First paragraph.\n\nSecond paragraph,\nstill the second."
    assert doc.metadata["clean"]["line_separator"] == 2


def test_private_use_bullets_become_bullets() -> None:
    doc = clean("The package includes:\n\n\uf0b7 $10 million for roads;\n\n\uf0a7 a new bridge.")
    assert doc.text == "The package includes:\n\n\u2022 $10 million for roads;\n\n\u25aa a new bridge."
    assert doc.metadata["clean"]["private_use_bullet"] == 2


def test_zero_width_joiners_are_kept() -> None:
    # ZWJ/ZWNJ shape Persian and Indic words and emoji; they are not stray spaces.
    assert clean("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645").text == "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"


def test_nfc_and_mojibake_are_counted_under_their_ftfy_fixer() -> None:
    doc = clean("Caf\u0065\u0301 owner said the PM\u00e2\u20ac\u2122s plan works.")
    assert doc.text == "Caf\u00e9 owner said the PM's plan works."
    assert Counter(doc.metadata["clean"]) >= Counter({"nfc": 1, "mojibake": 1, "uncurl_quotes": 1})


def test_options_switch_characters_off() -> None:
    step = CleanStep({"normalize_characters": False, "fix_encoding": False})
    step.setup()
    text = "10\u00a0am \uf0b7 caf\u0065\u0301"
    assert step.process(Document(id="d", text=text)).text == text
