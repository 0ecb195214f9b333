"""The misreadings that made users stop trusting the entities column (issue 9), on realistic sentences."""

from __future__ import annotations

from pressroom.core import Document
from pressroom.plugins.entities.explain import explain
from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import rules_step, tagged, text_spans  # noqa: F401 (fixtures)

FOMC = (
    "Voting for the FOMC monetary policy action were: Ben S. Bernanke, Chairman; William C. Dudley, Vice "
    "Chairman; Esther L. George; Sandra Pianalto; and Janet L. Yellen. Mr Dudley later said the vote was close."
)


def test_given_name_initial_surname_beats_the_place_gazetteer(rules_step: EntitiesStep) -> None:
    spans = text_spans(rules_step, FOMC)
    assert ("William C. Dudley", "PERSON") in spans and ("Esther L. George", "PERSON") in spans
    assert ("Dudley", "PERSON") in spans  # `Mr Dudley`
    assert not any(label == "GPE" for _, label in spans)
    assert not any(text in ("William C.", "Esther L.", "George") for text, _ in spans)


def test_one_reading_per_document_reaches_the_title(rules_step: EntitiesStep) -> None:
    doc = Document(id="t", title="Dudley welcomes the decision", text=FOMC)
    result = rules_step.process(doc)
    assert isinstance(result, Document)
    short = [(e.field, e.label, e.canonical) for e in result.entities if e.text == "Dudley"]
    assert short == [("title", "PERSON", "William C. Dudley"), ("text", "PERSON", "William C. Dudley")]


def test_time_zone_before_a_sentence_is_no_person(rules_step: EntitiesStep) -> None:
    text = "The Committee's statement will be released at 2:15 p.m. EST The Chairman will then hold a press briefing."
    assert text_spans(rules_step, text) == [("Chairman", "TITLE")]


def test_transcript_speaker_labels_are_not_entities(rules_step: EntitiesStep) -> None:
    text = (
        "HOST: G'day Leon, and welcome to the program.\n"
        "PM: G'day. Good to be with you.\n"
        "JOURNALIST: The GDP figures came out today. Are you worried, PM?\n"
        "PM: No. GDP grew by 0.8 per cent in the quarter."
    )
    assert text_spans(rules_step, text) == [("Leon", "PERSON"), ("PM", "TITLE")]


def test_post_nominals_stay_out_of_the_name(rules_step: EntitiesStep) -> None:
    text = "The Governor-General, Her Excellency Ms Quentin Bryce AC, opened the centre with Mr Tony Windsor MP."
    spans = text_spans(rules_step, text)
    assert ("Quentin Bryce", "PERSON") in spans and ("Tony Windsor", "PERSON") in spans
    assert ("Governor-General", "TITLE") in spans


def test_no_span_crosses_a_blank_line_in_an_all_caps_header(rules_step: EntitiesStep) -> None:
    title = "JOINT MEDIA RELEASE WITH THE PREMIER OF\n\nNEW SOUTH WALES"
    spans = [(t, label) for _, t, label in tagged(rules_step.process(Document(id="t", title=title)))]
    assert spans == [("PREMIER", "TITLE"), ("NEW SOUTH WALES", "GPE")]
    assert all("\n" not in t for t, _ in text_spans(rules_step, "He met the Premier of\n\nNew South Wales.")), spans


def test_trailing_dates_are_not_part_of_a_name(rules_step: EntitiesStep) -> None:
    text = "The Treasurer appeared before the Senate Economics Committee on Tuesday."
    assert text_spans(rules_step, text) == [("Treasurer", "TITLE"), ("Senate Economics Committee", "ORG")]


def test_compound_and_all_caps_titles(rules_step: EntitiesStep) -> None:
    text = (
        "The Minister Assisting on Queensland Floods Recovery, the Parliamentary Secretary for Employment "
        "and the AUDITOR-GENERAL met."
    )
    assert text_spans(rules_step, text) == [
        ("Minister Assisting on Queensland Floods Recovery", "TITLE"),
        ("Parliamentary Secretary for Employment", "TITLE"),
        ("AUDITOR-GENERAL", "TITLE"),
    ]
    headline = "STATEMENT BY THE PRIME MINISTER"
    assert [(t, label) for _, t, label in tagged(rules_step.process(Document(id="t", title=headline)))] == [
        ("PRIME MINISTER", "TITLE")
    ]


def test_venues_regions_and_landmarks(rules_step: EntitiesStep) -> None:
    text = (
        "Events at Government House, Moore Park and the Sydney Cricket Ground will be followed by visits "
        "to the Sunshine Coast and the Pilbara."
    )
    assert text_spans(rules_step, text) == [
        ("Government House", "LOC"),
        ("Moore Park", "LOC"),
        ("Sydney Cricket Ground", "LOC"),
        ("Sunshine Coast", "LOC"),
        ("Pilbara", "LOC"),
    ]


def test_capitalized_words_without_a_name_shape_are_no_person(rules_step: EntitiesStep) -> None:
    text = "Apple updated Mac OS X and the Hang Seng fell, while Steve Jobs spoke to Mark Papermaster."
    spans = text_spans(rules_step, text)
    assert ("Steve Jobs", "PERSON") in spans and ("Mark Papermaster", "PERSON") in spans
    assert not any(label == "PERSON" and text in ("Mac OS X", "Hang Seng") for text, label in spans)


def test_explain_shows_the_evidence_for_each_span(rules_step: EntitiesStep) -> None:
    doc = Document(id="t", title="Dudley welcomes decision", text=FOMC)
    lines = explain(rules_step, doc)
    assert lines[0].startswith("title[0:6] 'Dudley' PERSON = 'William C. Dudley'  <known> the document names")
    assert any("'William C. Dudley' PERSON" in line and "first name 'William'" in line for line in lines)
    assert any("'Dudley' PERSON" in line and "after the honorific 'Mr'" in line for line in lines)
    result = rules_step.process(doc)
    assert isinstance(result, Document) and len(lines) == len(result.entities)


def test_short_forms_of_people_and_organizations_named_in_full(rules_step: EntitiesStep) -> None:
    text = "Angelo Ruiz joined Northrop Grumman in 1990. Later Angelo left Northrop for a rival."
    spans = text_spans(rules_step, text)
    assert spans == [
        ("Angelo Ruiz", "PERSON"), ("Northrop Grumman", "ORG"), ("Angelo", "PERSON"), ("Northrop", "ORG")
    ]


def test_chained_offices_and_generational_suffix(rules_step: EntitiesStep) -> None:
    text = "Brigadier General Andrew J. Evans Jr. took command of the wing."
    assert text_spans(rules_step, text) == [("Brigadier General", "TITLE"), ("Andrew J. Evans Jr.", "PERSON")]
