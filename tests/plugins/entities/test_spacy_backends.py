"""The spacy and hybrid backends with the small English model (extra pressroom[spacy]); loaded once."""

from __future__ import annotations

import pytest

from pressroom.core import Document
from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import (  # noqa: F401 (fixtures)
    au_docs,
    hybrid_step,
    labels_of,
    seed_doc,
    spacy_step,
    tagged,
    text_spans,
)

pytest.importorskip("spacy")


def test_model_is_loaded_once(spacy_step: EntitiesStep, hybrid_step: EntitiesStep) -> None:
    from pressroom.plugins.entities.spacy_backend import load_ner

    assert load_ner.cache_info().misses == 1


def test_spacy_spans_follow_conventions(spacy_step: EntitiesStep, seed_doc: Document) -> None:
    result = spacy_step.process(seed_doc)
    assert isinstance(result, Document)
    assert result.invalid_spans() == []
    assert {e.label for e in result.entities} <= {"PERSON", "ORG", "GPE", "LOC"}
    assert not any(e.text.lower().startswith("the ") or e.text.endswith("'s") for e in result.entities)
    assert "PERSON" in labels_of(result, "Ilham Aliyev")


def test_hybrid_meets_the_seed_expectations(hybrid_step: EntitiesStep, seed_doc: Document) -> None:
    result = hybrid_step.process(seed_doc)
    assert isinstance(result, Document)
    assert result.invalid_spans() == []
    assert labels_of(result, "Organization of Turkic States") == {"ORG"}
    assert labels_of(result, "Azerbaijan") == {"GPE"}
    assert labels_of(result, "Samarkand") == {"GPE"}
    text = [(t, label) for field, t, label in tagged(result) if field == "text"]
    pairs = list(zip(text, text[1:]))
    assert (("President", "TITLE"), ("Ilham Aliyev", "PERSON")) in pairs
    assert (("Secretary General", "TITLE"), ("Kubanychbek Omuraliev", "PERSON")) in pairs
    republic = [e for e in result.entities if e.text == "Republic of Azerbaijan"]
    assert republic and all((e.canonical, e.kb_id) == ("Azerbaijan", "AZ") for e in republic)


def test_hybrid_gives_model_names_gazetteer_knowledge(hybrid_step: EntitiesStep) -> None:
    result = hybrid_step.process(Document(id="t", text="Talks between Japan and the United Kingdom resumed."))
    assert isinstance(result, Document)
    found = {(e.text, e.label, e.kb_id) for e in result.entities}
    assert found == {("Japan", "GPE", "JP"), ("United Kingdom", "GPE", "GB")}


