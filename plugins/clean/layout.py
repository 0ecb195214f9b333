"""Rebuild paragraphs: tidy spaces, rejoin lines broken mid-sentence, join words hyphenated across lines.

Releases OCR'd from paper carry a blank line after every printed line, so half of their
paragraph breaks fall mid-sentence. A break is rejoined when the line before it ends without
terminal punctuation and the next starts in lower case (true of almost no real paragraph
break). In a document where such breaks are common, i.e. one printed line per paragraph, a
break after a comma or after a full-width line of prose is rejoined even before a capital
("I have asked Dr" / "Blewett to call in..."), since print wraps before names too, and so is
a break after a title ("the Rt. Hon." / "R. G. Menzies") or after a full-width line ending in a
full stop when the next line starts in lower case.

A word hyphenated across a break is joined; the hyphen is kept when the next part starts with
a capital ("Asia-Pacific"), when the document itself writes the word with a hyphen, or when
the first part is a prefix usually written with one ("co-operation") and the document never
writes the word without it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from itertools import chain, islice

TERMINAL = frozenset('.!?:;"”\'’')
_BLANK_LINE = re.compile(r"\n\s*\n")
_PARAGRAPH_BREAK = re.compile(r"\n\n+")
_BLANKS = (" ", "\t")
_SPACES = re.compile(r"[ \t]{2,}")
# The same runs in a text without tabs: a literal prefix, which the regex engine scans for far faster.
_SPACE_RUNS = re.compile(r"  +")
_LAST_WORD = re.compile(r"([^\W\d_]+)-$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_SMALL_WORD = re.compile(r"(?<!\w)[a-z]")  # a word starting in lower case (English prose)
_TITLE_BEFORE_NAME = re.compile(r"(?<!\w)(?:Mr|Mrs|Ms|Dr|Hon|Rt|Prof|Sen|Gen|Col|Capt|Rev)\.$")
# The end of a line that `_TITLE_BEFORE_NAME` needs: the longest title, its full stop and the look-behind.
_TITLE_TAIL = len("Capt.") + 1
_VOCABULARY = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Prefixes written with a hyphen ("co-operation", "re-election"): kept when the document
# itself does not show the word one way or the other.
_HYPHEN_PREFIXES = frozenset(
    "all anti co counter cross ex full half inter long mid multi non part post pre re self semi short sub vice "
    "well".split()
)
# One printed line per paragraph: enough breaks fall mid-sentence (fraction of breaks, minimum count).
_LINE_BROKEN_SHARE = 0.2
_LINE_BROKEN_MIN = 3
# A line of prose has at least this many lower-case words.
_PROSE_SMALL_WORDS = 3
# A line this close to the document's usual line width was wrapped by the printer.
_FULL_WIDTH = 0.7


def tidy_lines(text: str, counts: Counter[str]) -> list[str]:
    """Split into lines without surrounding spaces; runs of spaces become one, tabs are kept."""
    # The substring tests are cheap and spare most texts both regular-expression passes.
    if " \n" in text or "\t\n" in text or "\n " in text or "\n\t" in text:
        text, edges = _strip_line_edges(text)
        counts["whitespace"] += edges
    runs = 0
    if "\t" in text:
        text, runs = _SPACES.subn(lambda m: "\t" if "\t" in m.group() else " ", text)
    elif "  " in text:
        text, runs = _SPACE_RUNS.subn(" ", text)
    if runs:
        counts["whitespace"] += runs
    stripped = text.strip(" \t")
    if stripped != text:
        counts["whitespace"] += 1
    return stripped.split("\n")


def _strip_line_edges(text: str) -> tuple[str, int]:
    """``text`` without spaces and tabs next to its newlines, and how many newlines had some.

    Counted as ``re.subn(r"[ \t]+\n[ \t]*|\n[ \t]+", "\n", text)`` counts: a newline with spaces after it, or
    before it unless they are a blank line that the newline before took whole. Done line by line: on long texts
    that pattern, tried at every space, costs more than the rest of the step."""
    lines = text.split("\n")
    edges = 0
    for k in range(len(lines) - 1):
        line = lines[k]
        if lines[k + 1][:1] in _BLANKS or (line[-1:] in _BLANKS and not (k and not line.strip(" \t"))):
            edges += 1
    if len(lines) > 1:
        lines = [lines[0].rstrip(" \t"), *[line.strip(" \t") for line in lines[1:-1]], lines[-1].lstrip(" \t")]
    return "\n".join(lines), edges


def paragraphs(lines: list[str]) -> list[list[str]]:
    """Group lines (which hold no newline) into paragraphs separated by blank lines."""
    # Joined, a run of blank lines is a run of two newlines or more: string methods then do the work per
    # paragraph instead of a Python loop per line.
    text = "\n".join(lines).strip("\n")
    return [paragraph.split("\n") for paragraph in _PARAGRAPH_BREAK.split(text)] if text else []


def _mid_sentence(before: str, after: str) -> bool:
    return before[-1] not in TERMINAL and after[0].islower()


def mid_sentence_breaks(text: str) -> tuple[int, int]:
    """(paragraph breaks, breaks that fall mid-sentence) in ``text``: the measure of the rejoining."""
    paras = [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]
    return len(paras) - 1 if paras else 0, sum(_mid_sentence(a, b) for a, b in zip(paras, paras[1:]))


class _Joiner:
    """Join decisions for one document."""

    def __init__(self, blocks: list[list[str]], rejoin: bool, dehyphenate: bool):
        self.rejoin = rejoin
        self.dehyphenate = dehyphenate
        self.blocks = blocks
        self._vocabulary: set[str] | None = None
        mid = sum(_mid_sentence(a[-1], b[0]) for a, b in zip(blocks, blocks[1:]))
        self.line_broken = mid >= _LINE_BROKEN_MIN and mid >= _LINE_BROKEN_SHARE * (len(blocks) - 1)
        #: Line ends after which a paragraph break stays: terminal punctuation, but a full stop in a line-broken
        #: document (which may end a printed line on an abbreviation).
        self.settled = TERMINAL - {"."} if self.line_broken else TERMINAL

    @functools.cached_property
    def full_width(self) -> float:
        """The width of a full printed line; asked for only in line-broken documents."""
        widths = sorted(map(len, chain.from_iterable(self.blocks)))
        return _FULL_WIDTH * widths[int(0.8 * (len(widths) - 1))] if widths else 0

    @property
    def vocabulary(self) -> set[str]:
        """The document's words, lower-cased; built only for documents with a hyphenated break."""
        if self._vocabulary is None:
            self._vocabulary = {
                word.lower() for block in self.blocks for line in block for word in _VOCABULARY.findall(line)
            }
        return self._vocabulary

    def hyphen_join(self, before: str, after: str) -> str | None:
        """``before`` + ``after`` as one word when ``before`` ends in a hyphenated word part."""
        if not (self.dehyphenate and before[-1] == "-" and after[:1].isalpha()):
            return None
        left = _LAST_WORD.search(before[-64:])
        right = _FIRST_WORD.match(after)
        if left is None or right is None:
            return None
        head, tail = left.group(1).lower(), right.group().lower()
        keep_hyphen = after[0].isupper() or (
            head + tail not in self.vocabulary
            and (f"{head}-{tail}" in self.vocabulary or head in _HYPHEN_PREFIXES)
        )
        return before + after if keep_hyphen else before[:-1] + after

    def join_soft_breaks(self, block: list[str], counts: Counter[str]) -> list[str]:
        """A copy of ``block`` with the words hyphenated across its soft line breaks joined."""
        block = list(block)
        i = 1
        while i < len(block):
            if (word := self.hyphen_join(block[i - 1], block[i])) is not None:
                block[i - 1 : i + 1] = [word]
                counts["hyphen_join"] += 1
            else:
                i += 1
        return block

    def paragraph_join(self, before: str, after: str) -> bool:
        if not self.rejoin or before[-1] in self.settled:
            return False
        if before[-1] == ".":  # not settled: a line-broken document
            # A printed line may end in an abbreviation: "the Rt. Hon." / "R. G. Menzies", or in a
            # full stop the OCR misread, when a full-width line runs on in lower case.
            return (after[0].isupper() and bool(_TITLE_BEFORE_NAME.search(before[-_TITLE_TAIL:]))) or (
                after[0].islower() and len(before) >= self.full_width
            )
        if after[0].islower():
            return True
        # Only a wrapped line of prose: headings are capitals, table cells have few small words.
        # The next line may start with a name or a number ("on Monday, 16 June" / "1986.").
        return (
            self.line_broken
            and (after[0].isupper() or after[0].isdigit())
            and (before[-1] == "," or len(before) >= self.full_width)
            and _has_small_words(before)
        )


