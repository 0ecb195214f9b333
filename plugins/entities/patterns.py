"""Name shapes: which words make a name an organization or a place, which words are just English."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, fields
from typing import Any

from pressroom.plugins.entities.packaged import read_lines, read_yaml
from pressroom.plugins.entities.wordset import WordSet


# A model designation right after a maker's name (`Airbus A380`, `Boeing 737-800`), not a year.
_MODEL_NUMBER = re.compile(r"\s+(?!(?:19|20)\d\d\b)[A-Z]{0,3}-?\d{2,4}(?:-\d+)?[A-Za-z]?\b")

# Capitalized words taken for names: months, weekdays, and the time zones after clock times (`16:00 UTC`).
CALENDAR_AND_CLOCK = frozenset(
    [*calendar.month_name[1:], *calendar.day_name, "UTC", "GMT", "CET", "CEST", "EST", "EDT", "PST", "PDT"]
)


def names_a_product(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is followed by a model number: then it names a product
    (`Boeing 787`), which is none of our labels, rather than the company."""
    return _MODEL_NUMBER.match(text, end) is not None


@dataclass(frozen=True)
class Shapes:
    org_heads: frozenset[str]
    loc_heads: frozenset[str]
    gpe_heads: frozenset[str]
    misc_heads: frozenset[str]
    place_openers: frozenset[str]
    not_person_openers: frozenset[str]
    #: lower-case words allowed between the capitalized words of one name (`Bank of Australia`)
    connectors: frozenset[str]
    #: lower-cased words that are ordinary English: a capital on them alone does not make a name
    common_words: frozenset[str]
    #: first names (names-dataset): the strongest sign that capitalized words are a person's name
    given_names: WordSet
    #: surnames (names-dataset): a weaker sign, for names whose first name the list lacks
    surnames: WordSet
    #: spellings that are none of our labels (`GDP`, `Dow Jones`), in gazetteer order
    not_names: tuple[str, ...]
    #: words before a first name in transcripts (`G'day Leon`)
    greetings: frozenset[str]
    #: nationality adjectives (`German`, `Dutch`): none of our labels alone, and no one's name
    demonyms: frozenset[str]
    #: words after (`Manchester United`) or before (`FC Basel`) a place that make it a sports club
    team_heads: frozenset[str]
    team_openers: frozenset[str]
    #: lower-case nouns before a name that say what it names (`airline Aer Lingus`, `analyst Chris Weafer`)
    org_descriptors: frozenset[str]
    person_descriptors: frozenset[str]
    #: organization head words that are also surnames (`Jim Press`, `Richard Court`)
    surname_heads: frozenset[str]
    #: words ending a maker's name after its founder's (`Douglas Aircraft`)
    maker_heads: frozenset[str]
    #: words ending an event's or a prize's name after a place's alone (`Sydney Festival`)
    event_heads: frozenset[str]

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # Kept in the set-up cache with the tagger: a large word set goes as one string of its words, which reads back
        # (split, then hashed into a set) in half the time pickle takes to rebuild the set word by word.
        values = [getattr(self, field.name) for field in fields(self)]
        return _shapes, tuple(
            ("\n".join(value), True) if isinstance(value, frozenset) and len(value) > _JOINED else (value, False)
            for value in values
        )

    def is_common(self, word: str) -> bool:
        return word.lower() in self.common_words

    def is_acronym(self, word: str) -> bool:
        letters = word.replace(".", "").replace("&", "")
        return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()


#: frozensets larger than this are pickled as one string of their lines (the common words)
_JOINED = 5_000


def _shapes(*values: tuple[Any, bool]) -> Shapes:
    """The Shapes pickled by ``Shapes.__reduce__``: its fields' values, the large word sets joined into strings."""
    return Shapes(*(frozenset(value.split("\n")) if joined else value for value, joined in values))


def load_shapes() -> Shapes:
    raw = read_yaml("shapes.yaml")
    return Shapes(
        frozenset(raw["org_heads"]),
        frozenset(raw["loc_heads"]),
        frozenset(raw["gpe_heads"]),
        frozenset(raw["misc_heads"]),
        frozenset(raw["place_openers"]),
        frozenset(raw["not_person_openers"]) | frozenset(raw["demonyms"]),
        frozenset(raw["connectors"]),
        frozenset(read_lines("common_words.txt")) | {word.lower() for word in raw["ordinary_words"]},
        WordSet(read_lines("given_names.txt")),
        WordSet(read_lines("surnames.txt")),
        tuple(raw["not_names"]),
        frozenset(raw["greetings"]),
        frozenset(raw["demonyms"]),
        frozenset(raw["team_heads"]),
        frozenset(raw["team_openers"]),
        frozenset(raw["org_descriptors"]),
        frozenset(raw["person_descriptors"]),
        frozenset(raw["surname_heads"]),
        frozenset(raw["maker_heads"]),
        frozenset(raw["event_heads"]),
    )
