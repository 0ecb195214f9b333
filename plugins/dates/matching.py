"""The pieces every pattern module shares: regex fragments, hits, and the matcher record."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from pressroom.plugins.dates.programs import program
from pressroom.plugins.dates.resolve import Context
from pressroom.plugins.dates.triggers import WIDE, Reach
from pressroom.plugins.dates.vocab import MONTHS, NUMBER_WORDS, WEEKDAYS, alternation

#: The expression kinds a user can switch on and off with the `types` option.
Kind = Literal["absolute", "numeric", "year", "partial", "weekday", "relative", "period", "reference"]
ALL_KINDS: tuple[Kind, ...] = (
    "absolute", "numeric", "year", "partial", "weekday", "relative", "period", "reference",
)


class Hit(NamedTuple):
    """A date expression: where it is in the text, its TIMEX3 value and its kind."""

    start: int
    end: int
    value: str
    kind: Kind


Handler = Callable[[re.Match[str], Context], Sequence[Hit]]


@dataclass(frozen=True)
class Matcher:
    """A pattern, the handler that turns each match into zero or more hits, the triggers of which every
    match contains at least one, and how far a match reaches around its trigger. `needs` is a trigger every
    match contains as well (the year of a full date): windows without one are not read, and without one in
    the text the matcher does not run. An `anchored` matcher's matches all start `lead` characters before one
    of its triggers: the pattern is tried at those positions alone (reach does not apply).
    A handler that gives at most one hit, over the match or its `span` group (all but the ranges of two
    dates), is `deferred`: it runs only if no longer candidate covers that span. Reading the tense of a
    sentence or the words around a number is the dearest part of a handler, and most candidates lose to a
    longer one around them (`11 December` and `2009` in `11 December 2009`)."""

    source: str
    handle: Handler
    triggers: frozenset[str]
    reach: Reach = WIDE
    needs: str | None = None
    deferred: bool = True
    anchored: bool = False
    lead: int = 0

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern (see `programs`). Patterns run on the lower-cased text: case-sensitive matching
        is about three times faster than IGNORECASE; handlers read capitals from the original text at the same
        offsets."""
        return program(self.source)

    @functools.cached_property
    def ascii_pattern(self) -> re.Pattern[str]:
        """The pattern compiled for plain text (see `triggers.is_plain`): it finds the same matches there, and
        its `\\b`, `\\w` and `\\d` are table look-ups, where the Unicode ones ask the character database for
        every character they test (a window search tests a word boundary at every position)."""
        return program(self.source, re.ASCII)

    @functools.cached_property
    def spans_group(self) -> bool:
        """Whether the hit may lie in a `span` group rather than over the whole match (see `span_of`)."""
        return "(?P<span>" in self.source


def on(*triggers: str | Iterable[str]) -> frozenset[str]:
    """The trigger set of a matcher, from single words and word collections."""
    return frozenset(t for item in triggers for t in ([item] if isinstance(item, str) else item))


def hit(m: re.Match[str], value: str | None, kind: Kind) -> list[Hit]:
    """One hit over the `span` group when the pattern has one (to leave out `the`), else the match."""
    if value is None:
        return []
    start, end = span_of(m)
    return [Hit(start, end, value, kind)]


def span_of(m: re.Match[str]) -> tuple[int, int]:
    """Where the hit of a match lies: its `span` group when the pattern has one and it took part, else the
    whole match."""
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
#: The reach around the month of a date written day first (`Wednesday,  the 22nd of  September`, a year after
#: it) and month first (`Sept. the 5th, 2014`): the dates with and without a year use the same, so that they
#: read the same windows, made once.
DAY_FIRST_REACH: Reach = (32, 12)
MONTH_FIRST_REACH: Reach = (16, 32)
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


_TOKEN = program(r"[\w'’]+|[^\w\s]")


def words_before_cased(text: str, start: int, count: int = 1) -> list[str]:
    return _TOKEN.findall(text, max(0, start - 40), start)[-count:]
