"""Gazetteers: named things with a label, aliases and a canonical id, found by token lookup.

Data format (YAML list or CSV with a header), documented in docs/plugins/entities.md::

    - {name: United Nations, label: ORG, aliases: [UN, U.N.], id: UN}

CSV columns: ``name,label,aliases,id`` with aliases separated by ``|``.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path
from typing import Any

from pressroom.plugins.entities.tokens import Token, token_texts

LABELS = frozenset({"PERSON", "TITLE", "ORG", "GPE", "LOC"})
_TEXT, _NEW_LINE = attrgetter("text"), attrgetter("new_line")


def load_yaml(text: str) -> Any:
    """Parse YAML safely (no tags that run code), with libyaml's C parser when PyYAML was built with it (the
    packaged data loads several times faster). PyYAML is imported here, not with the module: a run whose tagger
    comes whole from the set-up cache parses no YAML."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


@dataclass(frozen=True)
class Entry:
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    id: str | None = None
    #: a common word as well as a name (the city `Mobile`): only trusted with supporting context
    ambiguous: bool = False

    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


#: an entry's fields in order, as a tuple: the form the set-up cache keeps it in (``Gazetteer.__getstate__``)
_PACK = attrgetter(*(spec.name for spec in fields(Entry)))


def entry_from_mapping(raw: dict[str, Any], where: str) -> Entry:
    unknown = set(raw) - {"name", "label", "aliases", "id"}
    if unknown or "name" not in raw or "label" not in raw:
        raise ValueError(f"{where}: a gazetteer entry needs name and label, and only aliases/id besides: {raw!r}")
    label = sys.intern(str(raw["label"]).upper())  # one string for each label, not one per entry
    if label not in LABELS:
        raise ValueError(f"{where}: label {label!r} is not one of {sorted(LABELS)}")
    aliases = raw.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = [a for a in aliases.split("|") if a.strip()]
    entry_id = raw.get("id")
    return Entry(
        str(raw["name"]).strip(),
        label,
        tuple(str(a).strip() for a in aliases),
        str(entry_id).strip() if entry_id not in (None, "") else None,
    )


