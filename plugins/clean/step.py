"""The ``clean`` step: encoding repair, character normalisation, boilerplate removal, paragraph rebuilding."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from pressroom.core import Document, Step
from pressroom.core.document import revised
from pressroom.plugins.clean.boilerplate import LineVerdicts, remove_boilerplate
from pressroom.plugins.clean.characters import normalize_invisibles, normalize_spaces
from pressroom.plugins.clean.encoding import load_ftfy, repair_encoding
from pressroom.plugins.clean.layout import paragraphs, rejoin, tidy_lines
from pressroom.plugins.clean.options import CleanOptions
from pressroom.plugins.clean.pages import remove_page_furniture
from pressroom.plugins.clean.rules import CompiledRule, compile_rules

_MAX_ROUNDS = 6


class CleanStep(Step):
    name = "clean"
    version = "1.0.0"
    description = (
        "Repair encoding (ftfy), normalise invisible characters, remove boilerplate lines, "
        "rejoin paragraphs broken mid-sentence and words hyphenated across lines."
    )
    Options = CleanOptions
    reads = frozenset({"text", "title"})
    changes = frozenset({"text", "title", "metadata"})

    options: CleanOptions
    _rules: list[CompiledRule]

    def setup(self) -> None:
        self._rules = compile_rules(self.options.boilerplate_rules()) if self.options.remove_boilerplate else []

    def load_shared(self) -> None:
        if self.options.fix_encoding:
            load_ftfy()

    def process(self, doc: Document) -> Document:
        counts: Counter[str] = Counter()
        title = _until_stable(lambda title: self._clean_title(title, counts), doc.title)
        text = self._clean_text_until_stable(doc.text, doc.date, counts)
        metadata = dict(doc.metadata)
        if counts:
            metadata["clean"] = dict(counts)
        if self.options.keep_original:
            metadata["original_text"] = doc.text
            metadata["original_title"] = doc.title
        # Per-rule totals for the run summary, summed by the runner across chunks and workers.
        for rule, amount in counts.items():
            self.count(rule, amount)
        return revised(doc, {"text": text, "title": title, "metadata": metadata})

    def _clean_title(self, title: str, counts: Counter[str]) -> str:
        title = self._encode(title, counts)
        cleaned = " ".join(title.split())  # runs of whitespace become one space, none at the ends
        if cleaned != title:
            counts["title_whitespace"] += 1
        return cleaned

    def _clean_text_until_stable(self, text: str, release: dt.date | None, counts: Counter[str]) -> str:
        """``_clean_text`` until the text is stable, each round after the first spared the stages that are no-ops
        on a round's own output (see `_clean_again`), and the boilerplate rules' verdicts on the lines it has
        judged before."""
        verdicts = LineVerdicts(self._rules, release)
        return _until_stable(lambda text: self._clean_text(text, verdicts, counts), text,
                             again=lambda text: self._clean_again(text, verdicts, counts))

    def _clean_text(self, text: str, verdicts: LineVerdicts, counts: Counter[str]) -> str:
        return self._rebuilt(self._lines(self._encode(text, counts), verdicts, counts), counts)

    def _clean_again(self, text: str, verdicts: LineVerdicts, counts: Counter[str]) -> str:
        """``_clean_text(text)`` for a ``text`` that is its output, computed without the stages that provably leave
        such a text as it is. A round's output holds no page break and no space or tab at a line's edge or next to
        another (its lines are tidied lines, joined with one space or at a hyphen), so page furniture and
        `tidy_lines` leave it as it is. When then the encoding repair changes nothing and no boilerplate line goes,
        `paragraphs` gives back the blocks the previous `rejoin` returned, and `rejoin` joins nothing there: it
        joined every mid-sentence break (or joins no paragraphs at all), so the document no longer counts as
        line-broken and only hyphen joins remain possible, whose test (the two characters before the break and one
        after it) failed on each remaining break when it was made. The boilerplate rules are run, not proved: a
        join can make a line a rule matches, or a line of prose that moves a zone's edge."""
        encoded = self._encode(text, counts)
        if encoded != text:
            return self._rebuilt(self._lines(encoded, verdicts, counts), counts)
        lines = text.split("\n")
        kept = remove_boilerplate(lines, verdicts, counts) if self._rules else lines
        return text if len(kept) == len(lines) else self._rebuilt(kept, counts)

    def _lines(self, text: str, verdicts: LineVerdicts, counts: Counter[str]) -> list[str]:
        """The tidied lines of an encoding-repaired text, less page furniture and boilerplate."""
        lines = tidy_lines(remove_page_furniture(text, counts), counts)
        return remove_boilerplate(lines, verdicts, counts) if self._rules else lines

    def _rebuilt(self, lines: list[str], counts: Counter[str]) -> str:
        """The text of ``lines`` with its paragraphs rebuilt."""
        blocks = rejoin(
            paragraphs(lines), counts, lines=self.options.rejoin_lines, hyphens=self.options.join_hyphenated
        )
        return "\n\n".join("\n".join(block) for block in blocks)

    def _encode(self, text: str, counts: Counter[str]) -> str:
        if self.options.normalize_characters:
            text = normalize_invisibles(text, counts)
        if self.options.fix_encoding:
            text = repair_encoding(text, counts)
        if self.options.normalize_characters:
            text = normalize_spaces(text, counts)
        return text


def _until_stable(clean: Callable[[str], str], text: str, again: Callable[[str], str] | None = None) -> str:
    """Apply ``clean`` until the text stops changing, so that cleaning twice equals cleaning once.

    One round rarely suffices on OCR'd text: a join can make a line that a boilerplate rule
    matches, a removal can bring two halves of a sentence together, and a joined or tidied line
    can show ftfy a mojibake sequence it did not see before. Joins and removals only shorten
    the text, so a few rounds reach a fixed point; the bound guards against a cycle in ftfy. ``again``, when
    given, does the rounds after the first (the same result, on a text a round has cleaned already).
    """
    for round_number in range(_MAX_ROUNDS):
        cleaned = (again if again and round_number else clean)(text)
        if cleaned == text:
            break
        text = cleaned
    return text
