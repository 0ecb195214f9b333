"""Precision, recall and F1 of a system's spans against gold spans: exact entity matches, TempEval-3 date matches.

A span's identity includes its field: a span on the title never matches one on the text. Each side is taken
as a set, so a span emitted twice counts once. A ratio whose denominator is zero is 0.0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pressroom.core.document import DateSpan, EntitySpan

#: How a system date may match a gold date, in TempEval-3's terms: same extent, overlapping, overlapping
#: with the same TIMEX3 value.
DATE_MATCHES = ("strict", "relaxed", "value")

_DateKey = tuple[str, int, int, str]  # field, start, end, value


@dataclass(frozen=True)
class Score:
    """The counts behind P, R and F1.

    ``correct`` system spans match a gold span (the numerator of P); ``found`` gold spans are matched by a
    system span (the numerator of R). They are equal for exact matches and may differ for overlap matches,
    where one span can overlap several.
    """

    gold: int = 0
    system: int = 0
    correct: int = 0
    found: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.gold + other.gold, self.system + other.system, self.correct + other.correct,
                     self.found + other.found)

    @property
    def precision(self) -> float:
        return self.correct / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "system": self.system, "correct": self.correct, "found": self.found,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def entity_scores(gold: Iterable[EntitySpan], system: Iterable[EntitySpan]) -> dict[str, Score]:
    """Per label: a system span is correct when a gold span has the same field, start, end and label."""
    gold_keys = {(s.field, s.start, s.end, s.label) for s in gold}
    system_keys = {(s.field, s.start, s.end, s.label) for s in system}
    scores = {}
    for label in sorted({key[3] for key in gold_keys | system_keys}):
        gold_of = {key for key in gold_keys if key[3] == label}
        system_of = {key for key in system_keys if key[3] == label}
        correct = len(gold_of & system_of)
        scores[label] = Score(len(gold_of), len(system_of), correct, correct)
    return scores


def date_scores(gold: Iterable[DateSpan], system: Iterable[DateSpan]) -> dict[str, Score]:
    """The strict, relaxed and value scores (``DATE_MATCHES``) of one document's dates."""
    gold_keys = {(s.field, s.start, s.end, s.value) for s in gold}
    system_keys = {(s.field, s.start, s.end, s.value) for s in system}
    matches: dict[str, Callable[[_DateKey, _DateKey], bool]] = {
        "strict": lambda s, g: s[:3] == g[:3],
        "relaxed": _overlap,
        "value": lambda s, g: _overlap(s, g) and s[3] == g[3],
    }
    return {name: Score(len(gold_keys), len(system_keys),
                        correct=sum(any(match(s, g) for g in gold_keys) for s in system_keys),
                        found=sum(any(match(s, g) for s in system_keys) for g in gold_keys))
            for name, match in matches.items()}


def _overlap(a: _DateKey, b: _DateKey) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]