def load_entries(path: str | Path) -> list[Entry]:
    """Read a user or package gazetteer file (``.yaml``/``.yml`` list, or ``.csv`` with a header)."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            rows: list[dict[str, Any]] = [
                {k: v for k, v in row.items() if v not in (None, "")} for row in csv.DictReader(handle)
            ]
    else:
        rows = load_yaml(path.read_text(encoding="utf-8")) or []
        if not isinstance(rows, list):
            raise ValueError(f"{path}: a YAML gazetteer is a list of entries")
    return [entry_from_mapping(row, f"{path} entry {i + 1}") for i, row in enumerate(rows)]


@dataclass(slots=True)
class Match:
    entry: Entry
    length: int  # in tokens


# eq=False: one read back from the cache holds tuples where the original holds entries, so field equality would lie
@dataclass(eq=False)
class Gazetteer:
    """Longest-match lookup of token sequences; later entries never replace earlier ones for a spelling."""

    #: spellings' words to entries; read back from the set-up cache, to tuples of their fields until first found
    _exact: dict[tuple[str, ...], Entry | tuple[Any, ...]] = field(default_factory=dict)
    _folded: dict[tuple[str, ...], Entry | tuple[Any, ...]] = field(default_factory=dict)
    #: the lengths of the spellings that start with each first word (exactly as written, and case-folded),
    #: longest first: most tokens start none (one lookup), most others only one-word spellings
    _exact_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    _folded_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: the same for the spellings of several words, by their first two: most words after a first word that starts
    #: one start none (one lookup, where each length was a tuple of the next words' texts to look up)
    _exact_pair_lengths: dict[tuple[str, str], tuple[int, ...]] = field(default_factory=dict)
    _folded_pair_lengths: dict[tuple[str, str], tuple[int, ...]] = field(default_factory=dict)
    #: the entries made again from their tuples, so that the tables that share one share its Entry
    _unpacked: dict[tuple[Any, ...], Entry] = field(default_factory=dict, compare=False, repr=False)

    def add(self, entries: Iterable[Entry], *, override: bool = False) -> None:
        """Index entries; ``override`` lets them replace what is there (user files beat package data)."""
        exact, folded_table = self._exact, self._folded
        for entry in entries:
            for spelling in entry.spellings():
                # interned: the same word in several spellings and tables (and an entry's name that is one word) is
                # one string, which the set-up cache then keeps once
                key = tuple(map(sys.intern, token_texts(spelling)))
                if not key:
                    continue
                if override or key not in exact:
                    exact[key] = entry
                    _note_length(self._exact_lengths, self._exact_pair_lengths, key)
                # Short all-capital spellings (US, UN) are words in a capitalized headline ("LET US").
                if not (len(key) == 1 and key[0].isupper() and len(key[0]) <= 3):
                    folded = tuple(sys.intern(word.casefold()) for word in key)
                    if override or folded not in folded_table:
                        folded_table[folded] = entry
                        _note_length(self._folded_lengths, self._folded_pair_lengths, folded)

    def match(self, tokens: Sequence[Token], i: int, *, fold_case: bool = False) -> Match | None:
        """The longest entry spelled by ``tokens[i:]``; ``fold_case`` for lines written in capitals.
        A spelling of several words never runs across a line break."""
        first = tokens[i].text
        if fold_case:
            first = first.casefold()
            lengths = self._folded_lengths.get(first)
        else:
            lengths = self._exact_lengths.get(first)
        if lengths is None:  # most words start no spelling: one dictionary lookup
            return None
        table = self._folded if fold_case else self._exact
        if lengths[0] > 1 and i + 1 < len(tokens):
            second = tokens[i + 1].text
            pairs = self._folded_pair_lengths if fold_case else self._exact_pair_lengths
            for length in pairs.get((first, second.casefold() if fold_case else second), ()):
                window = tokens[i + 1 : i + length]
                if len(window) < length - 1:
                    continue
                # map with attrgetter: C loops, where a comprehension or generator is a Python call per lookup
                rest = map(_TEXT, window)
                key = (first, *map(str.casefold, rest)) if fold_case else (first, *rest)
                entry = table.get(key)
                if entry is not None and not any(map(_NEW_LINE, window)):
                    return Match(self._unpack(table, key, entry) if isinstance(entry, tuple) else entry, length)
        if lengths[-1] != 1:
            return None
        entry = table[(first,)]
        return Match(self._unpack(table, (first,), entry) if isinstance(entry, tuple) else entry, 1)

    def _unpack(
        self, table: dict[tuple[str, ...], Entry | tuple[Any, ...]], key: tuple[str, ...], packed: tuple[Any, ...]
    ) -> Entry:
        """The entry of ``key``, made from the tuple ``packed`` read back from the set-up cache, and kept in its
        place."""
        entry = self._unpacked.get(packed)
        if entry is None:
            entry = self._unpacked[packed] = Entry(*packed)
        table[key] = entry
        return entry

    def opens(self, word: str, *, fold_case: bool = False) -> bool:
        """Whether some spelling starts with ``word`` (case-folded already with ``fold_case``): else ``match``
        finds nothing where it stands."""
        return word in (self._folded_lengths if fold_case else self._exact_lengths)

    def first_words(self, *, fold_case: bool = False) -> frozenset[str]:
        """Every word that starts a spelling, exactly as written (case-folded with ``fold_case``): where ``match``
        may find one."""
        return frozenset(self._folded_lengths if fold_case else self._exact_lengths)

    def spells(self, word: str) -> bool:
        """Whether ``word`` alone is a spelling (exactly as written)."""
        return (word,) in self._exact

    def lower_case_words(self) -> set[str]:
        """Words written in lower case inside spellings (`of` in `Bank of Japan`): the tokenizer keeps them."""
        return {word for key in self._exact for word in key if word.islower()}

    def __len__(self) -> int:
        return len(self._exact)

    def __getstate__(self) -> dict[str, Any]:
        # In the set-up cache each entry goes as a tuple of its fields, one for all the spellings of the entry, and
        # becomes an Entry again where a lookup first finds it: reading back the 8,000 entries whole was a third of
        # reading the tagger, and a process's documents find a few hundred of them.
        packed: dict[int, tuple[Any, ...]] = {}

        def pack(entry: Entry | tuple[Any, ...]) -> tuple[Any, ...]:
            return entry if isinstance(entry, tuple) else packed.setdefault(id(entry), _PACK(entry))

        return {
            **self.__dict__,
            "_exact": {key: pack(entry) for key, entry in self._exact.items()},
            "_folded": {key: pack(entry) for key, entry in self._folded.items()},
            "_unpacked": {},
        }


def _note_length(
    lengths: dict[str, tuple[int, ...]], pair_lengths: dict[tuple[str, str], tuple[int, ...]], key: tuple[str, ...]
) -> None:
    """Note the length of spelling ``key`` under its first word and, for several words, under its first two."""
    _add_length(lengths, key[0], len(key))
    if len(key) > 1:
        _add_length(pair_lengths, (key[0], key[1]), len(key))


def _add_length(lengths: dict[Any, tuple[int, ...]], start: Any, length: int) -> None:
    known = lengths.get(start)
    if known is None or length not in known:
        found = (length,) if known is None else tuple(sorted((*known, length), reverse=True))
        # one tuple for each set of lengths, shared by the words that have it: the set-up cache then keeps a few
        # dozen, not one per word
        lengths[start] = _SHARED_LENGTHS.setdefault(found, found)


_SHARED_LENGTHS: dict[tuple[int, ...], tuple[int, ...]] = {}
