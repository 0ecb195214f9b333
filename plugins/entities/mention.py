"""A tagged name before it becomes an EntitySpan: offsets, label, canonical form and how sure we are."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str
    canonical: str | None = None
    kb_id: str | None = None
    #: True when known from a gazetteer, a title, an honorific or propagation; False for shape guesses.
    #: The hybrid backend lets the statistical model overrule only the guesses.
    certain: bool = True
