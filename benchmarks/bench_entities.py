"""Throughput of the `entities` backends on the same Australian PM releases, in one process.

    python benchmarks/bench_entities.py [--corpus PATH] [--docs 400] [--repeat 2]

Prints documents and characters per second of `rules`, `spacy` (the small model, NER only) and
`hybrid`, and the ratios the issue sets: rules >= 50x spacy, hybrid no more than 20% slower than spacy.
Each backend is timed ``--repeat`` times and its best run counts (as `timeit` does), so that other
work on a shared machine weighs less on the ratios.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from corpus import AU_PM, read_corpus
from pressroom.core import Document
from pressroom.plugins.entities.step import EntitiesStep



def load(path: Path, count: int) -> list[Document]:
    return read_corpus(path, count)


def throughput(backend: str, docs: list[Document], repeat: int) -> float:
    step = EntitiesStep({"backend": backend})
    step.setup()
    step.process_batch(docs[:5])  # warm caches outside the timing
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        step.process_batch(docs)
        best = min(best, time.perf_counter() - began)
    step.close()
    return len(docs) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=AU_PM)
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=2, help="timed runs per backend; the best one counts")
    args = parser.parse_args()
    docs = load(args.corpus, args.docs)
    chars = sum(len(d.text) + len(d.title) for d in docs) / len(docs)
    rates = {backend: throughput(backend, docs, args.repeat) for backend in ("rules", "spacy", "hybrid")}
    for backend, rate in rates.items():
        print(f"{backend:7} {rate:9.1f} docs/s {rate * chars / 1e6:7.3f} Mchar/s")
    print(f"rules / spacy  = {rates['rules'] / rates['spacy']:.1f}x (target >= 50x)")
    print(f"hybrid / spacy = {rates['hybrid'] / rates['spacy']:.2f} (target >= 0.80)")


if __name__ == "__main__":
    main()
