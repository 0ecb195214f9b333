"""Throughput of the `dates` step against dateparser's `search_dates` (with RELATIVE_BASE) on the same
au-pm releases, in one process and one run. Target: `dates` at least 40 times dateparser's throughput.

Usage: python benchmarks/bench_dates.py [--corpus PATH] [--docs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

from pressroom.core import Document
from pressroom.plugins.dates.step import DatesStep

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "au-pm-media-releases.jsonl"


def load(corpus: Path, count: int) -> list[Document]:
    """Every n-th release, so that all decades (OCR'd and born-digital) are in the sample."""
    rows = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    stride = max(1, len(rows) // count)
    return [Document(id=r["id"], title=r.get("title") or "", text=r.get("text") or "",
                     date=dt.date.fromisoformat(r["date"]) if r.get("date") else None)
            for r in rows[::stride][:count]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--docs", type=int, default=200, help="releases timed with both tools")
    args = parser.parse_args()

    from dateparser.search import search_dates

    docs = load(args.corpus, args.docs)
    chars = sum(len(d.text) + len(d.title) for d in docs)
    step = DatesStep()
    step.setup()

    start = time.perf_counter()
    mentions = sum(len(step.process(doc).dates) for doc in docs)
    ours = time.perf_counter() - start

    start = time.perf_counter()
    found = 0
    for doc in docs:
        base = dt.datetime.combine(doc.date or dt.date(2000, 1, 1), dt.time())
        for text in (doc.title, doc.text):
            found += len(search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or [])
    theirs = time.perf_counter() - start

    print(f"{len(docs)} au-pm releases, {chars / 1e6:.2f} M characters")
    print(f"dates step:              {ours:8.2f} s  {len(docs) / ours:10.1f} docs/s  {mentions} dates")
    print(f"dateparser search_dates: {theirs:8.2f} s  {len(docs) / theirs:10.1f} docs/s  {found} dates")
    print(f"throughput ratio dates/dateparser: {theirs / ours:.1f}x (target >= 40x)")


if __name__ == "__main__":
    main()
