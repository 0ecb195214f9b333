"""The spacy backend's span conventions take their honorifics and legal forms from the rules' own sources
(titles.yaml, rules.py), so the two backends cannot drift apart. No model needed: these cut given spans."""

from __future__ import annotations

import pytest

from pressroom.plugins.entities.rules import GENERATIONAL, LEGAL_FORMS
from pressroom.plugins.entities.spacy_backend import _mentions
from pressroom.plugins.entities.titles import load_titles


def _cut(text: str, surface: str, label: str) -> list[str]:
    start = text.index(surface)
    return [text[m.start : m.end] for m in _mentions(text, start, start + len(surface), label)]


@pytest.mark.parametrize("form", sorted(LEGAL_FORMS | GENERATIONAL))
def test_a_comma_before_any_legal_form_of_the_rules_stays_in_the_name(form: str) -> None:
    text = f"Shares of Acme, {form} rose on Monday."
    assert _cut(text, f"Acme, {form}", "ORG") == [f"Acme, {form}"]


def test_a_comma_before_other_words_still_separates_names() -> None:
    text = "The plant moved from Kendal, Cumbria, England to Acme, Limited in Leeds."
    assert _cut(text, "Kendal, Cumbria, England", "GPE") == ["Kendal", "Cumbria", "England"]


@pytest.mark.parametrize("honorific", sorted(load_titles().honorifics))
def test_every_honorific_of_the_rules_is_left_out_of_a_person(honorific: str) -> None:
    opening = f"Speaking in Canberra, {honorific} Jane Halton said the plan would go ahead."
    assert _cut(opening, f"{honorific} Jane Halton", "PERSON") == ["Jane Halton"]
    # ...and the honorific that opens the next line does not end the name before it
    signed = f"Statement by Jane Halton\n{honorific} Halton said the plan would go ahead."
    assert _cut(signed, f"Jane Halton\n{honorific}", "PERSON") == ["Jane Halton"]


def test_a_word_that_is_an_honorific_stays_in_a_place_or_organization() -> None:
    text = "The ship called at Lord Howe Island before it sailed to Brother Industries in Nagoya."
    assert _cut(text, "Lord Howe Island", "LOC") == ["Lord Howe Island"]
    assert _cut(text, "Brother Industries", "ORG") == ["Brother Industries"]
