"""Quality figures of the `clean` step on the ftfy dev cases and on the au-pm media-release corpus.

Run: .venv/bin/python benchmarks/score_clean.py [--corpus CORPUS.jsonl] [--ftfy DIR] [--limit N]
Prints: ftfy `expect: pass` cases fixed and `negative.json` cases left as ftfy leaves them; the share of
paragraph breaks that fall mid-sentence per period, before and after `clean` (target: at most 3% in each);
the share of 2005+ paragraphs kept (target: at least 97%); releases that lost a word outside boilerplate
lines and rejoined hyphenations (target: none); and the removals/rewrites counted per rule.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from corpus import AU_PM, SHARED, read_corpus
from pressroom.core import Document
from pressroom.plugins.clean.audit import lost_words
from pressroom.plugins.clean.encoding import repair_encoding
from pressroom.plugins.clean.layout import mid_sentence_breaks
from pressroom.plugins.clean.rules import compile_rules, default_rules
from pressroom.plugins.clean.step import CleanStep

DEFAULT_CORPUS = AU_PM
DEFAULT_FTFY = SHARED / "dev" / "ftfy"
PERIODS = (("before 1990", 0, 1990), ("1990-2004", 1990, 2005), ("2005 on", 2005, 10000))
# The encoding stage alone, as the reference for the words-lost check.
ENCODING_ONLY = {"rejoin_lines": False, "join_hyphenated": False, "remove_boilerplate": False}


def score_ftfy(folder: Path) -> None:
    # negative.json holds text that only looks like mojibake: its `fixed` is the original except for
    # ftfy's usual quote uncurling and C1 repair, so "== fixed" is "left unchanged" there.
    print("ftfy dev cases, `expect: pass` (repair_encoding(original) == fixed):")
    for path in sorted(folder.glob("*.json")):
        cases = [case for case in json.loads(path.read_text(encoding="utf-8")) if case["expect"] == "pass"]
        if not cases:
            continue  # known-failures.json: ftfy's own expected failures
        good = sum(repair_encoding(case["original"], Counter()) == case["fixed"] for case in cases)
        print(f"  {path.name:22} {good}/{len(cases)}")


def period_of(doc: Document) -> str:
    year = doc.date.year if doc.date else 0
    return next(name for name, start, end in PERIODS if start <= year < end)



def paragraph_count(text: str) -> int:
    return mid_sentence_breaks(text)[0] + bool(text.strip())


def score_corpus(docs: list[Document]) -> None:
    step, layout_only, encoding_only = CleanStep(), CleanStep({"remove_boilerplate": False}), CleanStep(ENCODING_ONLY)
    for s in (step, layout_only, encoding_only):
        s.setup()
    rules = compile_rules(default_rules())
    breaks: Counter[tuple[str, str]] = Counter()
    paras: Counter[str] = Counter()
    lossy: list[tuple[str, Counter[str]]] = []
    for doc in docs:
        period = period_of(doc)
        cleaned = step.process(doc).text
        for stage, text in (("before", doc.text), ("after", cleaned)):
            total, mid = mid_sentence_breaks(text)
            breaks[period, stage + " breaks"] += total
            breaks[period, stage + " mid"] += mid
        if period == "2005 on":
            paras["before"] += paragraph_count(doc.text)
            paras["after"] += paragraph_count(cleaned)
            paras["after, boilerplate kept"] += paragraph_count(layout_only.process(doc).text)
        if lost := lost_words(encoding_only.process(doc).text, cleaned, rules, doc.date):
            lossy.append((doc.id, lost))

    print(f"\nmid-sentence paragraph breaks on {len(docs)} releases (target after: <= 3%):")
    for name, _, _ in PERIODS:
        before = breaks[name, "before mid"] / max(breaks[name, "before breaks"], 1)
        after = breaks[name, "after mid"] / max(breaks[name, "after breaks"], 1)
        print(f"  {name:12} before {before:6.1%} of {breaks[name, 'before breaks']:6}   after {after:5.2%} of {breaks[name, 'after breaks']:6}")
    print("\n2005+ paragraphs kept (target >= 97%):")
    for stage in ("after, boilerplate kept", "after"):
        print(f"  {stage:24} {paras[stage] / max(paras['before'], 1):6.1%} ({paras[stage]} of {paras['before']})")
    print(f"\nreleases that lost a word outside boilerplate and hyphenation: {len(lossy)} (target 0)")
    for doc_id, lost in lossy[:10]:
        print(f"  {doc_id}: {dict(lost.most_common(8))}")
    print("\nremovals/rewrites per rule (all releases):")
    for name, count in step.drain_counts().most_common():
        print(f"  {name:22} {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--ftfy", type=Path, default=DEFAULT_FTFY)
    parser.add_argument("--limit", type=int, help="only the first N releases")
    args = parser.parse_args()
    score_ftfy(args.ftfy)
    score_corpus(read_corpus(args.corpus, args.limit))


if __name__ == "__main__":
    main()
