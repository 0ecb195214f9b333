"""Rules errors found on real sentences (AU PM releases, Miller Center speeches, MEANTIME), each on its sentence:
a first name that is also a place, post-nominal honours spelt like companies, firms named after their founders,
`the Rt Hon` in scanned releases."""

from __future__ import annotations

from pressroom.core import Document
from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import rules_step, tagged, text_spans  # noqa: F401 (fixtures)

# AU PM release pmt-18057 (title and first paragraphs)
NANCY_WAKE = Document(
    id="pmt-18057",
    title="Nancy Wake AC, GM",
    text=(
        "The Prime Minister today paid tribute to war heroine Nancy Wake, who passed away in London yesterday aged "
        "98.\n\nNew Zealand-born Ms Wake grew up in Sydney and after a brief stint as a nurse, worked as a journalist "
        "in Europe, where she married a French businessman in 1939.\n\nNancy Wake was a woman of exceptional courage "
        "and resourcefulness whose daring exploits saved the lives of hundreds of Allied personnel and helped bring "
        "the Nazi occupation of France to an end."
    ),
)


def test_a_place_before_the_surname_the_document_gives_a_person_is_her_first_name(rules_step: EntitiesStep) -> None:
    spans = tagged(rules_step.process(NANCY_WAKE))
    assert ("title", "Nancy Wake", "PERSON") in spans
    assert [s for s in spans if s[0] == "text" and s[2] == "PERSON"] == [
        ("text", "Nancy Wake", "PERSON"),
        ("text", "Wake", "PERSON"),
        ("text", "Nancy Wake", "PERSON"),
    ]
    assert not any(text == "Nancy" for _, text, _ in spans)
    # the same sentence without `Ms Wake` elsewhere: the rule needs the document's word for it
    alone = "Nancy Wake was a woman of exceptional courage and resourcefulness."
    assert ("Nancy Wake", "PERSON") not in text_spans(rules_step, alone)
    # ...and a place before an ordinary word names no one where no one is given that surname
    for text in (
        "Mr Howard said the Geneva Accords were signed in 1954.",
        "The Prime Minister, Mr Rudd, today welcomed Sydney Sail to the harbour.",
    ):
        assert not any(label == "PERSON" and " " in span for span, label in text_spans(rules_step, text)), text


def test_post_nominal_honours_are_no_organization(rules_step: EntitiesStep) -> None:
    assert not any(text == "GM" for _, text, _ in tagged(rules_step.process(NANCY_WAKE)))
    text = "Air Marshal Sir Colin Hannah, KBE, CB,  Chief of the Air Staff, arrived."
    assert ("CB", "ORG") not in text_spans(rules_step, text)
    text = "Mr. Herbert Goodes, CIE, Secretary of the Department of Trade"
    assert ("CIE", "ORG") not in text_spans(rules_step, text)
    # a company after a comma, not after an honour, stays the company
    text = "Workers at Holden, GM and Ford will keep their jobs."
    assert ("GM", "ORG") in text_spans(rules_step, text)


def test_firms_named_after_their_founders(rules_step: EntitiesStep) -> None:
    # Miller Center, President Bush, 1992; MEANTIME 41882 (Wikinews)
    text = "Well, I assume she was supportive of the decision on McDonnell Douglas."
    assert text_spans(rules_step, text) == [("McDonnell Douglas", "ORG")]
    text = (
        "The 717 was the 15,599th plane built by the Long Beach plant, the original home of Douglas Aircraft and "
        "McDonnell Douglas."
    )
    spans = text_spans(rules_step, text)
    assert ("Douglas Aircraft", "ORG") in spans and ("McDonnell Douglas", "ORG") in spans
    assert not any(label == "PERSON" for _, label in spans)
    # a patronymic that is a first name, or a first name and surname, is a person
    text = "Mr Douglas MacArthur arrived, and Senator John McCain spoke with Mackenzie Smith."
    spans = text_spans(rules_step, text)
    assert ("Douglas MacArthur", "PERSON") in spans and ("Mackenzie Smith", "PERSON") in spans


def test_the_right_honourable_is_no_name_however_scanned(rules_step: EntitiesStep) -> None:
    for text, person in (
        ("SPEECH BY THE PRIME MINISTER RT. HON. R. G. MENZIES AT THE CANBERRA", "R. G. MENZIES"),
        ("Statement by the Prime Minister, the Rt. HIon. B. G. Menzies In my statement", "B. G. Menzies"),
        ("Tribute by the prime Minister, the Rt. Hgn. Sir Robert Menzies This is", "Robert Menzies"),
    ):
        spans = text_spans(rules_step, text)
        assert [span for span, label in spans if label == "PERSON"] == [person], spans


def test_no_capitalized_preposition_or_honorific_is_a_name(rules_step: EntitiesStep) -> None:
    # AU PM pmt-8851 (scanned): `In` capitalized mid-sentence ended the name, then every `In` was that person
    text = (
        "His visit to Australia will be the first by a Japanese\n\nPrime Minister since that of Mr Noboru Takeshita "
        "In 1988.\n\nAustralia and Japan should work towards shared objectives In the\n\nAsia-Pacific region."
    )
    spans = text_spans(rules_step, text)
    assert ("Noboru Takeshita", "PERSON") in spans
    assert not any(span.endswith("In") or span == "In" for span, _ in spans)
    # AU PM pmt-481: an honorific after a greeting is no first name
    text = '"Dear Mr. Prime Minister:\n\nThe Australian Embassy in Washington has conveyed to me your comments.'
    assert not any(label == "PERSON" for _, label in text_spans(rules_step, text))
