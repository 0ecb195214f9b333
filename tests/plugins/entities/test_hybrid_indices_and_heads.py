"""Hybrid decisions on stock indices, lone organization head words, first-named people and places placed by a
preposition and a comma (extra pressroom[spacy]). Each test first shows what the model alone says."""

from __future__ import annotations

import pytest

from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import hybrid_step, rules_step, spacy_step, text_spans  # noqa: F401 (fixtures)

pytest.importorskip("spacy")


def test_a_stock_index_in_a_market_report_is_no_organization(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    report = "The Nasdaq fell 82.65 points or 3.44 % on Friday . The Dow has fallen almost fifteen percent since May ."
    assert ("Nasdaq", "ORG") in text_spans(spacy_step, report)
    assert ("Dow", "ORG") in text_spans(spacy_step, report)
    assert [t for t, _ in text_spans(hybrid_step, report)] == []


def test_the_exchange_and_the_company_stay_organizations(hybrid_step: EntitiesStep) -> None:
    listed = "The company is listed on the Nasdaq and plans a listing in London ."
    assert ("Nasdaq", "ORG") in text_spans(hybrid_step, listed)
    spans = text_spans(hybrid_step, "Shares of Dow Chemical rose after Dow said profits doubled .")
    assert spans.count(("Dow", "ORG")) == 1  # `Dow` after `Dow Chemical` is the company


def test_a_lone_organization_head_word_is_no_name(spacy_step: EntitiesStep, hybrid_step: EntitiesStep) -> None:
    text = "The Committee decided to keep the target range . The Senate voted against the bill ."
    assert ("Committee", "ORG") in text_spans(spacy_step, text)
    spans = text_spans(hybrid_step, text)
    assert ("Committee", "ORG") not in spans
    assert ("Senate", "ORG") in spans  # a body the word alone names
    # ...as a company's name does (its label is the model's, right or not)
    telecom = text_spans(hybrid_step, "The new body will subsume Telecom 's regulatory functions .")
    assert "Telecom" in [t for t, _ in telecom]


def test_a_first_name_before_an_ordinary_head_word_stays_a_person(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    text = "It is too early to see a trend , said Jim Press , the Vice Chairman of Chrysler ."
    assert ("Jim Press", "PERSON") in text_spans(spacy_step, text)
    assert ("Jim Press", "PERSON") in text_spans(hybrid_step, text)
    # ...but a place before the head word is that place's organization
    railway = "It was the case of the Alice Springs to Darwin Railway , which was built ."
    assert ("Darwin Railway", "PERSON") in text_spans(spacy_step, railway)
    assert ("Darwin Railway", "ORG") in text_spans(hybrid_step, railway)


def test_a_name_after_a_preposition_and_before_a_place_is_a_place(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    text = "They marched from Poolesville to Sandy Hook , Maryland on Monday ."
    assert ("Sandy Hook", "PERSON") in text_spans(spacy_step, text)
    assert ("Sandy Hook", "GPE") in text_spans(hybrid_step, text)
    # without the preposition it is a person named before where they come from
    assert ("Sandy Hook", "PERSON") in text_spans(hybrid_step, "Sandy Hook , Maryland , won the race .")
    # `via`, `across` and `around` put it somewhere too, before a country as well (the rules need a state there)
    for preposition in ("via", "across", "around"):
        text = f"The convoy went {preposition} Sandy Hook , Jamaica on Monday ."
        assert ("Sandy Hook", "GPE") not in text_spans(spacy_step, text)
        assert ("Sandy Hook", "GPE") in text_spans(hybrid_step, text)


def test_a_one_word_organization_before_a_county_is_a_place(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    text = "It lies near Ancaster and Grantham , Lincolnshire , England ."
    assert ("Grantham", "ORG") in text_spans(spacy_step, text)
    assert ("Grantham", "GPE") in text_spans(hybrid_step, text)
    # a country after the comma says nothing of the kind
    assert ("Toyota", "ORG") in text_spans(hybrid_step, "Toyota , Japan 's biggest carmaker , said profits rose .")


def test_the_place_an_organization_is_named_after_stays_a_place(
    rules_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    text = "Fairmont State University is a public university located in Fairmont , West Virginia ."
    assert ("Fairmont", "GPE") in text_spans(rules_step, text)  # the rules read `in X , State` as a place too
    assert ("Fairmont", "GPE") in text_spans(hybrid_step, text)


def test_the_white_house_is_a_place(hybrid_step: EntitiesStep) -> None:
    assert ("White House", "LOC") in text_spans(hybrid_step, "The President met him at the White House on Monday .")


def test_a_title_word_ending_a_persons_name_is_the_surname(
    rules_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    text = "US markets were closed in honor of Martin Luther King . In South Australia Mr. L. King will chair it ."
    assert ("King", "TITLE") in text_spans(rules_step, text)
    spans = text_spans(hybrid_step, text)
    assert ("Martin Luther King", "PERSON") in spans
    assert ("L. King", "PERSON") in spans
    # the office before a name stays a title
    assert ("President", "TITLE") in text_spans(hybrid_step, "President Vladimir Putin met him .")


def test_a_place_the_rules_read_from_its_context_outweighs_the_models_label(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    text = "In 1931 the town of Harbridge bought the old mill . Later the parish of Stonebridge sold the hall ."
    assert ("Harbridge", "ORG") in text_spans(spacy_step, text)
    assert ("Stonebridge", "ORG") in text_spans(spacy_step, text)
    spans = text_spans(hybrid_step, text)
    assert ("Harbridge", "GPE") in spans and ("Stonebridge", "GPE") in spans
    # ...while a place's own head word does not outweigh it (`Fairmont State`, a university's short name)
    text = "Fairmont State University is in Fairmont , West Virginia . Fairmont State was founded in 1865 ."
    assert ("Fairmont State", "ORG") in text_spans(hybrid_step, text)


def test_a_model_span_opening_an_index_that_runs_on_past_it_is_no_name(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    text = "Shares slid on Monday as the Standard & Poor 's 500 lost 41 points ."
    assert ("Standard & Poor", "ORG") in text_spans(spacy_step, text)
    assert text_spans(hybrid_step, text) == []
    # ...while the rating agency stays an organization
    assert ("Standard & Poor 's", "ORG") in text_spans(hybrid_step, "Moody 's and Standard & Poor 's cut the rating .")


def test_products_after_their_designation_and_events_opening_with_their_word_are_no_names(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    text = "Aircraft flown : F-15 Eagle , 1980 -- 1991 ; KC-10 Extender , 1991 -- 1995 ; T-38 Talon , 2011 -- 2014 ."
    assert ("F-15 Eagle", "PERSON") in text_spans(spacy_step, text)
    assert text_spans(hybrid_step, text) == []
    text = "At the Battle of Hastings in 1066 , the king fell . The Campaign of Northern Greece began ."
    assert ("Battle of Hastings", "LOC") in text_spans(spacy_step, text)
    assert text_spans(hybrid_step, text) == []
    # ...while a channel's name with a digit stays a name
    assert ("MTV2", "ORG") in text_spans(hybrid_step, "The channel MTV2 aired it .")


def test_two_first_named_people_joined_by_an_ampersand_are_two_people(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    text = "The show is hosted by Peter Collins & Mary Baxter at the studio ."
    assert ("Peter Collins & Mary Baxter", "ORG") in text_spans(spacy_step, text)
    assert text_spans(hybrid_step, text) == [("Peter Collins", "PERSON"), ("Mary Baxter", "PERSON")]
