"""The lexicon of offices (TITLE spans) and honorifics (left out of spans), from data/titles.yaml."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pressroom.plugins.entities.gazetteer import Entry, Gazetteer
from pressroom.plugins.entities.packaged import read_yaml


@dataclass(frozen=True)
class TitleLexicon:
    titles: Gazetteer
    #: canonical titles that take a portfolio: `Minister` + `for Employment`
    portfolio: frozenset[str]
    honorifics: frozenset[str]
    #: `Messrs`, `Mses`: each name of the list after them is a person (also in ``honorifics``)
    plural_honorifics: frozenset[str]
    #: every word of every title (`Officer` of `Chief Medical Officer`): no place's name where it stands alone
    words: frozenset[str]
    #: honours and offices written after a name (`Quentin Bryce AC`, `John Smith MP`): never part of it
    post_nominals: frozenset[str]
    #: honorifics written only before another honorific (`Rt` of `the Rt Hon`; also in ``honorifics``)
    honorific_prefixes: frozenset[str]


def load_titles(extra_titles: Iterable[str] = ()) -> TitleLexicon:
    """The packaged lexicon plus ``extra_titles`` from the step options (each its own canonical form)."""
    raw = read_yaml("titles.yaml")
    plural_honorifics = frozenset(raw["plural_honorifics"])
    honorifics = frozenset(raw["honorifics"]) | plural_honorifics
    gazetteer = Gazetteer()
    gazetteer.add(Entry(str(t), "TITLE") for t in extra_titles)
    gazetteer.add(Entry(spellings[0], "TITLE", tuple(spellings[1:])) for spellings in raw["titles"])
    return TitleLexicon(
        gazetteer,
        frozenset(raw["portfolio_titles"]),
        honorifics,
        plural_honorifics,
        frozenset(word for spellings in raw["titles"] for spelling in spellings for word in spelling.split()),
        frozenset(raw["post_nominals"]),
        frozenset(raw["honorific_prefixes"]),
    )
