"""The generated place list (data/places.txt, make_data.py): every capital, plain spellings of large cities,
the counties and regions of the United Kingdom, Ireland and New Zealand, and no first names among them."""

from __future__ import annotations

from pressroom.plugins.entities.places import city_entries
from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import rules_step, text_spans  # noqa: F401 (fixture)


def test_small_capitals_are_places(rules_step: EntitiesStep) -> None:
    spans = text_spans(rules_step, "The delegation flew from Port of Spain to Valletta on Monday .")
    assert ("Port of Spain", "GPE") in spans
    assert ("Valletta", "GPE") in spans


def test_large_cities_are_known_without_their_accents(rules_step: EntitiesStep) -> None:
    spans = text_spans(rules_step, "Offices in Montreal , Bogota and Sao Paulo will close .")
    assert [s for s in spans if s[1] == "GPE"] == [("Montreal", "GPE"), ("Bogota", "GPE"), ("Sao Paulo", "GPE")]


def test_british_and_irish_counties_are_places(rules_step: EntitiesStep) -> None:
    spans = text_spans(rules_step, "It is a village near Lancaster , Lancashire , and he later moved to Donegal .")
    assert ("Lancashire", "GPE") in spans
    assert ("Donegal", "GPE") in spans


def test_capitals_and_counties_named_like_people_are_left_out() -> None:
    names = {entry.name for entry in city_entries(frozenset())}
    assert {"Port of Spain", "Lancashire", "Waikato"} <= names
    # `Douglas` (Isle of Man) and `Angus` (a Scottish council area) are first names before they are places
    assert not {"Douglas", "Stanley", "Angus", "Kerry"} & names
