"""Hybrid decisions on people's names the name lists lack (extra pressroom[spacy]). Sentences from Wikinews articles
in MEANTIME (CC BY 4.0, NewsReader) and WikiGold; each test first shows what the model alone says."""

from __future__ import annotations

from collections import Counter

import pytest

from pressroom.plugins.entities.hybrid import _COUNTED_WORD, _surname_alone
from pressroom.plugins.entities.mention import Mention
from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import hybrid_step, spacy_step, text_spans  # noqa: F401 (fixtures)

pytest.importorskip("spacy")

OBAMA = (
    "Barack Obama presents rescue plan after GM declaration of bankruptcy\n"
    "The plan had been `` decades in the making , '' Obama explained ."
)


def test_a_model_person_shaped_as_a_full_name_needs_no_first_name_list(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    model = text_spans(spacy_step, OBAMA)
    assert ("Barack Obama", "PERSON") in model and ("Obama", "PERSON") in model
    hybrid = text_spans(hybrid_step, OBAMA)
    # ...and the surname alone is the person the document named in full
    assert ("Barack Obama", "PERSON") in hybrid and ("Obama", "PERSON") in hybrid


def test_a_model_person_of_unlisted_words_is_still_no_name_without_the_shape(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    clubs = "It was a two-way match for the West Coast Eagles and Fremantle Dockers ."
    assert ("Fremantle Dockers", "PERSON") in text_spans(spacy_step, clubs)
    assert ("Fremantle Dockers", "PERSON") not in text_spans(hybrid_step, clubs)
    report = "The Hang Seng fell 3 % in Hong Kong ."
    assert all(label != "PERSON" for _, label in text_spans(hybrid_step, report))


def test_a_full_name_the_lists_lack_is_a_person_only_if_the_text_uses_its_surname_alone(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    # AU PM media release (CC BY 3.0 AU, Commonwealth of Australia): a town the model reads as a person
    towns = (
        "Youth Off The Streets has achieved similar success engaging young people across New South Wales in "
        "communities like Kurri Kurri, East Cessnock, Griffith, Narrandera, Cranebrook, Blacktown, Bankstown and "
        "Doonside."
    )
    assert ("Kurri Kurri", "PERSON") in text_spans(spacy_step, towns)
    assert ("Kurri Kurri", "PERSON") not in text_spans(hybrid_step, towns)


@pytest.mark.parametrize(
    ("sentence", "model", "person"),
    [
        (
            "We have agreed that Dr Hollingworth should stand aside from the office of Governor-General until the "
            "proceedings initiated against him have been resolved.",
            "Dr Hollingworth",
            "Hollingworth",
        ),
        (
            "I would like to extend my condolences to the Acting President, the Hon Derog Gioura MP, and the people "
            "of Nauru, at this sad time.",
            "Hon Derog",
            "Derog Gioura",
        ),
    ],
)
def test_an_honorific_and_the_rules_person_outweigh_the_models_organization(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep, sentence: str, model: str, person: str
) -> None:
    # AU PM media releases (CC BY 3.0 AU, Commonwealth of Australia)
    assert (model, "ORG") in text_spans(spacy_step, sentence)
    hybrid = text_spans(hybrid_step, sentence)
    assert (person, "PERSON") in hybrid
    assert all(label != "ORG" for _, label in hybrid)


def test_the_full_name_is_counted_as_a_whole_name_not_inside_a_longer_one() -> None:
    # `Ann Lee` inside `Ann Leeson` is no use of the full name: `Lee said` is then the surname alone
    for text, alone in (("Ann Lee met Ann Leeson. Lee said so.", True), ("Ann Lee met Ann Lee's sister.", False)):
        words = Counter(_COUNTED_WORD.findall(text))
        assert _surname_alone(text, Mention(0, 7, "PERSON"), "Lee", words) is alone, text
