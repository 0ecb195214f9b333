"""The `hybrid` backend: the statistical model's names, with the rules' knowledge on top.

Where the rules are sure (a gazetteer entry, a title, a name after an honorific or title, a
propagated name, an organization shape) they win; the model decides everywhere else, and the
rules' own guesses fill only the gaps it leaves. Model names found in a gazetteer get its label,
canonical name and id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pressroom.plugins.entities.mention import Mention
from pressroom.plugins.entities.rules import RulesTagger
from pressroom.plugins.entities.spacy_backend import SpacyTagger


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
        known = [self._with_knowledge(text, m) for m in statistical]
        ranked = [m for m in ruled if m.certain] + known + [m for m in ruled if not m.certain]
        taken: list[Mention] = []
        for candidate in ranked:
            if all(candidate.end <= m.start or m.end <= candidate.start for m in taken):
                taken.append(candidate)
        return sorted(taken, key=lambda m: m.start)

    def _with_knowledge(self, text: str, mention: Mention) -> Mention:
        entry = self.rules.lookup(text[mention.start : mention.end])
        if entry is None or entry.label == "TITLE":
            return mention
        return Mention(mention.start, mention.end, entry.label, entry.name, entry.id, certain=True)
