"""Batch figures for the default pipeline (configs/releases.yaml) on a real corpus.

Run: .venv/bin/python benchmarks/bench_batch.py [CORPUS.jsonl] [--limit N]
Prints throughput with 1 and 2 worker processes (target: 2 workers >= 1.7x on 2 cores), and peak memory (RSS) of
a single-process run over the first 1,000 documents and over all of them (target: within 1.2x). Each run is a fresh
`pressroom run ... --force` in its own folder, so the ledger never serves cached results.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import AU_PM, REPO


def run(corpus: Path, workers: int) -> dict[str, float]:
    """One run in a child process: seconds, documents and the child's peak RSS in MB."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(REPO / "configs", Path(tmp) / "configs")
        shutil.copytree(REPO / "seeds", Path(tmp) / "seeds")  # the pipeline's tests name the seed
        report = Path(tmp) / "run.json"
        command = [sys.executable, "-m", "pressroom.core.cli", "run", "configs/releases.yaml", "--input", str(corpus),
                   "--workers", str(workers), "--force", "--quiet", "--report", str(report)]
        subprocess.run(command, cwd=tmp, check=True)
        # The largest child so far: only meaningful for the first run of an interpreter (see measure_memory).
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        stats = json.loads(report.read_text())
    return {"seconds": stats["seconds"], "docs": stats["read"], "peak_mb": peak / 1024}


def measure_memory(corpus: Path) -> float:
    """Peak RSS of a one-worker run, measured from a fresh interpreter so earlier runs do not mask it."""
    out = subprocess.run([sys.executable, __file__, "--memory-of", str(corpus)], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=AU_PM)
    parser.add_argument("--limit", type=int, help="use only the first N documents")
    parser.add_argument("--memory-of", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_of:
        print(run(args.memory_of, 1)["peak_mb"])
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if args.limit:
            corpus = Path(tmp) / "corpus.jsonl"
            with open(args.corpus, "rb") as source:
                corpus.write_bytes(b"".join(line for _, line in zip(range(args.limit), source)))
        first_1000 = Path(tmp) / "first-1000.jsonl"
        with open(corpus, "rb") as source:
            first_1000.write_bytes(b"".join(line for _, line in zip(range(1000), source)))

        one = run(corpus, 1)
        two = run(corpus, 2)
        small_mb, full_mb = measure_memory(first_1000), measure_memory(corpus)
    rate1, rate2 = one["docs"] / one["seconds"], two["docs"] / two["seconds"]
    print(f"corpus: {corpus} ({int(one['docs'])} documents), pipeline configs/releases.yaml")
    print(f"1 worker:   {rate1:8.1f} docs/s  ({one['seconds']:.1f} s)")
    print(f"2 workers:  {rate2:8.1f} docs/s  ({two['seconds']:.1f} s)")
    print(f"speed-up:   {rate2 / rate1:8.2f}x  (target >= 1.7)")
    print(f"peak RSS, first 1,000 docs: {small_mb:7.1f} MB")
    print(f"peak RSS, all documents:    {full_mb:7.1f} MB")
    print(f"memory ratio:               {full_mb / small_mb:7.2f}  (target <= 1.2)")


if __name__ == "__main__":
    main()
