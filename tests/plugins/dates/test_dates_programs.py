"""How the patterns are built, compiled and kept: letter-tree alternations, ASCII programs for plain text, the
set-up cache. Each is a speed-up only: it must find what the plain form finds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from pressroom.plugins.dates import triggers
from pressroom.plugins.dates.extract import MATCHERS
from pressroom.plugins.dates.relative import _REFERENCES
from pressroom.plugins.dates.vocab import (
    COUNT_UNITS, DAY_PARTS, MONTHS, NUMBER_WORDS, ORDINAL_WORDS, SEASONS, WEEKDAYS, alternation,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "dates"
RELEASES = [json.loads(line) for line in (DATA / "au_pm_releases.jsonl").open(encoding="utf-8")]
TEXTS = [text.lower() for row in RELEASES for text in (row["title"], row["text"])]
WORD_SETS: list[Iterable[str]] = [
    MONTHS, WEEKDAYS, NUMBER_WORDS, ORDINAL_WORDS, COUNT_UNITS, SEASONS, DAY_PARTS, _REFERENCES,
    {"a", "an", "and", "any", "sep", "sept", "september"},
]


def _flat(words: Iterable[str]) -> str:
    """The alternation as it was written before the letter trees: every word, longest first."""
    return "|".join(sorted(words, key=lambda word: (-len(word), word))).replace(" ", r"[\s-]+")


@pytest.mark.parametrize("words", WORD_SETS, ids=lambda words: min(words))
def test_a_letter_tree_matches_what_the_flat_alternation_matches(words: Iterable[str]) -> None:
    """The same spans, also where what follows makes the engine fall back to a shorter word (`sept` before
    `ember`, `twenty` before `-first`)."""
    probes = [" ".join(sorted(words)), "sept. sep. sept ember twenty-first twenty- first an and any"]
    for after in ("", r"\b", r"(?=[\s.])", r"(?![a-z-])"):
        tree = re.compile(rf"\b(?:{alternation(words)}){after}")
        flat = re.compile(rf"\b(?:{_flat(words)}){after}")
        for text in probes + TEXTS:
            found = [m.span() for m in tree.finditer(text)]
            assert found == [m.span() for m in flat.finditer(text)], (after, text[:60])


def test_a_letter_tree_shares_the_beginnings_of_words() -> None:
    assert alternation(["sept", "sep", "september", "may", "march"]) == "ma(?:rch|y)|sep(?:t(?:ember)?)?"
    assert alternation(["the near future", "the near term"]) == r"the[\s-]+near[\s-]+(?:future|term)"
    # the same text whatever order the words come in
    assert alternation(reversed(sorted(MONTHS))) == alternation(MONTHS)


def test_plain_text_is_ascii_without_the_separators_unicode_calls_spaces() -> None:
    assert triggers.is_plain("on 3 may 2014")
    assert not triggers.is_plain("on 3 may 2014 – today")
    assert not triggers.is_plain("12\x1c/05/2014")


@pytest.mark.parametrize("text", [text for text in TEXTS if triggers.is_plain(text)][:60])
def test_the_ascii_programs_find_in_plain_text_what_the_unicode_ones_find(text: str) -> None:
    for matcher in MATCHERS:
        unicode = [m.span() for m in matcher.pattern.finditer(text)]
        assert [m.span() for m in matcher.ascii_pattern.finditer(text)] == unicode, matcher.source[:80]


SET_UP = """
import re
compiled = []
_compile = re._compile
re._compile = lambda pattern, flags: compiled.append(pattern) or _compile(pattern, flags)
from pressroom.plugins.dates.extract import _VOCABULARY, MATCHERS
from pressroom.plugins.dates.step import DatesStep
from pressroom.plugins.dates.triggers import word_finder
DatesStep().setup()
import pressroom.plugins.dates as package, pkgutil, importlib
modules = [importlib.import_module(f"{package.__name__}.{info.name}") for info in pkgutil.iter_modules(package.__path__)]
sources = {matcher.source for matcher in MATCHERS}
module_patterns = [value for module in modules for value in vars(module).values() if isinstance(value, re.Pattern)]
module_patterns.append(word_finder(_VOCABULARY))  # made at set-up, kept by word_finder
module_sources = {pattern.pattern for pattern in module_patterns}
kept = all(vars(m)["pattern"] == _compile(m.source, 0) and vars(m)["ascii_pattern"] == _compile(m.source, re.ASCII)
           for m in MATCHERS) and all(pattern == _compile(pattern.pattern, pattern.flags) for pattern in module_patterns)
print(sum(pattern in sources for pattern in compiled), kept, len(module_sources), sum(pattern in module_sources for pattern in compiled))
"""


def test_a_second_process_reads_the_compiled_patterns_back(tmp_path: Path) -> None:
    """The matchers' patterns and the modules' own: the first process compiles them, the second none."""
    env = {**os.environ, "PRESSROOM_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", SET_UP], env=env, capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    first, second = (run.split() for run in runs)
    module_patterns = int(first[2])
    assert module_patterns >= 25  # tense, clock, triggers and its word finder, the handlers' look-arounds...
    assert first == [str(2 * len(MATCHERS)), "True", str(module_patterns), str(module_patterns)]
    assert second == ["0", "True", str(module_patterns), "0"]
    assert [path.name.split("-")[:2] for path in (tmp_path / "cache").iterdir()] == [["dates", "patterns"]]
