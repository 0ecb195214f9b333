"""The `hybrid` backend: the statistical model's names, with the rules' knowledge on top.

The model's spans are the base. The rules' `known` mentions (gazetteer entries, names the document
introduced) and titles replace the model spans they overlap, except a gazetteer name inside a
longer model name (`Boeing` in `Boeing Commercial Airplanes`: nested names keep the outer one).
Model spans that are gazetteer entries take its label, canonical name and id; other model spans
starting in lower case (`iPhone`) are products and dropped. Names after a title
or honorific and shape mentions (`... Airlines`, `University of ...`) fill only gaps the model leaves;
the rules' bare guesses (capitalized words that look like a name) are dropped, as the model has seen
and rejected them. Each choice was measured on both dev sets (benchmarks/score_entities.py): letting
guesses fill gaps, or names after titles override the model, lowers F1 on both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pressroom.plugins.entities.mention import Mention
from pressroom.plugins.entities.patterns import names_a_product
from pressroom.plugins.entities.rules import RulesTagger
from pressroom.plugins.entities.spacy_backend import SpacyTagger

_FILL = frozenset({"cue", "shape"})


class HybridTagger:
    def __init__(self, rules: RulesTagger, model: SpacyTagger) -> None:
        self.rules = rules
        self.model = model

    def tag_many(self, texts: Iterable[str]) -> Iterator[list[Mention]]:
        texts = list(texts)
        for text, statistical in zip(texts, self.model.tag_many(texts), strict=True):
            yield self.merge(text, self.rules.tag(text), statistical)

    def tag(self, text: str) -> list[Mention]:
        return next(self.tag_many([text]))

    def merge(self, text: str, ruled: list[Mention], statistical: list[Mention]) -> list[Mention]:
        informed = [self._with_knowledge(text, m) for m in statistical]
        # A name the gazetteer does not know never starts in lower case: `iPhone`, `iPod` are products.
        model = [m for m in informed if m.evidence == "known" or not text[m.start].islower()]
        taken = [m for m in ruled if _overrides(m) and not _inside_longer(m, model)]
        for candidate in model + [m for m in ruled if m.evidence in _FILL]:
            if all(candidate.end <= m.start or m.end <= candidate.start for m in taken):
                taken.append(candidate)
        kept = [m for m in taken if not (m.label == "ORG" and names_a_product(text, m.end))]
        return sorted(kept, key=lambda m: m.start)

    def _with_knowledge(self, text: str, mention: Mention) -> Mention:
        entry = self.rules.lookup(text[mention.start : mention.end])
        if entry is None or entry.label == "TITLE":
            return mention
        return Mention(mention.start, mention.end, entry.label, entry.name, entry.id, evidence="known")


def _overrides(mention: Mention) -> bool:
    """Gazetteer names and titles replace the model spans they overlap (`President Vladimir Putin` as
    one model PERSON becomes the TITLE `President`, then the rules' PERSON `Vladimir Putin` fills the gap)."""
    return mention.evidence == "known" or mention.label == "TITLE"


def _inside_longer(mention: Mention, model: list[Mention]) -> bool:
    """A gazetteer name strictly inside a model name: the outer name stands."""
    if mention.label in ("TITLE", "PERSON"):
        return False
    return any(
        m.start <= mention.start and mention.end <= m.end and (m.start, m.end) != (mention.start, mention.end)
        for m in model
    )
