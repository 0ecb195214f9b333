"""Throughput of the `dates` step against dateparser's `search_dates` (with RELATIVE_BASE) on the same
au-pm releases, in one process and one run. Target: `dates` at least 40 times dateparser's throughput.
Both tools are warmed up on one release first; each is timed `--repeat` times and its fastest run counts.
Times are the process's CPU seconds, not wall-clock: on a machine shared with other jobs they still compare.

Usage: python benchmarks/bench_dates.py [--corpus PATH] [--docs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from corpus import AU_PM, read_corpus
from pressroom.core import Document
from pressroom.plugins.dates.step import DatesStep

CORPUS = AU_PM


def load(corpus: Path, count: int) -> list[Document]:
    """Every n-th release, so that all decades (OCR'd and born-digital) are in the sample."""
    docs = read_corpus(corpus)
    return docs[:: max(1, len(docs) // count)][:count]


def best_time(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    """The fastest of `repeat` runs in CPU seconds (the machine is shared: the minimum is the least disturbed
    one)."""
    times, found = [], 0
    for _ in range(repeat):
        start = time.process_time()
        found = run()
        times.append(time.process_time() - start)
    return min(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--docs", type=int, default=200, help="releases timed with both tools")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool; the fastest counts")
    args = parser.parse_args()

    from dateparser.search import search_dates

    docs = load(args.corpus, args.docs)
    chars = sum(len(d.text) + len(d.title) for d in docs)
    step = DatesStep()
    step.setup()

    def ours() -> int:
        return sum(len(step.process(doc).dates) for doc in docs)

    def theirs() -> int:
        found = 0
        for doc in docs:
            base = dt.datetime.combine(doc.date or dt.date(2000, 1, 1), dt.time())
            for text in (doc.title, doc.text):
                found += len(search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or [])
        return found

    # Warm-up outside the timing: dateparser loads its language data, both compile their patterns.
    step.process(docs[0])
    search_dates(docs[0].text, languages=["en"], settings={"RELATIVE_BASE": dt.datetime(2000, 1, 1)})
    our_time, mentions = best_time(ours, args.repeat)
    their_time, found = best_time(theirs, args.repeat)

    print(f"{len(docs)} au-pm releases, {chars / 1e6:.2f} M characters, best of {args.repeat} runs each, CPU seconds")
    print(f"dates step:              {our_time:8.3f} s  {len(docs) / our_time:10.1f} docs/s  {mentions} dates")
    print(f"dateparser search_dates: {their_time:8.3f} s  {len(docs) / their_time:10.1f} docs/s  {found} dates")
    print(f"throughput ratio dates/dateparser: {their_time / our_time:.1f}x (target >= 40x)")


if __name__ == "__main__":
    main()
