"""Find every date expression in a string: all patterns propose hits, the longest non-overlapping win."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection
from operator import attrgetter, itemgetter
from typing import Any

from pressroom.plugins.dates import absolute, periods, relative, triggers
from pressroom.plugins.dates.clock import with_clock
from pressroom.plugins.dates.matching import ALL_KINDS, Handler, Hit, Kind, Matcher, span_of
from pressroom.plugins.dates.programs import keep_programs, program
from pressroom.plugins.dates.resolve import Context, Prefer
from pressroom.plugins.dates.vocab import COUNT_UNITS, FULL_MONTHS, MONTHS

MATCHERS: tuple[Matcher, ...] = (*absolute.MATCHERS, *periods.MATCHERS, *relative.MATCHERS)


def load_patterns() -> None:
    """Every matcher's two compiled patterns (Unicode for some texts, ASCII for most) and the vocabulary's, made at
    set-up rather than on first use, and kept with the modules' own for the processes after this one (see
    `programs`)."""
    for matcher in MATCHERS:
        _ = matcher.pattern, matcher.ascii_pattern  # the cached properties, filled
    triggers.word_finder(_VOCABULARY)
    keep_programs()


# The words among the triggers and needs (digit runs are found by shape), and the month names and units of
# time the triggers NUMBERED_MONTH, MONTH_FIRST and COUNTED_UNIT are made of.
_VOCABULARY = frozenset(
    word for matcher in MATCHERS for word in (*matcher.triggers, matcher.needs or "#") if not word.startswith("#")
).union(MONTHS, COUNT_UNITS)


# Matchers with the same triggers and reach read the same windows: each matcher's index into the kinds
# (None for an anchored matcher, which reads no window).
_WINDOW_KINDS = list(dict.fromkeys((m.triggers, m.reach) for m in MATCHERS if not m.anchored))
_WINDOW_OF = [None if m.anchored else _WINDOW_KINDS.index((m.triggers, m.reach)) for m in MATCHERS]


def _trigger_bits(matchers: tuple[Matcher, ...]) -> tuple[dict[str, int], dict[str, int]]:
    """Each trigger as bits: those of the matchers it sets off (by index) and, past them, a bit of its own
    if a matcher needs it; and those bits of the needed triggers. A text's triggers OR-ed together name the
    matchers it sets off at once, where asking every matcher whether its triggers occur took a set test per
    matcher and text."""
    bits: dict[str, int] = {}
    for index, matcher in enumerate(matchers):
        for trigger in matcher.triggers:
            bits[trigger] = bits.get(trigger, 0) | 1 << index
    needed = sorted({matcher.needs for matcher in matchers if matcher.needs})
    needed_bits = {trigger: 1 << offset for offset, trigger in enumerate(needed, start=len(matchers))}
    for trigger, bit in needed_bits.items():
        bits[trigger] = bits.get(trigger, 0) | bit
    return bits, needed_bits


_TRIGGER_BITS, _NEEDED_BITS = _trigger_bits(MATCHERS)


@functools.lru_cache(maxsize=4096)
def _plan(bits: int) -> tuple[tuple[Matcher, int | None], ...]:
    """The matchers a text whose triggers OR to ``bits`` sets off, in matcher order, with their window
    kinds; a matcher whose needed trigger is absent has no window to read and is left out. Texts share a few
    hundred such sets, so each is worked out once."""
    return tuple((matcher, _WINDOW_OF[index]) for index, matcher in enumerate(MATCHERS)
                 if bits >> index & 1 and (matcher.needs is None or bits & _NEEDED_BITS[matcher.needs]))


# TimeML puts these modifiers inside the span (`early 2009`, `the end of last year`, `mid-June`); they
# and the patterns below read the lower-cased text.
_MODIFIER_BEFORE = program(
    r"(?:\b(?:early|late|mid)[\s-]+|\bmid-|\b(?:the\s+)?(?:end|start|beginning|middle|turn|close)\s+of\s+)$"
)
_MODIFIER_ENDS = ("early", "late", "mid", "of", "-")


def find_dates(
    text: str,
    anchor: dt.date | None,
    *,
    kinds: Collection[Kind] = ALL_KINDS,
    day_first: bool = True,
    prefer: Prefer = "tense",
) -> list[Hit]:
    """Non-overlapping date hits in text order, with TIMEX3 values resolved against ``anchor``."""
    lower = triggers.lowered(text)
    found = triggers.locate(lower, _VOCABULARY)
    bits = 0
    for trigger in found:
        bits |= _TRIGGER_BITS.get(trigger, 0)
    plan = _plan(bits)
    if not plan:
        return []
    ctx = Context(text=text, anchor=anchor, day_first=day_first, prefer=prefer)
    windows: list[list[triggers.Span] | None] = [None] * len(_WINDOW_KINDS)  # shared by like matchers
    candidates: list[_Candidate] = []
    scale = len(text) + 1  # a candidate's order: longest first, then leftmost, as one number (see `_Candidate`)
    plain = triggers.is_plain(lower)
    for matcher, kind in plan:
        pattern = matcher.ascii_pattern if plain else matcher.pattern
        if kind is None:
            matches = triggers.scan_at(pattern, lower, triggers.starts(found, matcher.triggers), matcher.lead)
        else:
            spans = windows[kind]
            if spans is None:
                spans = windows[kind] = triggers.windows(found, matcher.triggers, len(lower), matcher.reach)
            if matcher.needs:
                spans = triggers.holding(spans, found[matcher.needs])
            matches = triggers.scan(pattern, lower, spans)
        if not matches:
            continue
        handle = matcher.handle
        if not matcher.deferred:
            candidates += [((h.start - h.end) * scale + h.start, h.start, h.end, None, h)
                           for m in matches for h in handle(m, ctx)]
        elif matcher.spans_group:
            candidates += [((start - end) * scale + start, start, end, handle, m)
                           for m in matches for start, end in (span_of(m),)]
        else:
            candidates += [((start - end) * scale + start, start, end, handle, m)
                           for m in matches for start, end in (m.span(),)]
    kept = _longest_first(candidates, len(text), ctx)
    hits: list[Hit] = []
    for i, h in enumerate(kept):
        floor = hits[-1].end if hits else 0
        ceiling = kept[i + 1].start if i + 1 < len(kept) else len(text)
        hits.append(with_clock(lower, _without_full_stop(lower, _with_modifier(lower, h, floor)), floor, ceiling))
    return [h for h in hits if h.kind in kinds]


# A candidate: the order it is tried in (minus its length times the text's length + 1, plus its start: sorted as
# one int, which the sort compares faster than a pair), its start and end, and either a deferred handler with
# its match or None with a finished hit.
_Candidate = tuple[int, int, int, Handler | None, Any]


def _longest_first(candidates: list[_Candidate], length: int, ctx: Context) -> list[Hit]:
    """The candidates that overlap no longer (or, as long, more leftward) one, in text order.

    Kept spans are marked in a map of the text, so each candidate is checked against the characters it
    covers, not against every span kept so far: linear in the text, where a pairwise check was quadratic in
    the number of mentions."""
    # Longest first, so `11 December 2009` beats `11 December` and `2009`; then leftmost (a stable sort:
    # among equal spans, the first matcher's).
    candidates.sort(key=_ORDER)
    covered = bytearray(length + 1)
    starts = bytearray(length + 1)  # a zero-length hit conflicts only strictly inside a kept span
    kept: list[Hit] = []
    for _, start, end, handle, item in candidates:
        if end > start:
            if covered.find(1, start, end) >= 0:
                continue
        elif covered[start] and not starts[start]:
            continue
        if handle is None:
            hit = item
        else:  # a deferred match may turn out to be no hit: then it covers nothing; else its one hit lies over
            # the span that chose it (tests/plugins/dates/test_dates_triggers.py checks every deferred handler)
            found = handle(item, ctx)
            if not found:
                continue
            hit = found[0]
        if end > start:
            covered[start:end] = b"\x01" * (end - start)
            starts[start] = 1
        kept.append(hit)
    kept.sort(key=_START)
    return kept


_ORDER = itemgetter(0)
_START = attrgetter("start")
_FINAL_WORD = program(r"([a-z]+)\.$")


def _without_full_stop(lower: str, hit: Hit) -> Hit:
    """The patterns allow `Dec.`; a full stop after `December` ends the sentence, not the date."""
    word = _FINAL_WORD.search(lower, hit.start, hit.end) if lower[hit.end - 1] == "." else None
    if word and word[1] in FULL_MONTHS:
        return Hit(hit.start, hit.end - 1, hit.value, hit.kind)
    return hit


def _with_modifier(lower: str, hit: Hit, floor: int) -> Hit:
    """Widen the span over a modifier just before it, never into the previous hit."""
    window_start = max(floor, hit.start - 30)
    # Every modifier ends in `early`, `late`, `mid` or `of` and spaces, or in a hyphen: a test of the
    # string's end rules out most hits at a fraction of the regex search's cost.
    if not lower[window_start : hit.start].rstrip().endswith(_MODIFIER_ENDS):
        return hit
    modifier = _MODIFIER_BEFORE.search(lower, window_start, hit.start)
    if modifier is None:
        return hit
    return Hit(modifier.start(), hit.end, hit.value, hit.kind)
