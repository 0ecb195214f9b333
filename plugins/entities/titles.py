"""The lexicon of offices (TITLE spans) and honorifics (left out of spans), from data/titles.yaml."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import yaml

from pressroom.plugins.entities.gazetteer import Entry, Gazetteer


@dataclass(frozen=True)
class TitleLexicon:
    titles: Gazetteer
    #: canonical titles that take a portfolio: `Minister` + `for Employment`
    portfolio: frozenset[str]
    honorifics: frozenset[str]


def load_titles(extra_titles: Iterable[str] = ()) -> TitleLexicon:
    """The packaged lexicon plus ``extra_titles`` from the step options (each its own canonical form)."""
    raw = yaml.safe_load(
        resources.files("pressroom.plugins.entities").joinpath("data", "titles.yaml").read_text("utf-8")
    )
    honorifics = frozenset(raw["honorifics"])
    gazetteer = Gazetteer(abbreviations=honorifics)
    gazetteer.add(Entry(str(t), "TITLE") for t in extra_titles)
    gazetteer.add(Entry(spellings[0], "TITLE", tuple(spellings[1:])) for spellings in raw["titles"])
    return TitleLexicon(gazetteer, frozenset(raw["portfolio_titles"]), honorifics)
