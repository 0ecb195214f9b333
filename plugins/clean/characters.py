"""Invisible and layout characters that ftfy keeps but that break tokenizers and search."""

from __future__ import annotations

import re
from collections import Counter

# Rule name -> {character: replacement}. No-break spaces become spaces; zero-width spaces and
# stray BOMs are dropped (ZWJ/ZWNJ are kept: they change how some scripts render); Unicode
# line/paragraph separators become the newlines the layout rules understand; bullets typed in
# the Symbol/Wingdings fonts land in the Private Use Area and become the bullets they showed.
_RULES: dict[str, dict[str, str]] = {
    "line_separator": {"\u2028": "\n", "\u2029": "\n\n"},
    "no_break_space": {"\u00a0": " ", "\u202f": " ", "\u2007": " "},
    "zero_width": {"\u200b": "", "\u2060": "", "\ufeff": ""},
    "private_use_bullet": {
        "\uf0b7": "\u2022",  # Symbol bullet -> •
        "\uf0a7": "\u25aa",  # Wingdings square -> ▪
        "\uf06e": "\u25a0",  # Wingdings black square -> ■
        "\uf0d8": "\u27a2",  # Wingdings arrowhead -> ➢
        "\uf076": "\u2756",  # Wingdings diamond -> ❖
        "\uf0fc": "\u2713",  # Wingdings check mark -> ✓
    },
}
# No-break spaces are replaced only after ftfy has run: "Â\u00a0" is mojibake it must still see.
_BEFORE_FTFY = ("line_separator", "zero_width", "private_use_bullet")
_AFTER_FTFY = ("no_break_space",)


def _compile(names: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """One pattern for all the characters of ``names``, and each character's (rule, replacement)."""
    table = {char: (name, repl) for name in names for char, repl in _RULES[name].items()}
    return re.compile("[" + "".join(table) + "]"), table


_INVISIBLES = _compile(_BEFORE_FTFY)
_SPACES = _compile(_AFTER_FTFY)


def _replace(text: str, counts: Counter[str], compiled: tuple[re.Pattern[str], dict[str, tuple[str, str]]]) -> str:
    pattern, table = compiled
    # All these characters are non-ASCII, and a substring test per character is far faster than a
    # character-class search: most texts are spared the pattern entirely.
    if text.isascii() or not any(char in text for char in table):
        return text

    def replace(match: re.Match[str]) -> str:
        name, replacement = table[match.group()]
        counts[name] += 1
        return replacement

    return pattern.sub(replace, text)


def normalize_invisibles(text: str, counts: Counter[str]) -> str:
    """Line/paragraph separators, zero-width spaces and private-use bullets, counted per rule."""
    return _replace(text, counts, _INVISIBLES)


def normalize_spaces(text: str, counts: Counter[str]) -> str:
    """No-break spaces to spaces, counted."""
    return _replace(text, counts, _SPACES)
