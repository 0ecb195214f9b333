"""Word tokens with offsets, sentence starts and all-caps lines: what the rules look at."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations with dots (U.S., N.V.), then words joined by hyphens, ampersands and apostrophes
# (Attorney-General, AT&T, O'Leary), but a possessive 's is its own token so it never ends a name.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:(?:[-&]|['’](?![sS]\b))\w+)*|['’][sS]\b|\S")
_SPACED_TOKEN = re.compile(r"(\s*)(" + _TOKEN.pattern + ")")
_SENTENCE_END = frozenset(".!?:;\"“”")
# Latin letters only: enough to tell an all-caps OCR headline, and done in C.
_NOT_LETTER = re.compile(r"[^A-Za-z]")
_NOT_CAPITAL = re.compile(r"[^A-Z]")
_OPENERS = frozenset("([{'‘")


@dataclass(slots=True)  # not frozen: frozen dataclasses are slow to create, and we create many
class Token:
    start: int
    end: int
    text: str
    #: first word of a sentence, line or quotation: its capital letter says nothing about names
    sentence_start: bool
    #: inside a line written mostly in capitals (OCR headlines): capitals say nothing either
    in_caps_line: bool
    capitalized: bool


def _caps_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line written mostly in capitals."""
    spans, offset = [], 0
    for line in text.split("\n"):
        letters = len(_NOT_LETTER.sub("", line))
        if letters >= 8 and len(_NOT_CAPITAL.sub("", line)) >= 0.8 * letters:
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def tokenize(text: str, abbreviations: frozenset[str]) -> list[Token]:
    """Split ``text``; a period after one of ``abbreviations`` (Mr, Dr) or an initial does not end a sentence."""
    caps = _caps_spans(text)
    tokens: list[Token] = []
    starts_sentence = True
    previous = ""
    end = line = 0
    for space, word in _SPACED_TOKEN.findall(text):
        start = end + len(space)
        end = start + len(word)
        if "\n" in space:
            starts_sentence = True
        in_caps = False
        if caps:  # walk the caps lines alongside the tokens
            while line < len(caps) and caps[line][1] < start:
                line += 1
            in_caps = line < len(caps) and caps[line][0] <= start
        tokens.append(Token(start, end, word, starts_sentence, in_caps, word[0].isupper()))
        if word in _SENTENCE_END:
            # `Mr. Lee`, `J. Smith`: the period closes an abbreviation or an initial, not the sentence
            starts_sentence = not (word == "." and (previous in abbreviations or (len(previous) == 1 and previous.isupper())))
        elif word not in _OPENERS:
            starts_sentence = False
        previous = word
    return tokens
