"""Head words on real sentences: an office after a place (`White House Press Secretary`), a group's name ending in
`International`, a theatre."""

from __future__ import annotations

from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import rules_step, text_spans  # noqa: F401 (fixtures)


def test_an_office_after_a_place_is_no_organization(rules_step: EntitiesStep) -> None:
    text = "'' Nothing has changed , '' said the White House Press Secretary , speaking to reporters ."
    spans = text_spans(rules_step, text)
    assert ("White House", "LOC") in spans and ("Press Secretary", "TITLE") in spans
    assert ("White House Press", "ORG") not in spans  # before: the `Press` head word made it a publisher
    # AU PM: the office alone, and a body's name before an office still a body
    text = "With the compliments of Hugh Dash, Press Secretary to the Prime Minister."
    assert ("Press Secretary", "TITLE") in text_spans(rules_step, text)
    text = "The Australian Federal Police Commissioner was sworn in today. He spoke at the National Press Club."
    spans = text_spans(rules_step, text)
    assert ("Australian Federal Police", "ORG") in spans and ("National Press Club", "ORG") in spans


def test_international_and_theatre_end_an_organization_name(rules_step: EntitiesStep) -> None:
    text = "The jet was being pushed back by a Thai Airways International tug operator ."
    assert ("Thai Airways International", "ORG") in text_spans(rules_step, text)
    # a theatre is a house and its company, an ORG by CoNLL's conventions (WikiGold's `Cameo Theatre`)
    text = "The concert will be held in the Riverside Theatre at the Perth Convention and Exhibition Centre."
    assert ("Riverside Theatre", "ORG") in text_spans(rules_step, text)  # before: `Riverside` a GPE
    text = "Grants went to the Marionette Theatre of Australia and to Headquarters Australian Theatre in 2003."
    spans = text_spans(rules_step, text)
    assert ("Marionette Theatre of Australia", "ORG") in spans and ("Headquarters Australian Theatre", "ORG") in spans
    text = "The Sydney Theatre Company will tour with the Qantas Airways International Terminal as its first stop."
    spans = text_spans(rules_step, text)
    assert ("Sydney Theatre Company", "ORG") in spans and ("Qantas Airways", "ORG") in spans


def test_a_place_name_alone_in_quotes_names_a_ship_or_a_thing(rules_step: EntitiesStep) -> None:
    text = 'He served on H. M. A. ships "Australia" and "Hobart" and was Captain of the "Melbourne" before Darwin.'
    assert text_spans(rules_step, text) == [("Captain", "TITLE"), ("Darwin", "GPE")]  # before: the ships were GPEs
    text = 'The kernel , or base of the system , " Darwin " , is open-source .'
    assert text_spans(rules_step, text) == []


def test_a_place_before_an_event_word_names_the_event_not_the_place(rules_step: EntitiesStep) -> None:
    text = (
        "The Minister congratulated US Open winner Samantha Stosur. The Australia Awards will bring together "
        "scholarships, and works will be shown during the Darwin Festival and the Melbourne Cup Carnival."
    )
    # before: `US`, `Australia`, `Darwin` GPEs, `Melbourne Cup Carnival` a PERSON
    assert text_spans(rules_step, text) == [("Minister", "TITLE"), ("Samantha Stosur", "PERSON")]
    # ...but a review, a budget, a plan may be the place's own: the place stays
    assert ("Victoria", "GPE") in text_spans(rules_step, "The Victoria Review found the hospitals understaffed.")
