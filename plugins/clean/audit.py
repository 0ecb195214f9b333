"""Check that cleaning lost no word except in removed boilerplate lines and rejoined hyphenations."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from pressroom.plugins.clean.boilerplate import LineVerdicts, remove_boilerplate
from pressroom.plugins.clean.rules import CompiledRule

_TOKEN = re.compile(r"\w+")
_HYPHEN_BREAK = re.compile(r"(\w+)-[ \t]*\n\s*(\w+)")


def lost_words(before: str, after: str, rules: list[CompiledRule], release: dt.date | None) -> Counter[str]:
    """Words of ``before`` missing from ``after``, less the words allowed to go.

    Allowed: the words of the lines that ``rules`` remove from ``before``, and both halves of
    words hyphenated across lines. ``before`` should already be encoding-repaired (ftfy rewrites
    mojibake words on purpose) and have stripped lines, as the step's encoding stage leaves it.
    """
    lost = Counter(_TOKEN.findall(before)) - Counter(_TOKEN.findall(after))
    if not lost:
        return lost
    lines = before.split("\n")
    kept = remove_boilerplate(lines, LineVerdicts(rules, release), Counter())
    allowed = Counter(_TOKEN.findall(before)) - Counter(_TOKEN.findall("\n".join(kept)))
    for match in _HYPHEN_BREAK.finditer(before):
        allowed.update(match.groups())
    return lost - allowed
