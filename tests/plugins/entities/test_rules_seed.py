"""The rules backend on the seed release: the issue's expectations, span by span."""

from __future__ import annotations

from pressroom.core import Document
from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import labels_of, rules_step, seed_doc, tagged  # noqa: F401 (fixtures)


def test_title_then_person_in_the_title_line(rules_step: EntitiesStep, seed_doc: Document) -> None:
    title_spans = [(t, label) for field, t, label in tagged(rules_step.process(seed_doc)) if field == "title"]
    assert title_spans == [
        ("President", "TITLE"),
        ("Republic of Azerbaijan", "GPE"),
        ("Ilham Aliyev", "PERSON"),
        ("Secretary General", "TITLE"),
        ("Organization of Turkic States", "ORG"),
        ("Kubanychbek Omuraliev", "PERSON"),
    ]


def test_seed_names_and_places(rules_step: EntitiesStep, seed_doc: Document) -> None:
    result = rules_step.process(seed_doc)
    assert labels_of(result, "Azerbaijan") == {"GPE"}
    assert labels_of(result, "Samarkand") == {"GPE"}
    assert labels_of(result, "Organization of Turkic States") == {"ORG"}
    assert labels_of(result, "Ilham Aliyev") == {"PERSON"}
    text = [(t, label) for field, t, label in tagged(result) if field == "text"]
    pairs = list(zip(text, text[1:]))
    assert (("President", "TITLE"), ("Ilham Aliyev", "PERSON")) in pairs
    assert (("Secretary General", "TITLE"), ("Kubanychbek Omuraliev", "PERSON")) in pairs


def test_country_spellings_share_canonical_name_and_iso_code(rules_step: EntitiesStep, seed_doc: Document) -> None:
    result = rules_step.process(seed_doc)
    assert isinstance(result, Document)
    countries = {(e.text, e.canonical, e.kb_id) for e in result.entities if e.label == "GPE" and e.canonical == "Azerbaijan"}
    assert countries == {("Republic of Azerbaijan", "Azerbaijan", "AZ"), ("Azerbaijan", "Azerbaijan", "AZ")}


def test_spans_are_valid_and_input_untouched(rules_step: EntitiesStep, seed_doc: Document) -> None:
    before = seed_doc.model_copy(deep=True)
    result = rules_step.process(seed_doc)
    assert isinstance(result, Document)
    assert result.invalid_spans() == []
    assert seed_doc == before
    # `the Organization` (a back-reference) and `Azerbaijani` (an adjective) are not names.
    assert "Organization" not in {e.text for e in result.entities}
    assert "Azerbaijani" not in {e.text for e in result.entities}
