"""The `spacy` backend: any installed spaCy pipeline's NER, with its labels mapped onto Pressroom's."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from pressroom.plugins.entities.mention import Mention
from pressroom.plugins.entities.rules import GENERATIONAL, LEGAL_FORMS
from pressroom.plugins.entities.titles import load_titles

#: spaCy (OntoNotes) label -> Pressroom label; the others (NORP, DATE, MONEY, ...) are not names we tag
LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC"}
# Span conventions: no leading quote or article, no honorific before a person's name, no trailing possessive or
# punctuation; the honorifics and legal forms are the rules' own (titles.yaml, rules.py), so both backends agree.
_LEADING = re.compile(r"^(?:[`'\"“‘(\[&/]+\s*|(?:the|The|THE)\s+)+")
_TRAILING = re.compile(r"(?:\s*['’]s?|\s*[,;:()\[\]\"“”&/-])+$")
# ...but a dash between two single words is a hyphen a tokenizer spaced out: `Wal - Mart` is one name.
_SPACED_HYPHEN = re.compile(r"[\w.'’&]+ [-–] [\w.'’&]+")
# ...nor ends in lower-case words (`Vancouver Canucks of the`, `Illinois city`).
_LOWER_TAIL = re.compile(r"(?:\s+[a-z][\w'’-]*)+$")


@dataclass(frozen=True)
class _Conventions:
    #: honorifics before a person's name (`Mr`, `Professor`, `Tan Sri`)
    honorific: re.Pattern[str]
    #: a line break ending a span, with the honorific that opens the next line (`R. G. Baxter\nProfessor`)
    trailing_break: re.Pattern[str]
    #: no name spans a list separator or a bracket: `Blackburn , Lancashire , England` is three places, `Panaji (
    #: Panjim` two names, `North Bridgton - agent` a name and a word; the model's span is cut there. A comma before a
    #: legal form or a generational suffix is part of the name (`Acme, Limited`, `Sammy Davis, Jr.`), an unspaced
    #: slash too (`AC/DC`).
    separator: re.Pattern[str]
    comma_suffix: re.Pattern[str]


@functools.cache
def _conventions() -> _Conventions:
    def alternatives(words: Iterable[str]) -> str:
        spelled = sorted({re.escape(w.rstrip(".")).replace(r"\ ", r"\s+") for w in words}, key=len, reverse=True)
        return "|".join(spelled)

    honorifics = alternatives(load_titles().honorifics)
    suffix = rf"(?:{alternatives(LEGAL_FORMS | GENERATIONAL)})(?!\w)\.?"
    return _Conventions(
        honorific=re.compile(rf"(?:(?:{honorifics})\.?\s+)+"),
        trailing_break=re.compile(rf"\s*\n\s*(?:(?:{honorifics})\.?\s*)?$"),
        separator=re.compile(rf"\s*(?:,(?!\s*{suffix})|[;()\[\]]|\s[/\-–—]+\s)\s*"),
        comma_suffix=re.compile(rf",\s*{suffix}"),
    )


_PIPES_NEEDED = ("tok2vec", "transformer", "ner")


@functools.cache
def load_ner(model: str) -> Any:
    """The pipeline ``model`` with only its NER components, loaded once per process (steps share it)."""
    import spacy  # optional extra `pressroom[spacy]`: only loaded when this backend is chosen

    nlp = spacy.load(model)
    # NER only: the tagger, parser and lemmatizer cost time and add nothing to entity spans.
    nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in _PIPES_NEEDED or p.endswith("ner")])
    return nlp


class SpacyTagger:
    def __init__(self, model: str, batch_size: int = 32) -> None:
        self.nlp = load_ner(model)
        self.batch_size = batch_size

    def tag_many(self, texts: Iterable[str]) -> Iterator[list[Mention]]:
        for doc in self.nlp.pipe(texts, batch_size=self.batch_size):
            found = [m for ent in doc.ents for m in _mentions(doc.text, ent.start_char, ent.end_char, ent.label_)]
            yield _with_suffixes(doc.text, found)

    def tag_documents(self, documents: Iterable[tuple[str, str]]) -> Iterator[tuple[list[Mention], list[Mention]]]:
        """(title mentions, text mentions) of each (title, text), the texts piped in one stream."""
        tagged = self.tag_many(field for document in documents for field in document)
        for title in tagged:
            yield title, next(tagged)

    def tag(self, text: str) -> list[Mention]:
        return next(self.tag_many([text]))


def _mentions(text: str, start: int, end: int, spacy_label: str) -> list[Mention]:
    """The names in one model span: its pieces between separators, each cut to the conventions."""
    if spacy_label not in LABELS:
        return []
    found = []
    surface = text[start:end]
    separator = _conventions().separator
    whole = not separator.search(surface) or _SPACED_HYPHEN.fullmatch(surface)
    for piece in [surface] if whole else separator.split(surface):
        offset = text.index(piece, start) if piece else start
        mention = _mention(text, offset, offset + len(piece), spacy_label)
        start = offset + len(piece)
        if mention is not None:
            found.append(mention if whole else replace(mention, why=f"{mention.why}, one of the names in {surface!r}"))
    return found


def _with_suffixes(text: str, mentions: list[Mention]) -> list[Mention]:
    """A legal form the model tagged apart after a comma joins the name before it (`Initech` + `LLC`)."""
    joined: list[Mention] = []
    comma_suffix = _conventions().comma_suffix
    for m in mentions:
        before = joined[-1] if joined else None
        if before is not None and before.label == "ORG" and comma_suffix.fullmatch(text, before.end, m.end):
            joined[-1] = replace(before, end=m.end, canonical=text[before.start : m.end])
        else:
            joined.append(m)
    return joined


def after_honorifics(text: str, start: int, end: int) -> int:
    """Where the name in ``text[start:end]`` begins after the honorifics that open it (`Dr`, `the Hon`)."""
    honorific = _conventions().honorific.match(text, start, end)
    return start if honorific is None else honorific.end()


def _mention(text: str, start: int, end: int, spacy_label: str) -> Mention | None:
    label = LABELS[spacy_label]
    surface = text[start:end]
    conventions = _conventions()
    lead = _LEADING.match(surface)
    if lead:
        start += lead.end()
    if label == "PERSON":
        start = after_honorifics(text, start, end)
    broken = conventions.trailing_break.search(text, start, end)
    if broken:
        end = broken.start()
    lower = _LOWER_TAIL.search(text, start, end)
    if lower:
        end = lower.start()
    trail = _TRAILING.search(text[start:end])
    if trail:
        end = start + trail.start()
    if end <= start or not any(c.isupper() for c in text[start:end]):
        return None
    return Mention(start, end, label, text[start:end], None, evidence="model", why=f"model {spacy_label}")
