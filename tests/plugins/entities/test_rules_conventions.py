"""Span conventions and ambiguity handling of the rules backend, on short press-release sentences."""

from __future__ import annotations

import pytest

from pressroom.core import Document
from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import au_docs, rules_step, tagged, text_spans  # noqa: F401 (fixtures)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a title followed by a name: two spans
        ("Yesterday Prime Minister Kevin Rudd spoke.", [("Prime Minister", "TITLE"), ("Kevin Rudd", "PERSON")]),
        # honorifics and the article stay out of spans; the possessive too
        ("It was Mr. John Howard who met the Reserve Bank of Australia's board.",
         [("John Howard", "PERSON"), ("Reserve Bank of Australia", "ORG")]),
        # a portfolio is part of the title, the minister's name is not
        ("The Minister for Employment and Training Simon Crean agreed.",
         [("Minister for Employment and Training", "TITLE"), ("Simon Crean", "PERSON")]),
        # organization shapes
        ("Officers of the Department of Foreign Affairs and Trade attended.",
         [("Department of Foreign Affairs and Trade", "ORG")]),
        # capitalized sentence starts are not names
        ("Touching on trade, Noting the figures, he left.", []),
        # a lone head word or time zone names nothing
        ("Trading closed at 16:00 UTC. Wall Street had its best week.", []),
        # a known name opening an event's or an index's name is part of it: none of our labels
        ("The Dow Jones Industrial Average rose before the Paris Air Show.", []),
    ],
)
def test_conventions(rules_step: EntitiesStep, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert text_spans(rules_step, sentence) == expected


def test_propagation_of_surnames_with_full_canonical(rules_step: EntitiesStep) -> None:
    # Neither name is in the name lists: the title before it is the evidence, the document carries it on.
    doc = Document(id="t", text="Secretary General Kubanychbek Omuraliev arrived. Later Omuraliev said he was pleased.")
    result = rules_step.process(doc)
    assert isinstance(result, Document)
    surname = [e for e in result.entities if e.text == "Omuraliev"]
    assert [(e.label, e.canonical) for e in surname] == [("PERSON", "Kubanychbek Omuraliev")]


def test_acronym_in_brackets_names_the_organization(rules_step: EntitiesStep) -> None:
    text = "The Australian Securities Commission (ASC) will report. The ASC said so."
    result = rules_step.process(Document(id="t", text=text))
    assert isinstance(result, Document)
    acronyms = [(e.label, e.canonical) for e in result.entities if e.text == "ASC"]
    assert acronyms == [("ORG", "Australian Securities Commission")] * 2


def test_city_that_is_a_common_word_needs_place_context(rules_step: EntitiesStep) -> None:
    assert text_spans(rules_step, "The plant in Mobile , Alabama will close.") == [("Mobile", "GPE"), ("Alabama", "GPE")]
    assert text_spans(rules_step, "Mobile phone towers were built.") == []


def test_person_named_like_a_place(rules_step: EntitiesStep) -> None:
    assert text_spans(rules_step, "She met Paris Hilton in Paris.") == [("Paris Hilton", "PERSON"), ("Paris", "GPE")]


def test_all_caps_headline(rules_step: EntitiesStep) -> None:
    headline = "STATEMENT BY THE PRIME MINISTER TO MR JOHN MURRAY ON QUEENSLAND"
    spans = [(t, label) for field, t, label in tagged(rules_step.process(Document(id="t", title=headline)))]
    assert spans == [("PRIME MINISTER", "TITLE"), ("JOHN MURRAY", "PERSON"), ("QUEENSLAND", "GPE")]


def test_real_releases_have_valid_spans_and_known_labels(rules_step: EntitiesStep, au_docs: list[Document]) -> None:
    for result in rules_step.process_batch(au_docs):
        assert isinstance(result, Document)
        assert result.invalid_spans() == []
        assert {e.label for e in result.entities} <= {"PERSON", "TITLE", "ORG", "GPE", "LOC"}
        assert all(e.canonical for e in result.entities)
    martin_place = rules_step.process(au_docs[2])
    assert isinstance(martin_place, Document)
    assert ("New South Wales", "GPE") in {(e.text, e.label) for e in martin_place.entities}
