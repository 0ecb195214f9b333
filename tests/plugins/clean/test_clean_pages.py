"""Page breaks: page numbers and running headers go, a sentence split by a page is one paragraph again."""

from __future__ import annotations

from collections import Counter

from pressroom.core import Document
from pressroom.plugins.clean.pages import remove_page_furniture
from pressroom.plugins.clean.step import CleanStep

PAGES = ("Department of Trade\n\nThe minister said that the new agreement would\n\n- 1 -"
         "\fMedia release 12 May 2015\n\nbring jobs to the region.\n\nMore text here.\n\nPage 2 of 3"
         "\fMedia release 13 May 2015\n\nFinal paragraph.\n\n3")


def test_page_furniture_goes_and_the_split_sentence_is_rejoined() -> None:
    step = CleanStep()
    step.setup()
    cleaned = step.process(Document(id="r", text=PAGES))
    assert cleaned.text == ("Department of Trade\n\nThe minister said that the new agreement would bring jobs to the "
                            "region.\n\nMore text here.\n\nFinal paragraph.")
    counts = cleaned.metadata["clean"]
    assert (counts["page_breaks"], counts["page_numbers"], counts["running_headers"]) == (2, 3, 2)
    assert step.process(cleaned).text == cleaned.text  # idempotent


def test_a_line_on_one_page_only_stays_and_text_without_pages_is_untouched() -> None:
    counts: Counter[str] = Counter()
    text = "Heading once\n\nFirst page ends.\fSecond page starts.\n\nClosing words."
    assert remove_page_furniture(text, counts) == ("Heading once\n\nFirst page ends.\n\nSecond page starts.\n\n"
                                                   "Closing words.")
    assert counts == Counter({"page_breaks": 1})
    assert remove_page_furniture("No pages\n\nhere.", counts) == "No pages\n\nhere."
