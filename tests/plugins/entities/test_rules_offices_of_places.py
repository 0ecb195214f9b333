"""An office `of` a known place, then its holder's name: three spans, not a place run into the name."""

from __future__ import annotations

from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import rules_step, text_spans  # noqa: F401 (fixtures)


def test_the_holder_after_an_office_of_a_place_is_a_person_apart_from_the_place(rules_step: EntitiesStep) -> None:
    text = "Talks between the Prime Minister of Australia Kevin Rudd and the Premier of Victoria Daniel Andrews ended."
    assert text_spans(rules_step, text) == [
        ("Prime Minister", "TITLE"), ("Australia", "GPE"), ("Kevin Rudd", "PERSON"),
        ("Premier", "TITLE"), ("Victoria", "GPE"), ("Daniel Andrews", "PERSON"),
    ]  # before: `Australia Kevin Rudd`, `Victoria Daniel Andrews` as one PERSON each
    # the office is the evidence: a name no first-name list holds, and its later short form
    text = (
        "The President of Indonesia Susilo Bambang Yudhoyono arrived in Canberra today. "
        "Yudhoyono will address the Parliament on Wednesday."
    )
    spans = text_spans(rules_step, text)
    assert ("Susilo Bambang Yudhoyono", "PERSON") in spans and ("Yudhoyono", "PERSON") in spans
    assert ("Indonesia", "GPE") in spans
    # in a capitals letterhead, and before an honorific that opens the name
    assert text_spans(rules_step, "PRIME MINISTER OF AUSTRALIA KEVIN RUDD") == [
        ("PRIME MINISTER", "TITLE"), ("AUSTRALIA", "GPE"), ("KEVIN RUDD", "PERSON")
    ]
    spans = text_spans(rules_step, "Later the Prime Minister of Japan Mr Fukuda said the talks went well.")
    assert ("Japan", "GPE") in spans and ("Fukuda", "PERSON") in spans


def test_an_office_of_a_place_before_no_name_keeps_its_other_readings(rules_step: EntitiesStep) -> None:
    # a body named after the place, a street, the word's ordinary sense: no holder after the office
    spans = text_spans(rules_step, "The President of the United States Chamber of Commerce said so.")
    assert ("United States Chamber of Commerce", "ORG") in spans
    assert ("Victoria Street", "LOC") in text_spans(rules_step, "He met the Governor of Victoria Street traders.")
    text = "His Excellency the Administrator of the Commonwealth Sir Dallas Brooks has conveyed the message."
    spans = text_spans(rules_step, text)
    assert ("Dallas Brooks", "PERSON") in spans and ("Commonwealth", "GPE") not in spans
    # AU PM lines: ordinary words, a rank's acronym, a body's name after the place are no holder's name
    for text, words in [
        ("President of the Philippines To Visit Australia", "To Visit"),
        ("Attorney-General Premier of Queensland Flood grants for small businesses", "Flood"),
        ("The President of the Republic of Botswana LTGEN Seretse Khama Ian Khama met on 1 March 2010.", "LTGEN"),
        ("He was Chief Executive Officer of the Victoria Bushfire Reconstruction and Recovery Authority.", "Bushfire"),
    ]:
        assert not any(words in span and label == "PERSON" for span, label in text_spans(rules_step, text)), text
