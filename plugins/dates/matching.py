"""The pieces every pattern module shares: regex fragments, hits, and the matcher record."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from pressroom.plugins.dates.resolve import Context
from pressroom.plugins.dates.triggers import WIDE, Reach
from pressroom.plugins.dates.vocab import MONTHS, NUMBER_WORDS, WEEKDAYS, alternation

#: The expression kinds a user can switch on and off with the `types` option.
Kind = Literal["absolute", "numeric", "year", "partial", "weekday", "relative", "period", "reference"]
ALL_KINDS: tuple[Kind, ...] = (
    "absolute", "numeric", "year", "partial", "weekday", "relative", "period", "reference",
)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    value: str
    kind: Kind

    def resolved(self) -> Hit:
        return self


@dataclass(frozen=True)
class LazyHit:
    """A candidate whose value is worked out only if no longer candidate overlaps it; a value of None
    then means no hit after all. Reading the tense of a sentence (`on Friday`, `in March`) or the words
    around a number (is `2000` a year?) is the dearest part of a handler, and most of these candidates lose
    to a longer one around them (`11 December` and `2009` in `11 December 2009`)."""

    start: int
    end: int
    kind: Kind
    value_of: Callable[[], str | None]

    def resolved(self) -> Hit | None:
        value = self.value_of()
        return None if value is None else Hit(self.start, self.end, value, self.kind)


Candidate = Hit | LazyHit
Handler = Callable[[re.Match[str], Context], Sequence[Candidate]]


@dataclass(frozen=True)
class Matcher:
    """A compiled pattern, the handler that turns each match into zero or more hits, the triggers of
    which every match contains at least one, and how far a match reaches around its trigger. `needs` is a
    trigger every match contains as well (the year of a full date): windows without one are not read."""

    pattern: re.Pattern[str]
    handle: Handler
    triggers: frozenset[str]
    reach: Reach = WIDE
    needs: str | None = None


def compile_lower(pattern: str) -> re.Pattern[str]:
    """Patterns run on the lower-cased text: case-sensitive matching is about three times faster than
    IGNORECASE; handlers read capitals from the original text at the same offsets."""
    return re.compile(pattern)


def on(*triggers: str | Iterable[str]) -> frozenset[str]:
    """The trigger set of a matcher, from single words and word collections."""
    return frozenset(t for item in triggers for t in ([item] if isinstance(item, str) else item))


def hit(m: re.Match[str], value: str | None, kind: Kind) -> list[Hit]:
    """One hit over the `span` group when the pattern has one (to leave out `the`), else the match."""
    if value is None:
        return []
    start, end = _span(m)
    return [Hit(start, end, value, kind)]


def lazy_hit(m: re.Match[str], value_of: Callable[[], str | None], kind: Kind) -> list[LazyHit]:
    """Like `hit`, with the value worked out only if the hit is kept."""
    start, end = _span(m)
    return [LazyHit(start, end, kind, value_of)]


def _span(m: re.Match[str]) -> tuple[int, int]:
    return m.span("span") if group(m, "span") else m.span()


def group(m: re.Match[str], name: str) -> str:
    """The text of a named group, or "" when the pattern lacks it or it did not take part."""
    return (m[name] or "") if name in m.re.groupindex else ""


def month(group: str) -> str:
    return rf"(?P<{group}>{alternation(MONTHS)})(?![a-z])\.?"


def day(group: str) -> str:
    return rf"(?P<{group}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\da-z])"


def year(group: str) -> str:
    return rf"(?P<{group}>1[0-9]\d\d|20\d\d|21\d\d)(?![\d%]|[.,:/]\d|[a-z])"


#: An optional leading weekday: `Tuesday, 22 July 2014`, `Tues 9th Aug, 2015`.
#: Not across a line break: `... until Friday` ending a title is not part of the dateline below it.
WEEKDAY_PREFIX = rf"(?:(?:{alternation(WEEKDAYS)})\.?[^\S\n]*,?[^\S\n]*)?"
# What a date led by an optional weekday can start with, as a lookahead: the regex engine then skips
# other positions at once instead of trying the whole optional prefix at each (about 40% faster).
WEEKDAY_OR_DAY_FIRST = r"(?=[mtwfs\d])"
WEEKDAY_OR_MONTH_FIRST = r"(?=[mtwfsjaond])"
#: A count of units: digits or words up to `twenty-five`.
NUMBER = rf"(?:\d{{1,4}}|(?:{alternation(NUMBER_WORDS)})(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)"


def is_capitalized(text: str, start: int) -> bool:
    return text[start : start + 1].isupper()


def number_value(token: str) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token)
    total = 0
    for part in re.split(r"[\s-]+", token):
        if part not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[part]
    return total


def words_before(text: str, start: int, count: int = 1) -> list[str]:
    """The last `count` lower-cased words before `start` (punctuation kept as its own token)."""
    return [w.lower() for w in words_before_cased(text, start, count)]


_TOKEN = re.compile(r"[\w'’]+|[^\w\s]")


def words_before_cased(text: str, start: int, count: int = 1) -> list[str]:
    return _TOKEN.findall(text, max(0, start - 40), start)[-count:]