def _has_small_words(line: str) -> bool:
    """At least ``_PROSE_SMALL_WORDS`` words in lower case; stops there, as merged lines can be long."""
    return next(islice(_SMALL_WORD.finditer(line), _PROSE_SMALL_WORDS - 1, None), None) is not None


def rejoin(blocks: list[list[str]], counts: Counter[str], *, lines: bool, hyphens: bool) -> list[list[str]]:
    """Merge paragraphs broken mid-sentence and words hyphenated across (soft or blank-line) breaks.

    The input blocks are not modified (the joiner reads the document's words from them); a block that joins with
    nothing is returned as it is, not copied."""
    joiner = _Joiner(blocks, lines, hyphens)
    hyphen_join, paragraph_join, settled = joiner.hyphen_join, joiner.paragraph_join, joiner.settled
    merged: list[list[str]] = []
    copied = False  # whether merged[-1] is a copy, which joins may change
    for block in blocks:
        if hyphens and len(block) > 1:
            block = joiner.join_soft_breaks(block, counts)
        if not merged:
            merged.append(block)
            continue
        before, after = merged[-1][-1], block[0]
        last = before[-1]
        # The hyphen test is repeated here because this loop runs once per paragraph of every text.
        if last == "-" and (word := hyphen_join(before, after)) is not None:
            counts["hyphen_join"] += 1
        elif last not in settled and paragraph_join(before, after):  # most breaks are settled: no call
            word = f"{before} {after}"
            counts["paragraph_join"] += 1
        else:
            merged.append(block)
            copied = False
            continue
        if not copied:
            merged[-1] = list(merged[-1])
            copied = True
        paragraph = merged[-1]
        paragraph[-1] = word
        if len(block) > 1:
            paragraph += islice(block, 1, None)
    return merged
