"""Throughput of the `clean` step against `ftfy.fix_text` alone on the same documents, in one process.

Run: .venv/bin/python benchmarks/bench_clean.py [CORPUS.jsonl] [--limit N] [--repeat R]
`ftfy.fix_text` is applied to each title and text; `clean` does that work only on the lines that can need it,
plus boilerplate removal and paragraph rebuilding. Prints documents and MB per CPU second for both, best of R runs
(CPU time, as the machine is shared; each `clean` run starts without the ftfy repairs the step remembers, as a
fresh process would), and their ratio (target: clean / ftfy >= 1.0).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import ftfy

from corpus import AU_PM, read_corpus
from pressroom.core import Document
from pressroom.plugins.clean import encoding
from pressroom.plugins.clean.step import CleanStep

DEFAULT_CORPUS = AU_PM



def best_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is kept")
    args = parser.parse_args()

    docs = read_corpus(args.corpus, args.limit)
    megabytes = sum(len(d.text.encode()) + len(d.title.encode()) for d in docs) / 1e6
    step = CleanStep()
    step.setup()

    def ftfy_alone() -> None:
        for doc in docs:
            ftfy.fix_text(doc.title)
            ftfy.fix_text(doc.text)

    def clean() -> None:
        encoding._fix_line.cache_clear()
        for doc in docs:
            step.process(doc)

    results = {"ftfy.fix_text": best_time(ftfy_alone, args.repeat), "clean": best_time(clean, args.repeat)}
    print(f"{len(docs)} documents, {megabytes:.1f} MB, best of {args.repeat} runs, one process, CPU seconds")
    for name, seconds in results.items():
        print(f"  {name:14} {len(docs) / seconds:8.0f} docs/s  {megabytes / seconds:6.2f} MB/s  ({seconds:.2f} s)")
    print(f"  ratio clean / ftfy.fix_text throughput: {results['ftfy.fix_text'] / results['clean']:.2f}x (target >= 1.0)")


if __name__ == "__main__":
    main()
