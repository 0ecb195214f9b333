"""Where a date can start: one scan of a text finds its digit runs (by shape) and calendar words; each
pattern then reads only where the scan points it. Running ~30 patterns over every character of a release is
what makes regex date finders slow; a date always contains a digit or one of a few dozen words.
A pattern whose matches start at its trigger is tried at those positions alone (`scan_at`); the others search
the windows around their triggers (`windows`, `scan`)."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from operator import itemgetter

from pressroom.plugins.dates.programs import program
from pressroom.plugins.dates.vocab import COUNT_UNITS, MONTHS, NUMBER_WORDS, alternation

# Triggers for runs of digits by their shape, so that a pattern reads only around the numbers it can use.
#: four digits: `1998`, `2014-12-12`
YEAR_DIGITS = "#year"
#: digits before `.`, `/` or `-` and another digit: `13/03/2014`, `8.12.75`, `11. 12. 2014`, `30 . 09 . 22`
DATE_DIGITS = "#date"
#: a day before a range's dash or word: `9 and 10 July`, `1st to 3rd` (`9-10` is a `DATE_DIGITS` run)
RANGE_DIGITS = "#range"
#: digits before `/` and another digit: `29/02`
SLASH_DIGITS = "#slash"
#: digits after an apostrophe: `'82`, `'70s`
QUOTED_DIGITS = "#quoted"
#: a round number before `s`: `1990s`, `70's`
DECADE_DIGITS = "#decade"
#: digits after `q`: `Q3 2021`
QUARTER_DIGITS = "#quarter"
#: digits before a unit letter: `2y ago`, `1d`, `2wks`
UNIT_DIGITS = "#unit"
#: a month name with a digit within `_NEAR` characters: `25 january`, `jan. 25`, `may 2008` (not the verb)
NUMBERED_MONTH = "#month"
_NEAR = 20
#: a month name a number follows, where a date written month first starts: `may 2008`, `jan. 25`, `june the 5th`
MONTH_FIRST = "#month-first"
_NUMBER_AFTER = program(r"\.?\]?(?:\s*,\s*|\s+|-)(?:the\s+|of\s+)?\d")
#: a unit after a number or `few`, `several`: `three weeks`, `10 years`, `a few days` (not `this year`)
COUNTED_UNIT = "#counted"
_COUNT_WORDS = ("few", "several", "many", "some")
_COUNT_BEFORE = program(rf"(?:\d|\b(?:{alternation(NUMBER_WORDS)}|{'|'.join(_COUNT_WORDS)}))\s*\Z")
_COUNT_REACH = 40
#: a count ends where the spaces before its unit start: it starts at most this many characters before
_COUNT_LENGTH = max(map(len, (*NUMBER_WORDS, *_COUNT_WORDS)))
Reach = tuple[int, int]
#: How far a window reaches before and after its trigger, by default: more than any pattern's prefix
#: before its trigger (`wednesday,  the 22nd of` before `september`) or suffix after it. Matchers whose
#: matches sit tight around their trigger declare a shorter reach (a bare year is its own four digits).
WIDE: Reach = (32, 32)
#: Patterns may look this far past the end of a window (`2014 per cent`) to decide a match inside it.
LOOKAHEAD = 24

# The runs of ASCII letters are the words a trigger word can be: every other byte becomes a space, so that
# each run follows a space (`word_finder`).
_LETTERS_ONLY = bytes(byte if 0x61 <= byte <= 0x7A else 0x20 for byte in range(256))


def _digit_run(first: str, digit: str, space: str, quotes: str, dashes: str) -> str:
    r"""A digit run, and in a named group (the shape's name) what follows it: `13/`, `1990s`, `2y`. Written
    `\d\d*` rather than `\d+` (its `first` digit apart) so that the pattern starts with a character class: the
    regex engine then skips to the next digit in C instead of trying a match at every position (twice as fast)."""
    return (rf"{first}{digit}*(?:(?={space}?[./-]{space}?{digit})(?P<date>)|(?={quotes}?s\b)(?P<decade>)"
            rf"|(?=[dwy])(?P<unit>)"
            rf"|(?=(?:st|nd|rd|th)?(?![{digit}a-z]){space}*(?:{dashes}|and|to|&))(?P<range>))?")


# The first digit of a run in other text is an ASCII digit or a character outside ASCII that `\d` then takes:
# the regex engine skips the ASCII letters, spaces and punctuation with a table look-up, where starting with
# `\d` it asked the character database about every character of the text.
_DIGIT_RUN = program(_digit_run(r"[^\x00-/:-\x7f](?<=\d)", r"\d", r"\s", "['’]", "-|–"))
# The same in ASCII text, read as bytes with every digit made `0`: a pattern that starts with one literal
# character is found by the regex engine's fastest search (twice as fast again). `\s` of a str pattern is
# Unicode whitespace, which in ASCII includes the separators \x1c-\x1f.
_ASCII_DIGIT_RUN = program(_digit_run("0", "0", r"[ \t\n\r\f\v\x1c-\x1f]", "'", "-").encode())
_DIGITS_AS_ZERO = bytes(0x30 if 0x30 <= byte <= 0x39 else byte for byte in range(256))
_QUOTES = {"'", "’"}

Span = tuple[int, int]
_END = itemgetter(1)


def is_plain(lowered: str) -> bool:
    """Whether a text is ASCII without the separators \\x1c-\\x1f: there a pattern compiled with `re.ASCII`
    finds what the Unicode one finds (`\\d`, `\\w` and `\\b` agree on ASCII characters, `\\s` on all but those)."""
    # `\s` of a str pattern is Unicode whitespace, which in ASCII includes these separators; ASCII `\s` does not.
    # Four `in` tests, each a memchr, where a regex search tests every character against a class.
    return lowered.isascii() and not ("\x1c" in lowered or "\x1d" in lowered or "\x1e" in lowered
                                      or "\x1f" in lowered)


def lowered(text: str) -> str:
    """The text in lower case at the same offsets (`İ` alone lower-cases to two characters)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


def locate(lowered: str, vocabulary: frozenset[str]) -> dict[str, list[Span]]:
    """The spans of every vocabulary word standing as a whole word, of the digit runs by shape, of the
    vocabulary's month names that have a digit near them or a number after them, and of its units of time
    that follow a number."""
    encoded = lowered.encode("ascii", "replace")  # a byte for each character
    runs: list[re.Match[bytes]] | list[re.Match[str]]
    plain = lowered.isascii()
    if plain:
        runs = list(_ASCII_DIGIT_RUN.finditer(encoded.translate(_DIGITS_AS_ZERO)))
    else:
        runs = list(_DIGIT_RUN.finditer(lowered))
    # Comprehensions over spans, not match objects: a release has dozens of numbers, and a loop with branches
    # or a method call per number costs. Few runs have a shape of what follows them.
    digits = [m.span() for m in runs]
    followed = [(m.lastgroup, m.span()) for m in runs if m.lastgroup]
    shaped = {
        YEAR_DIGITS: [span for span in digits if span[1] - span[0] == 4],
        DATE_DIGITS: [span for shape, span in followed if shape == "date"],
        SLASH_DIGITS: [span for shape, span in followed if shape == "date" and lowered[span[1]] == "/"],
        RANGE_DIGITS: [span for shape, span in followed if shape == "range"],
        DECADE_DIGITS: [span for shape, span in followed if shape == "decade" and lowered[span[1] - 1] == "0"],
        UNIT_DIGITS: [span for shape, span in followed if shape == "unit"],
        QUOTED_DIGITS: [span for span in digits if span[0] and lowered[span[0] - 1] in _QUOTES],
        QUARTER_DIGITS: [span for span in digits if span[0] and lowered[span[0] - 1] == "q"],
    }
    found = {shape: spans for shape, spans in shaped.items() if spans}
    # The vocabulary's words, whole: one regex scan of the letter runs (a space put before the text), where
    # splitting the runs into words to intersect with the vocabulary made a bytes object of every word (more
    # CPU time, fewer instructions). Outside ASCII, a word beside a letter other than a-z is not whole.
    words: dict[str, list[Span]] = {}
    for m in word_finder(vocabulary).finditer(b" " + encoded.translate(_LETTERS_ONLY)):
        start, end = m.span()  # a space and the word, in text shifted one right by the space put before it
        end -= 1
        if plain or not (start and lowered[start - 1].isalpha()) and not lowered[end : end + 1].isalpha():
            words.setdefault(lowered[start:end], []).append((start, end))
    for word, spans in words.items():
        found[word] = spans
        if word in MONTHS:
            near = [s for s in spans if _has_digit(digits, s[0] - _NEAR, s[1] + _NEAR)]
            if near:
                found.setdefault(NUMBERED_MONTH, []).extend(near)
                first = [s for s in near if _NUMBER_AFTER.match(lowered, s[1])]
                if first:
                    found.setdefault(MONTH_FIRST, []).extend(first)
        elif word in COUNT_UNITS:
            counted = [s for s in spans if _follows_count(lowered, s[0])]
            if counted:
                found.setdefault(COUNTED_UNIT, []).extend(counted)
    for key in (NUMBERED_MONTH, MONTH_FIRST, COUNTED_UNIT):
        if key in found:
            found[key].sort()  # every list in text order, as `windows` and `scan_at` expect
    return found


def _has_digit(digits: list[Span], low: int, high: int) -> bool:
    """Whether a digit stands between ``low`` and ``high``: whether the first of the text's digit runs (in text
    order) that ends after ``low`` starts before ``high``. A bisection of the runs found already, where a regex
    search asked the character database about each character of the stretch."""
    first = bisect.bisect_right(digits, low, key=_END)
    return first < len(digits) and digits[first][0] < high


def _follows_count(lowered: str, start: int) -> bool:
    """Whether a number or a count word (`three`, `few`) ends the text before ``start``, spaces aside. The
    search starts where such a count can start, not at every position of the `_COUNT_REACH` before it: a
    regex search tries a match at each position it passes, and most units follow no count."""
    low = max(0, start - _COUNT_REACH)
    end = low + len(lowered[low:start].rstrip())  # `\s` and `rstrip` agree on what a space is
    return _COUNT_BEFORE.search(lowered, max(low, end - _COUNT_LENGTH), start) is not None


@functools.lru_cache(maxsize=8)
def word_finder(vocabulary: frozenset[str]) -> re.Pattern[bytes]:
    """The pattern `locate` finds the vocabulary's words with, in a text's letter runs (each other byte a space)
    with a space put before it: a space, then a word no letter follows. Words of other characters never match."""
    words = [word for word in vocabulary if word.isascii() and word.isalpha() and word.islower()]
    return program(rf" (?:{alternation(words) or '(?!)'})(?![a-z])".encode())


def windows(found: dict[str, list[Span]], triggers: Iterable[str], length: int, reach: Reach = WIDE) -> list[Span]:
    """The merged stretches of text around the given triggers (each list of `found` in text order); a
    pattern match must end inside one."""
    present = found.keys() & triggers  # in C, where a loop over a matcher's dozens of triggers was not
    if len(present) == 1:
        spans = found[present.pop()]
        if len(spans) == 1:  # most often: one trigger, once
            (start, end), = spans
            return [(max(0, start - reach[0]), min(length, end + reach[1]))]
    else:
        spans = sorted(span for trigger in present for span in found[trigger])
    if not spans:
        return []
    before, after = reach
    # The open window is kept in two locals: this loop runs for every number and calendar word of a release.
    # Only the first window can start before the text and only the last end after it (a window that
    # another follows ends before that one's trigger): those two are clipped at the end.
    merged: list[Span] = []
    low, high = max(0, spans[0][0] - before), spans[0][1] + after
    for start, end in spans:
        if start - before > high:
            merged.append((low, high))
            low, high = start - before, end + after
        elif end + after > high:
            high = end + after
    merged.append((low, min(length, high)))
    return merged


def holding(windows: list[Span], spans: list[Span]) -> list[Span]:
    """The windows that contain one of the spans whole (both lists in text order, the spans apart)."""
    kept: list[Span] = []
    i, count = 0, len(spans)
    for low, high in windows:
        while i < count and spans[i][0] < low:
            i += 1
        if i < count and spans[i][1] <= high:
            kept.append((low, high))
    return kept


def starts(found: dict[str, list[Span]], triggers: Iterable[str]) -> list[Span]:
    """The spans of the given triggers, in text order."""
    present = found.keys() & triggers
    if len(present) == 1:
        return found[present.pop()]
    return sorted(span for trigger in present for span in found[trigger])


def scan_at(pattern: re.Pattern[str], lowered: str, spans: list[Span], lead: int = 0) -> list[re.Match[str]]:
    """The matches of a pattern whose every match starts `lead` characters before one of the spans (in text
    order): the matches a scan of the whole text finds, one match attempt per span instead of a search
    through its window. As `finditer`, a match starting inside the one before it is not taken."""
    matches = []
    match = pattern.match
    end = 0
    for start, _ in spans:
        start -= lead
        if start >= end and (m := match(lowered, start)) is not None:
            matches.append(m)
            end = m.end()
    return matches


def scan(pattern: re.Pattern[str], lowered: str, spans: list[Span]) -> list[re.Match[str]]:
    """The pattern's matches that end inside the windows: the matches a scan of the whole text finds
    around those triggers (lookbehinds see before a window; lookaheads get `LOOKAHEAD` characters).
    A search goes on from the end of the match before it, as `finditer` does: no pattern matches an empty
    string. Searching costs less than making a `finditer` iterator, and most windows hold no match."""
    matches = []  # a list, not a generator: resuming a generator costs
    search = pattern.search
    for start, end in spans:
        limit = end + LOOKAHEAD  # an end past the text stops at its end
        m = search(lowered, start, limit)
        while m is not None and m.end() <= end:
            matches.append(m)
            m = search(lowered, m.end(), limit)
    return matches
