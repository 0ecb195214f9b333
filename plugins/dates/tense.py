"""Which way an underspecified date points (`on Friday`, `in March`), read from the verbs around it."""

from __future__ import annotations

import re
from typing import Literal

from pressroom.plugins.dates.programs import program

Direction = Literal["past", "future", "none"]

# Modal and planning words that put the event after the release date.
_FUTURE = program(
    r"\b(?:(?:will|would|shall|should|may|might|could|must|to)\s+be\s+\w+|"
    r"will|shall|won't|going\s+to|is\s+to|are\s+to|set\s+to|due|scheduled|slated|planned|"
    r"plans?\s+to|intends?\s+to|expects?\s+to|expected|upcoming|forthcoming|coming|next|until|till|"
    r"tomorrow|ahead)\b|'ll\b",
)
# Auxiliaries and regular past forms; `-ed` words need three letters before the ending (not `red`, `need`), and
# `indeed`, `speed`, `hundred`, `proceed`, `breed` are no past forms (`needed`, `agreed` are).
# The ending is matched before the lookbehinds (which therefore include it), so that they run only where
# a word has it, not at every letter the engine backtracks over.
_PAST = program(
    r"\b(?:was|were|had|did|said|told|met|made|took|gave|went|came|began|held|"
    r"saw|won|lost|left|sold|paid|ago|last|earlier|previously|yesterday|since|"
    r"\w{3,}ed(?<!\bindeed)(?<!\bspeed)(?<!hundred)(?<!ceed)(?<!\bbreed)(?<!\bgreed))\b",
)
_CLAUSE_END = program(r"[.;!?\n]")
_CLAUSE_ENDS = ".;!?\n"
_WINDOW = 80
_CUES: tuple[tuple[re.Pattern[str], Direction], ...] = ((_FUTURE, "future"), (_PAST, "past"))


def direction(text: str, start: int, end: int) -> Direction:
    """The direction of the tense cue nearest the span, looking only inside its own sentence."""
    # Lower-cased slices: case-sensitive patterns are faster than IGNORECASE ones.
    left = text[max(0, start - _WINDOW) : start].lower()
    left = left[max(map(left.rfind, _CLAUSE_ENDS)) + 1 :]  # after the last clause end, if any
    right = text[end : end + _WINDOW].lower()
    stop = _CLAUSE_END.search(right)
    right = right[: stop.start()] if stop else right

    # On a tie (`to be held`, `scheduled` read as a past form) the future reading wins.
    best: tuple[int, Direction] = (_WINDOW + 1, "none")
    for pattern, label in _CUES:
        last = None
        for last in pattern.finditer(left):  # matches come in text order: the last one is nearest the span
            pass
        if last:
            best = min(best, (len(left) - last.end(), label))
        first = pattern.search(right)
        if first:
            best = min(best, (first.start(), label))
    return best[1]
