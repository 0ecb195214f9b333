"""Word tokens with offsets, sentence starts and all-caps lines: what the rules look at.

The rules only ever look at capitalized words, at a few function words (`of`, `the`, `in`) and
punctuation next to them. So that a document costs Python work only for those, the tokenizer can
take a set of ``keep`` words: every run of lower-case words and commas that starts and ends with a
word not kept (`plan, which was announced in the morning`) becomes one shared gap token, matched by
the same compiled regex pass as the real tokens. A gap is never capitalized, never a keep word, and
never holds a keep word next to another token, so the rules see the same neighbours as before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pressroom.plugins.word_trees import word_tree

# Abbreviations with dots (U.S., N.V.), then words joined by hyphens, ampersands and apostrophes
# (Attorney-General, AT&T, O'Leary), but a possessive 's is its own token so it never ends a name.
# Possessive throughout: nothing after a token in the pattern could make giving characters back match, and an
# abbreviation's first letter and period are matched before its repetition starts (most words have no period).
_TOKEN = r"[^\W\d_]\.(?:[^\W\d_]\.)++|\w++(?:(?:[-&]|['’](?![sS]\b))\w++)*+|['’][sS]\b|\S"
# Only lines with a run of capitals can be written in capitals: the others are never looked at.
# The run stays on its line: one running on into the next (`... PREMIER OF\n\nWESTERN AUSTRALIA, ...\n\nThe Prime
# Minister, ...`) would have the whole paragraph judged as one line, and a capitals line missed.
_CAPS_RUN = re.compile(r"[A-Z](?:[A-Z\d]|[^\w\n]){7,}")
# The same on bytes mapped to classes: `A` for a capital, ` ` for what may go on with a run (a digit, a mark, a byte of
# a character beyond ASCII), `a` for a lower-case letter: every run's line has a match, and most lines none.
_RUN_CLASSES = bytes(
    ord("A") if chr(b).isupper() and b < 128 else ord("a") if (chr(b).isalpha() or b == ord("_")) and b < 128
    else b if b == ord("\n") else ord(" ")
    for b in range(256)
)
_MAYBE_RUN = re.compile(rb"A[A ]{7,}")
# Latin letters only: enough to tell an all-caps OCR headline. Counted on the line's UTF-8 bytes, where
# every other character is bytes >= 0x80, by deleting the other bytes (one C pass each).
_NOT_LETTER_BYTES = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha())
_NOT_CAPITAL_BYTES = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isupper())
# What a token does to the next one's sentence start: an end of sentence may start one (True), an
# opening bracket or quote passes it on (None), anything else ends it.
_AFTER: dict[str, bool | None] = {**dict.fromkeys(".!?:;\"“”", True), **dict.fromkeys("([{'‘", None)}


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
    #: first token after a line break: no name runs on across it (`PREMIER OF\n\nNEW`)
    new_line: bool = False


#: Stands for every gap: the rules never read a gap's offsets, only that it is no name and no keep word.
GAP = Token(-1, -1, "", False, False, False)


def _caps_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line written mostly in capitals."""
    spans: list[tuple[int, int]] = []
    raw = text.encode("utf-8", "surrogatepass")
    ascii_only = len(raw) == len(text)
    judged = -1
    # the char offset of byte offset ``done`` (for text beyond ASCII, whose characters take several bytes)
    done = chars = 0
    # Lines where a run may be, found on the text's bytes mapped to classes (the run's own regex over the whole text
    # tests every character: a ninth of the tokenizer's instructions); each is then judged with that regex.
    for candidate in _MAYBE_RUN.finditer(raw.translate(_RUN_CLASSES)):
        start_byte = raw.rfind(b"\n", 0, candidate.start()) + 1
        if start_byte == judged:
            continue
        judged = start_byte
        end_byte = raw.find(b"\n", candidate.end())
        line_bytes = raw[start_byte : len(raw) if end_byte < 0 else end_byte]
        if ascii_only:
            start, line = start_byte, line_bytes.decode("ascii")
        else:
            chars += len(raw[done:start_byte].decode("utf-8", "surrogatepass"))
            done = start_byte
            start, line = chars, line_bytes.decode("utf-8", "surrogatepass")
        if not _CAPS_RUN.search(line):
            continue
        letters = len(line_bytes.translate(None, _NOT_LETTER_BYTES))
        if letters >= 8 and len(line_bytes.translate(None, _NOT_CAPITAL_BYTES)) >= 0.8 * letters:
            spans.append((start, start + len(line)))
    return spans


#: the shape of a word a gap may hold (``Tokenizer``): lower-case letters and digits, joined by hyphens and apostrophes
_ANY_WORD = re.compile(r"[a-z0-9]+(?:[-'’][a-z0-9]+)*")