def test_hybrid_splits_titles_off_model_names_and_knows_companies(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    text = "The deal was signed by President Vladimir Putin after Ryanair ordered five Boeing 737-800 jets."
    model = {(e.text, e.label) for e in spacy_step.process(Document(id="t", text=text)).entities}  # type: ignore[union-attr]
    assert ("Boeing", "ORG") in model  # the model tags the maker of a product...
    result = hybrid_step.process(Document(id="t", text=text))
    # ...hybrid leaves products out, and adds the office before the name
    assert [(t, label) for _, t, label in tagged(result)] == [
        ("President", "TITLE"),
        ("Vladimir Putin", "PERSON"),
        ("Ryanair", "ORG"),
    ]


def test_hybrid_drops_lower_case_product_names(spacy_step: EntitiesStep, hybrid_step: EntitiesStep) -> None:
    text = "Apple sold more iPod players than Microsoft did in December."
    model = {t for _, t, _ in tagged(spacy_step.process(Document(id="t", text=text)))}
    assert "iPod" in model
    assert [(t, label) for _, t, label in tagged(hybrid_step.process(Document(id="t", text=text)))] == [
        ("Apple", "ORG"),
        ("Microsoft", "ORG"),
    ]


def test_batches_match_single_documents(spacy_step: EntitiesStep, au_docs: list[Document]) -> None:
    batch = spacy_step.process_batch(au_docs)
    assert batch == [spacy_step.process(doc) for doc in au_docs]


def test_hybrid_drops_model_spans_that_are_no_names(spacy_step: EntitiesStep, hybrid_step: EntitiesStep) -> None:
    # a currency code, pieces of words (`GB` in `30GB`)
    for text in ("Membership costs $ 99 ( USD ) a year.", "The new player comes in a 30GB edition and a 60GB edition."):
        assert tagged(spacy_step.process(Document(id="t", text=text)))
        assert tagged(hybrid_step.process(Document(id="t", text=text))) == []


def test_hybrid_drops_model_spans_the_rules_know_are_no_names(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    text = "In London the FTSE fell 2 per cent and the Dow Jones lost 300 points."
    assert text_spans(spacy_step, text) == [("London", "GPE"), ("FTSE", "ORG"), ("Dow Jones", "ORG")]
    assert text_spans(hybrid_step, text) == [("London", "GPE")]  # stock indices: none of our labels


def test_hybrid_names_people_and_organizations_by_knowledge(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    text = "Spokeswoman Sandy Angers said the plan was sound. Angers added that Brussels chose Saturn Corporation."
    assert ("Saturn Corporation", "PERSON") in text_spans(spacy_step, text)
    result = hybrid_step.process(Document(id="t", text=text))
    assert isinstance(result, Document)
    found = [(e.text, e.label, e.canonical) for e in result.entities]
    assert ("Angers", "PERSON", "Sandy Angers") in found  # the surname, not the French city
    assert ("Saturn Corporation", "ORG", "Saturn Corporation") in found


def test_hybrid_joins_split_names_and_keeps_outer_names(spacy_step: EntitiesStep, hybrid_step: EntitiesStep) -> None:
    joined = "The American automobile manufacturer Chrysler LLC said it would close dealers."
    assert text_spans(spacy_step, joined) == [("Chrysler", "ORG"), ("LLC", "ORG")]
    assert text_spans(hybrid_step, joined) == [("Chrysler LLC", "ORG")]
    # one shorter model span inside an organization shape: the shape stands
    inside = "The Army of the Rhine retreated."
    assert text_spans(spacy_step, inside) == [("Rhine", "PERSON")]
    assert text_spans(hybrid_step, inside) == [("Army of the Rhine", "ORG")]
    # an event is none of our labels, nor is the city that opens its name
    assert ("Paris Air Show", "LOC") in text_spans(spacy_step, "Airbus had a disappointing Paris Air Show in June.")
    assert text_spans(hybrid_step, "Airbus had a disappointing Paris Air Show in June.") == [("Airbus", "ORG")]


def test_spacy_spans_lose_leading_quotes(spacy_step: EntitiesStep) -> None:
    assert text_spans(spacy_step, "He outlined a plan for `` New GM '' after the filing.") == [("New GM", "ORG")]


def test_hybrid_takes_people_named_by_a_first_name_from_the_rules(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    # the model reads the person as an organization: the rules' first name decides the label
    mislabelled = "The portrait was painted by Maxine Oakley in 1921."
    assert text_spans(spacy_step, mislabelled) == [("Maxine Oakley", "ORG")]
    assert text_spans(hybrid_step, mislabelled) == [("Maxine Oakley", "PERSON")]
    # the model splits the name in two: the rules' span joins the pieces
    split = "Critics praised Esteban Moreno for his debut."
    assert text_spans(spacy_step, split) == [("Esteban", "ORG"), ("Moreno", "PERSON")]
    assert text_spans(hybrid_step, split) == [("Esteban Moreno", "PERSON")]
    # the model finds nothing: the rules' person fills the gap
    missed = "Guests included Carmen Cavallo and friends."
    assert text_spans(spacy_step, missed) == []
    assert text_spans(hybrid_step, missed) == [("Carmen Cavallo", "PERSON")]


def test_hybrid_takes_sports_clubs_from_the_rules(spacy_step: EntitiesStep, hybrid_step: EntitiesStep) -> None:
    # a club the model reads as a person is the rules' organization shape
    assert text_spans(spacy_step, "Brisbane Broncos won again.") == [("Brisbane Broncos", "PERSON")]
    assert text_spans(hybrid_step, "Brisbane Broncos won again.") == [("Brisbane Broncos", "ORG")]
    # a place that is also a first name before a plural is no person (`Denver` is both)
    assert text_spans(spacy_step, "The Denver Nuggets signed him.") == [("Denver Nuggets", "ORG")]
    assert text_spans(hybrid_step, "The Denver Nuggets signed him.") == [("Denver Nuggets", "ORG")]


def test_hybrid_drops_a_model_person_used_as_a_thing(spacy_step: EntitiesStep, hybrid_step: EntitiesStep) -> None:
    text = "The `` Back to the Mac '' event also included a preview of Apple 's forthcoming Mac OS X Lion system ."
    assert ("Mac", "PERSON") in text_spans(spacy_step, text)
    assert not any(label == "PERSON" for _, label in text_spans(hybrid_step, text))
