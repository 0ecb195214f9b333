"""Find every date expression in a string: all patterns propose hits, the longest non-overlapping win."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

from pressroom.plugins.dates import absolute, periods, relative, triggers
from pressroom.plugins.dates.matching import ALL_KINDS, Hit, Kind, Matcher
from pressroom.plugins.dates.resolve import Context, Prefer
from pressroom.plugins.dates.vocab import FULL_MONTHS, MONTHS

MATCHERS: tuple[Matcher, ...] = (*absolute.MATCHERS, *periods.MATCHERS, *relative.MATCHERS)
# The words among the triggers (digit runs are found by shape), and the month names NUMBERED_MONTH needs.
_VOCABULARY = frozenset(word for matcher in MATCHERS for word in matcher.triggers if not word.startswith("#")) | MONTHS.keys()

# TimeML puts these modifiers inside the span (`early 2009`, `the end of last year`, `mid-June`).
_MODIFIER_BEFORE = re.compile(
    r"(?:\b(?:early|late|mid)[\s-]+|\bmid-|\b(?:the\s+)?(?:end|start|beginning|middle|turn|close)\s+of\s+)$",
    re.IGNORECASE,
)


def find_dates(
    text: str,
    anchor: dt.date | None,
    *,
    kinds: Collection[Kind] = ALL_KINDS,
    day_first: bool = True,
    prefer: Prefer = "tense",
) -> list[Hit]:
    """Non-overlapping date hits in text order, with TIMEX3 values resolved against ``anchor``."""
    ctx = Context(text=text, anchor=anchor, day_first=day_first, prefer=prefer)
    lower = triggers.lowered(text)
    found = triggers.locate(lower, _VOCABULARY)
    windows: dict[frozenset[str], list[triggers.Span]] = {}  # matchers with the same triggers share them
    candidates: list[Hit] = []
    for matcher in MATCHERS:
        if matcher.triggers.isdisjoint(found):
            continue
        if matcher.triggers not in windows:
            windows[matcher.triggers] = triggers.windows(found, matcher.triggers, len(lower))
        for m in triggers.scan(matcher.pattern, lower, windows[matcher.triggers]):
            candidates.extend(matcher.handle(m, ctx))
    # Longest first, so `11 December 2009` beats `11 December` and `2009`; then leftmost.
    candidates.sort(key=lambda h: (h.start - h.end, h.start))
    kept: list[Hit] = []
    for candidate in candidates:
        if all(candidate.end <= other.start or candidate.start >= other.end for other in kept):
            kept.append(candidate)
    kept.sort(key=lambda h: h.start)
    return [_without_full_stop(text, _with_modifier(text, h, kept[i - 1].end if i else 0))
            for i, h in enumerate(kept) if h.kind in kinds]


_FINAL_WORD = re.compile(r"([A-Za-z]+)\.$")


def _without_full_stop(text: str, hit: Hit) -> Hit:
    """The patterns allow `Dec.`; a full stop after `December` ends the sentence, not the date."""
    word = _FINAL_WORD.search(text, hit.start, hit.end)
    if word and word[1].lower() in FULL_MONTHS:
        return Hit(hit.start, hit.end - 1, hit.value, hit.kind)
    return hit


def _with_modifier(text: str, hit: Hit, floor: int) -> Hit:
    """Widen the span over a modifier just before it, never into the previous hit."""
    window_start = max(floor, hit.start - 30)
    modifier = _MODIFIER_BEFORE.search(text, window_start, hit.start)
    if modifier is None:
        return hit
    return Hit(modifier.start(), hit.end, hit.value, hit.kind)
