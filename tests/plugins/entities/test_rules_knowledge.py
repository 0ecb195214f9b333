"""Rules backend: the companies gazetteer, products and currencies, and the gap tokenizer."""

from __future__ import annotations

import pytest

from pressroom.core import Document
from pressroom.plugins.entities.rules import RulesTagger
from pressroom.plugins.entities.step import EntitiesStep
from pressroom.plugins.entities.tokens import Tokenizer

from entities_helpers import au_docs, rules_step, seed_doc, text_spans  # noqa: F401 (fixtures)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a one-word company is not a personal name, an airline not a place
        ("Shares in Boeing rose after Qantas placed an order.", [("Boeing", "ORG"), ("Qantas", "ORG")]),
        # canonical names join spellings
        ("Officials of General Motors and GM dealers met.", [("General Motors", "ORG"), ("GM", "ORG")]),
        # a maker's name before a model number names a product: none of our labels
        ("The airline flies the Airbus A380 and the Boeing 737-800 from Sydney.", [("Sydney", "GPE")]),
        # a year after the name is not a model number
        ("Toyota 2008 sales fell.", [("Toyota", "ORG")]),
        # a country code glued to a currency sign is the currency
        ("The deal is worth US$ 40 billion to the United States.", [("United States", "GPE")]),
        # ...even when the document names the country with the same word elsewhere
        ("The US firm lost US$ 6 billion.", [("US", "GPE")]),
    ],
)
def test_companies_products_and_currencies(rules_step: EntitiesStep, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert text_spans(rules_step, sentence) == expected


def test_company_names_that_are_words_need_more_than_a_capital(rules_step: EntitiesStep) -> None:
    assert text_spans(rules_step, "He said Apple would pay.") == [("Apple", "ORG")]
    assert text_spans(rules_step, "Apple growers, he said, were paid.") == []


def test_company_canonical_form(rules_step: EntitiesStep) -> None:
    result = rules_step.process(Document(id="t", text="Analysts at JP Morgan and at Goldman Sachs agreed."))
    assert isinstance(result, Document)
    assert [(e.text, e.canonical) for e in result.entities] == [("JP Morgan", "JPMorgan Chase"), ("Goldman Sachs", "Goldman Sachs")]


def test_gap_tokens_change_nothing_the_rules_find(seed_doc: Document, au_docs: list[Document]) -> None:
    """Collapsing runs of ordinary lower-case words is only a speed-up: the same mentions come out."""
    gapped = RulesTagger()
    plain = RulesTagger()
    plain.tokenize = Tokenizer(plain.abbreviations)  # every token, no gaps
    texts = [seed_doc.title, seed_doc.text] + [d.text for d in au_docs]
    assert sum(len(gapped.tokenize(t)) for t in texts) < 0.7 * sum(len(plain.tokenize(t)) for t in texts)
    for text in texts:
        assert gapped.tag(text) == plain.tag(text)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a known place followed by a head word is a longer place
        ("The train left Atlantic City at noon.", [("Atlantic City", "GPE")]),
        # place openers and heads name places, not people
        ("It was formed at Camp Howe, near Pittsburgh.", [("Camp Howe", "LOC"), ("Pittsburgh", "GPE")]),
        ("They met at the Doyt Perry Stadium.", [("Doyt Perry Stadium", "LOC")]),
        # a direction opening a name makes it no one's personal name
        ("The West Jersey train was late.", []),
        # an office written before a name the lexicon does not know stays out of the name
        ("Engineer John Greiner saw it.", [("John Greiner", "PERSON")]),
        # organization shapes: newspapers, legal forms
        ("He writes for the Washington Post.", [("Washington Post", "ORG")]),
    ],
)
def test_name_shapes(rules_step: EntitiesStep, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert text_spans(rules_step, sentence) == expected


def test_names_the_document_uses_elsewhere_are_trusted_at_a_sentence_start(rules_step: EntitiesStep) -> None:
    assert text_spans(rules_step, "Apple shares fell.") == []
    assert text_spans(rules_step, "Apple shares fell.\nAnalysts said Apple would gain.") == [("Apple", "ORG")] * 2


def test_nationality_adjectives_are_no_names(rules_step: EntitiesStep) -> None:
    # `German` is in names-dataset's tables, but before a noun it is a nationality, not a person
    assert text_spans(rules_step, "He was a German novelist who met the German Christian painters.") == []
    # a nationality opening an organization is no short form of it
    text = "The Australian League of Rights met. Australian members left."
    assert text_spans(rules_step, text) == [("Australian League of Rights", "ORG")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a city before a plural nickname or a club word is a club, not the city or a person
        ("He played for the Boston Bruins before Manchester United signed him.",
         [("Boston Bruins", "ORG"), ("Manchester United", "ORG")]),
        ("Adelaide United beat the Chicago Bulls.", [("Adelaide United", "ORG"), ("Chicago Bulls", "ORG")]),
        # a club word before a city
        ("FC Basel and Real Madrid drew.", [("FC Basel", "ORG"), ("Real Madrid", "ORG")]),
        # a longer place, a first name or a title's plural is no club
        ("He landed at Washington Dulles International Airport.", [("Washington Dulles International Airport", "LOC")]),
        ("Paris Hilton met Sydney Smith.", [("Paris Hilton", "PERSON"), ("Sydney Smith", "PERSON")]),
    ],
)
def test_sports_clubs(rules_step: EntitiesStep, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert text_spans(rules_step, sentence) == expected


def test_an_organization_for_another_name_ends_before_it(rules_step: EntitiesStep) -> None:
    text = "He played in the National Hockey League for the Boston Bruins."
    assert text_spans(rules_step, text) == [("National Hockey League", "ORG"), ("Boston Bruins", "ORG")]
    # a place alone after `for` is part of the name
    assert text_spans(rules_step, "The Special Tribunal for Lebanon sat.") == [("Special Tribunal for Lebanon", "ORG")]


def test_no_acronym_in_a_personal_name(rules_step: EntitiesStep) -> None:
    # `Mac` is a first name, but a name holding an acronym is a product or a ship, not a person
    assert text_spans(rules_step, "The update runs on Mac OS X Lion and later.") == []
    assert text_spans(rules_step, "She visited HMAS Stirling on Monday.") == []
    # a project is none of our labels, and its words no one's name
    assert text_spans(rules_step, "Work on the Santos Liquefied Natural Gas Project began.") == []