class Tokenizer:
    """Splits text; a period after one of ``abbreviations`` (Mr, Dr) or an initial does not end a
    sentence. With ``keep`` words, runs of other lower-case words become single gap tokens."""

    def __init__(self, abbreviations: frozenset[str], keep: Iterable[str] | None = None) -> None:
        self.abbreviations = abbreviations
        if keep is not None:
            kept_words = frozenset(keep)
            kept = word_tree(kept_words)
            # Possessive (`++`, `*+`) where giving characters back could never lead to a match (a word does not
            # end before a letter, hyphen or apostrophe; a separator is followed by a word): the regex engine
            # then keeps no backtracking points. A seventh fewer instructions per document than `+` and `*`.
            any_word = r"[a-z0-9]++(?:[-'’][a-z0-9]++)*+(?![\w&'’-]|\.\w)"
            separator = r"(?:[ \t]++(?:,[ \t]++)?+|,[ \t]++)"  # spaces with at most one comma, spaces after it
            other = rf"(?!(?:{kept})(?![\w'’-])){any_word}"
            # keep words shaped like any word (not `&`, `'s`, `kerület`, which end any gap where they stand)
            kept_word = rf"(?:{word_tree(w for w in kept_words if _ANY_WORD.fullmatch(w))})(?![\w&'’-]|\.\w)"
            # Keep words inside a run are gapped too: the rules only look at those next to other tokens. A gap ends
            # on another word: after its first, each step takes the keep words in a row, then another word. Words
            # are read once, where backtracking from the run's end tested each keep word twice.
            # A gap starts with a lower-case letter or digit: checked first, before the keep words.
            pattern = rf"((?=[a-z0-9]){other}(?:(?:{separator}{kept_word})*+{separator}{any_word})*+)|({_TOKEN})"
        else:
            pattern = rf"()({_TOKEN})"
        self._spaced = re.compile(rf"(\s*+)(?:{pattern})")

    def __call__(self, text: str) -> list[Token]:
        return self.with_capitals(text)[0]

    def with_capitals(self, text: str) -> tuple[list[Token], list[int]]:
        """The tokens, and the indices of the capitalized ones (the only ones a name starts at)."""
        # the caps lines, walked alongside the tokens, end with one that starts after every token
        caps = _caps_spans(text)
        caps.append((len(text) + 1, len(text) + 1))
        caps_start, caps_end = caps[0]
        line = 0
        abbreviations = self.abbreviations
        tokens: list[Token] = []
        capitals: list[int] = []
        # local names: this loop runs once per token of every document
        append, capital, after_get = tokens.append, capitals.append, _AFTER.get
        # Tokens are made empty and filled in place: calling the class enters its __init__ from C, a frame that
        # costs three times the object's seven attribute stores.
        new = object.__new__
        starts_sentence = True
        end = 0
        for space, gap, word in self._spaced.findall(text):
            if gap:
                # A gap is a word: it ends any sentence start; one shared token stands for all of them.
                end += len(space) + len(gap)
                append(GAP)
                starts_sentence = False
                continue
            token = new(Token)
            token.start = start = end + len(space)
            token.end = end = start + len(word)
            token.text = word
            token.new_line = new_line = "\n" in space
            token.sentence_start = starts_sentence = starts_sentence or new_line
            while caps_end < start:
                line += 1
                caps_start, caps_end = caps[line]
            token.in_caps_line = caps_start <= start
            token.capitalized = capitalized = word[0].isupper()
            if capitalized:  # a word, and no end of sentence
                capital(len(tokens))
                starts_sentence = False
            else:
                after = after_get(word, False)
                if after is False:  # a word
                    starts_sentence = False
                elif after:
                    # `Mr. Lee`, `J. Smith`: the period closes an abbreviation or an initial, not the sentence (the
                    # token before is read for periods only; a gap's text is empty, and it is neither)
                    previous = tokens[-1].text if tokens else ""
                    starts_sentence = word != "." or not (
                        previous in abbreviations or (len(previous) == 1 and previous.isupper())
                    )
            append(token)
        return tokens, capitals


@functools.lru_cache(maxsize=8)
def _plain(abbreviations: frozenset[str]) -> Tokenizer:
    return Tokenizer(abbreviations)


def tokenize(text: str, abbreviations: frozenset[str]) -> list[Token]:
    """Every token of ``text``, no gaps: for gazetteer spellings and one-off lookups."""
    return _plain(abbreviations)(text)


# Words between single spaces: each is one token (only `.`, `-`, `&`, apostrophes and other spaces join or split).
_SPACED_WORDS = re.compile(r"\w+(?: \w+)*")


def token_texts(text: str) -> tuple[str, ...]:
    """The texts of ``text``'s tokens, what a gazetteer keys on. Most spellings are words between single
    spaces: they are split at once, which makes loading the gazetteers about a fifth faster."""
    if _SPACED_WORDS.fullmatch(text):
        return tuple(text.split(" "))
    return tuple(t.text for t in _plain(frozenset())(text))
