"""Framework overhead: an empty pipeline (read JSONL, export JSONL) against a bare json.loads/json.dumps loop.

Run: .venv/bin/python benchmarks/bench_framework.py [CORPUS.jsonl]
Prints documents per second for both, their ratio, and the peak memory (RSS growth) of each pipeline run over the
first 1,000 documents and over the whole corpus, each measured in a fresh subprocess.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import AU_PM
PIPELINE = "steps:\n  - use: export\n    with: {format: jsonl, path: '%s'}\n"


def bare_loop(corpus: Path, out: Path) -> int:
    count = 0
    with open(corpus, "rb") as source, open(out, "wb") as sink:
        for line in source:
            sink.write(json.dumps(json.loads(line)).encode() + b"\n")
            count += 1
    return count


def pipeline_run(corpus: Path, out: Path) -> int:
    from pressroom.core.pipeline import Pipeline
    from pressroom.core.runner import Runner

    pipeline = Pipeline.from_yaml(PIPELINE % out, "bench.yaml")
    return Runner(pipeline, [str(corpus)]).run().written


def measure_in_subprocess(kind: str, corpus: Path) -> dict[str, float]:
    """Time and peak RSS of one run in a fresh interpreter, so runs do not share memory."""
    result = subprocess.run([sys.executable, __file__, "--child", kind, str(corpus)], capture_output=True,
                            check=True, text=True)
    return json.loads(result.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def child(kind: str, corpus: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if kind == "pipeline":
            from pressroom.core.pipeline import Pipeline  # noqa: F401  (imports are not part of the timing)
            from pressroom.plugins.export import step  # noqa: F401
            baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        count = (pipeline_run if kind == "pipeline" else bare_loop)(corpus, Path(tmp) / "out.jsonl")
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"docs": count, "seconds": seconds, "peak_growth_mb": (peak - baseline) / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=AU_PM)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        first_1000 = Path(tmp) / "first-1000.jsonl"
        with open(args.corpus, "rb") as source:
            first_1000.write_bytes(b"".join(line for _, line in zip(range(1000), source)))
        bare = measure_in_subprocess("bare", args.corpus)
        full = measure_in_subprocess("pipeline", args.corpus)
        small = measure_in_subprocess("pipeline", first_1000)
    bare_rate, full_rate = bare["docs"] / bare["seconds"], full["docs"] / full["seconds"]
    print(f"corpus: {args.corpus} ({full['docs']} documents)")
    print(f"bare json loop:       {bare_rate:10,.0f} docs/s")
    print(f"empty pipeline:       {full_rate:10,.0f} docs/s")
    print(f"throughput ratio:     {full_rate / bare_rate:10.2f}  (target >= 0.50)")
    print(f"peak RSS growth, first 1,000 docs: {small['peak_growth_mb']:8.1f} MB")
    print(f"peak RSS growth, all {full['docs']:,} docs: {full['peak_growth_mb']:8.1f} MB")
    print(f"memory ratio all/1,000:  {full['peak_growth_mb'] / max(small['peak_growth_mb'], 0.1):6.2f}")


if __name__ == "__main__":
    main()
