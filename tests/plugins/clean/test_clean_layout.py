"""Paragraphs broken mid-sentence are rejoined, hyphenated words joined, real paragraphs kept."""

from __future__ import annotations

from pressroom.core import Document
from pressroom.plugins.clean.layout import mid_sentence_breaks
from pressroom.plugins.clean.step import CleanStep

# The layout of an OCR'd release: a blank line after every printed line.
OCR = """THE PRIME MINISTER'S VISIT TO LONDON

The Prime Minister announced today details of a

forthcoming visit to London.

He said that it had been a matter of priority in his

mind that he should make a visit to London as soon as

reasonably possible. Its purposes would be to meet the

Prime Minister of Britain and to call on the Queen. I have asked Dr

Blewett to call in the Ambassador, and the develop-

ment of co-

operation with the Asia-

Pacific region will continue."""


def clean(text: str, **options: object) -> Document:
    step = CleanStep(options)
    step.setup()
    return step.process(Document(id="d", text=text))


def test_ocr_lines_are_rejoined_into_paragraphs() -> None:
    doc = clean(OCR)
    assert doc.text.split("\n\n") == [
        "THE PRIME MINISTER'S VISIT TO LONDON",
        "The Prime Minister announced today details of a forthcoming visit to London.",
        "He said that it had been a matter of priority in his mind that he should make a visit to London as soon "
        "as reasonably possible. Its purposes would be to meet the Prime Minister of Britain and to call on the "
        "Queen. I have asked Dr Blewett to call in the Ambassador, and the development of co-operation with the "
        "Asia-Pacific region will continue.",
    ]
    assert doc.metadata["clean"] == {"paragraph_join": 5, "hyphen_join": 3}
    assert mid_sentence_breaks(OCR) == (10, 5)
    assert mid_sentence_breaks(doc.text) == (2, 0)


def test_printed_lines_ending_in_an_abbreviation_are_rejoined() -> None:
    text = OCR + (
        "\n\nThe tanker will be launched by the wife of the Rt. Hon.\n\n"
        "R. G. Menzies, and the ceremony at 4.30 p. m.\n\ntoday will be broadcast."
    )
    assert clean(text).text.endswith(
        "\n\nThe tanker will be launched by the wife of the Rt. Hon. R. G. Menzies, and the ceremony at 4.30 p. m. "
        "today will be broadcast."
    )


def test_hyphen_follows_the_document_own_spelling() -> None:
    text = "We value co-\n\noperation with the states, and cooperation matters.\n\nThe anti-\n\ndumping rules stay."
    assert clean(text).text == (
        "We value cooperation with the states, and cooperation matters.\n\nThe anti-dumping rules stay."
    )


def test_hyphenated_word_across_a_single_newline_is_joined() -> None:
    assert clean("The Govern-\nment will act.").text == "The Government will act."


def test_dashes_and_numbers_are_not_hyphenated_words() -> None:
    text = "Growth in 1990-\n\n91 was strong.\n\nIt was a year -\n\nand a good one."
    assert clean(text, rejoin_lines=False).text == text


def test_modern_paragraphs_are_not_merged() -> None:
    text = (
        "Today's discussions with Premier Li were positive and constructive.\n\n"
        "To support the work of leaders, Premier Li and I also agreed to:\n\n"
        "\u2022 An annual Foreign and Strategic Dialogue; and\n\n"
        "\u2022 An annual Strategic Economic Dialogue\n\n"
        "The relationship will be described as a Strategic Partnership"
    )
    assert clean(text).text == text


def test_headings_and_short_lines_stay_apart_in_ocr_text() -> None:
    text = OCR + "\n\nCANBERRA, A. C. T.\n\n27 March 1973"
    assert clean(text).text.endswith("will continue.\n\nCANBERRA, A. C. T.\n\n27 March 1973")


def test_spaces_are_tidied_and_tabs_kept() -> None:
    doc = clean("  Item\t\t$10  million  \n\n\n\n   Next\tline ")
    assert doc.text == "Item\t$10 million\n\nNext\tline"


def test_layout_options_off_keep_the_lines() -> None:
    assert clean(OCR, rejoin_lines=False, join_hyphenated=False).text == OCR
