"""Gazetteers: named things with a label, aliases and a canonical id, found by token lookup.

Data format (YAML list or CSV with a header), documented in docs/plugins/entities.md::

    - {name: United Nations, label: ORG, aliases: [UN, U.N.], id: UN}

CSV columns: ``name,label,aliases,id`` with aliases separated by ``|``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pressroom.plugins.entities.tokens import Token, token_texts

LABELS = frozenset({"PERSON", "TITLE", "ORG", "GPE", "LOC"})
#: libyaml's safe loader where PyYAML was built with it: the packaged data loads several times faster
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML safely (no tags that run code), with the C parser when there is one."""
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader


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


def entry_from_mapping(raw: dict[str, Any], where: str) -> Entry:
    unknown = set(raw) - {"name", "label", "aliases", "id"}
    if unknown or "name" not in raw or "label" not in raw:
        raise ValueError(f"{where}: a gazetteer entry needs name and label, and only aliases/id besides: {raw!r}")
    label = str(raw["label"]).upper()
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


@dataclass
class Match:
    entry: Entry
    length: int  # in tokens


@dataclass
class Gazetteer:
    """Longest-match lookup of token sequences; later entries never replace earlier ones for a spelling."""

    _exact: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    _folded: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    #: longest key starting with each (exact or case-folded) first word, so most tokens cost one lookup
    _longest: dict[str, int] = field(default_factory=dict)

    def add(self, entries: Iterable[Entry], *, override: bool = False) -> None:
        """Index entries; ``override`` lets them replace what is there (user files beat package data)."""
        for entry in entries:
            for spelling in entry.spellings():
                key = token_texts(spelling)
                if not key:
                    continue
                if override or key not in self._exact:
                    self._exact[key] = entry
                # Short all-capital spellings (US, UN) are words in a capitalized headline ("LET US").
                folded = tuple(word.casefold() for word in key)
                if not (len(key) == 1 and key[0].isupper() and len(key[0]) <= 3):
                    if override or folded not in self._folded:
                        self._folded[folded] = entry
                for first in (key[0], key[0].casefold()):
                    self._longest[first] = max(self._longest.get(first, 0), len(key))

    def match(self, tokens: Sequence[Token], i: int, *, fold_case: bool = False) -> Match | None:
        """The longest entry spelled by ``tokens[i:]``; ``fold_case`` for lines written in capitals."""
        first = tokens[i].text.casefold() if fold_case else tokens[i].text
        longest = self._longest.get(first)
        if longest is None:  # most words start no spelling: one dictionary lookup
            return None
        table = self._folded if fold_case else self._exact
        for length in range(min(longest, len(tokens) - i), 0, -1):
            words = tuple(t.text for t in tokens[i : i + length])
            entry = table.get(tuple(w.casefold() for w in words) if fold_case else words)
            if entry is not None and (length == 1 or not any(t.new_line for t in tokens[i + 1 : i + length])):
                return Match(entry, length)
        return None

    def first_words(self) -> set[str]:
        """Every word (exactly as written) that starts a spelling."""
        return {key[0] for key in self._exact}

    def spells(self, word: str) -> bool:
        """Whether ``word`` alone is a spelling (exactly as written)."""
        return (word,) in self._exact

    def lower_case_words(self) -> set[str]:
        """Words written in lower case inside spellings (`of` in `Bank of Japan`): the tokenizer keeps them."""
        return {word for key in self._exact for word in key if word.islower()}

    def __len__(self) -> int:
        return len(self._exact)
