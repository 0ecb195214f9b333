"""A tagged name before it becomes an EntitySpan: offsets, label, canonical form and what it rests on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: What a mention rests on, strongest first. The hybrid backend trusts the rules' `known` and `cue`
#: mentions over the statistical model, and their `shape` and `guess` mentions only where it is silent.
#: known: a gazetteer entry, or a name the document already introduced (propagation);
#: cue: a title, or a name after a title or honorific;
#: shape: an organization or place by its head word (`... Airlines`, `University of ...`);
#: guess: capitalized words that look like a personal name or an acronym;
#: model: the statistical model.
Evidence = Literal["known", "cue", "shape", "guess", "model"]


@dataclass(frozen=True, init=False)
class Mention:
    start: int
    end: int
    label: str
    canonical: str | None = None
    kb_id: str | None = None
    evidence: Evidence = "known"
    #: why the span got its label, in a few words (`explain` prints it)
    why: str = ""

    def __init__(
        self,
        start: int,
        end: int,
        label: str,
        canonical: str | None = None,
        kb_id: str | None = None,
        evidence: Evidence = "known",
        why: str = "",
    ) -> None:
        # One update of the instance's dictionary: a frozen dataclass's own __init__ calls object.__setattr__ once
        # per field, twice as slow, and tagging a thousand releases creates some 40,000 mentions.
        self.__dict__.update(start=start, end=end, label=label, canonical=canonical, kb_id=kb_id, evidence=evidence, why=why)
