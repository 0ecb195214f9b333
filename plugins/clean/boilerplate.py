"""Remove boilerplate lines (headers, datelines, end marks, contact blocks) by rule, counting per rule."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from pressroom.plugins.clean.rules import CompiledRule

#: At most this many lines follow the first line of a block rule (name, office, phones, e-mail).
BLOCK_LINES = 6
_WORD = re.compile(r"([^\W\d_])[\w'’.-]*")  # the group: its first letter
# Words are read a stretch of the line at a time, from a space on, where no word can begin or end across the cut.
_PROSE_STRETCH = 160


def _is_prose(line: str) -> bool:
    """A sentence-like line: six words or more, three of them lower-case (headers are short or capitals)."""
    if line.isupper():  # no lower-case letter at all, as in most header lines: no word starts with one
        return False
    # A stretch's words read in one call; most lines are settled by the first, and a paragraph that is one line
    # of thousands of words is not read to its end.
    words = small = start = 0
    while True:
        end = line.find(" ", start + _PROSE_STRETCH)
        firsts = _WORD.findall(line, start, len(line) if end < 0 else end)
        words += len(firsts)
        small += sum(map(str.islower, firsts))
        if words >= 6 and small >= 3:
            return True
        if end < 0:
            return False
        start = end


def _block_continues(line: str) -> bool:
    """A name, title, phone or e-mail line of a contact block; a capitals heading or prose ends it."""
    return not _is_prose(line) and (any(c.islower() for c in line) or any(c.isdigit() or c == "@" for c in line))


def _first(line: str, rules: list[CompiledRule], release: dt.date | None) -> CompiledRule | None:
    for rule in rules:
        if rule.matches(line, release):
            return rule
    return None


_Verdict = TypeVar("_Verdict")


class _Verdicts(dict[str, _Verdict]):
    """``judge(line)`` for each line text, each computed once."""

    def __init__(self, judge: Callable[[str], _Verdict]) -> None:
        super().__init__()
        self.judge = judge

    def __missing__(self, line: str) -> _Verdict:
        verdict = self[line] = self.judge(line)
        return verdict


class LineVerdicts:
    """The rules of each zone for one document (its release date), and their verdicts on its lines, by line text:
    ``head[line]`` and ``tail[line]`` the zone's first rule the line matches (or None), ``prose[line]`` whether it
    is prose. Each is computed once per line text: the step's later rounds meet again most of the lines the first
    one judged."""

    def __init__(self, rules: list[CompiledRule], release: dt.date | None) -> None:
        self.release = release
        self.anywhere_rules = [r for r in rules if r.where == "anywhere"]
        self.head = _Verdicts(partial(_first, rules=[r for r in rules if r.where == "head"], release=release))
        self.tail = _Verdicts(partial(_first, rules=[r for r in rules if r.where == "tail"], release=release))
        self.prose = _Verdicts(_is_prose)


def remove_boilerplate(lines: list[str], verdicts: LineVerdicts, counts: Counter[str]) -> list[str]:
    """Drop the lines that the rules of ``verdicts`` match, in the zone each rule applies to.

    ``lines`` are stripped lines, blank ones included. The head zone is every line before the
    first line of prose that no head rule matches; the tail zone mirrors it at the end. Zones
    are bounded by prose, not by a line count, so that cleaning twice removes nothing more.
    """
    release, anywhere = verdicts.release, verdicts.anywhere_rules
    if anywhere:
        text = "\n" + "\n".join(lines)  # every line after a newline: the form `CompiledRule.any_line` searches
        anywhere = [r for r in anywhere if r.any_line.search(text)]
    removed: set[int] = set()

    def drop(indices: range, rule: CompiledRule) -> None:
        removed.update(indices)
        counts[rule.name] += 1  # a contact block is one removal, however many lines it has

    for i, line in enumerate(lines):
        if not line:
            continue
        if rule := verdicts.head[line]:
            drop(range(i, i + 1), rule)
        elif verdicts.prose[line]:
            break

    tail_start = len(lines)
    while tail_start and not (
        lines[tail_start - 1] and verdicts.prose[lines[tail_start - 1]] and not verdicts.tail[lines[tail_start - 1]]
    ):
        tail_start -= 1
    for i in range(tail_start, len(lines)):
        if lines[i] and i not in removed and (rule := verdicts.tail[lines[i]]):
            end = i + 1
            if rule.block:
                kept = 0
                while end < len(lines) and kept < BLOCK_LINES and (not lines[end] or _block_continues(lines[end])):
                    kept += bool(lines[end])
                    end += 1
            drop(range(i, end), rule)

    if anywhere:  # most texts hold no line an `anywhere` rule matches: the pass over every line is spared
        for i, line in enumerate(lines):
            if line and i not in removed and (rule := _first(line, anywhere, release)):
                drop(range(i, i + 1), rule)
    if not removed:
        return list(lines)
    return [line for i, line in enumerate(lines) if i not in removed]
