"""The default pipeline (configs/releases.yaml) on one long release, as users run it: the `pressroom` command
on a release `.txt` built from au-pm texts, at several sizes. Target: 20 MB within 60 s, and time growing in
proportion to the size (seconds per MB about constant; `dates` was once quadratic in the number of mentions).

Usage: python benchmarks/bench_long_release.py [--corpus PATH] [--sizes 5 10 20]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import AU_PM, REPO

PRESSROOM = Path(sys.executable).with_name("pressroom")


def release_text(corpus: Path, megabytes: float) -> str:
    """A release of ``megabytes`` million characters: a dateline header, then corpus texts as paragraphs."""
    size, parts = int(megabytes * 1_000_000), []
    with open(corpus, encoding="utf-8") as stream:
        for line in stream:
            parts.append(json.loads(line).get("text") or "")
            if sum(map(len, parts)) > size:
                break
    return "date 2010-05-01 One long release\n\n" + "\n\n".join(parts)[:size]


def run_default_pipeline(release: Path, out: Path) -> tuple[float, dict[str, float]]:
    """Whole-command seconds, and the seconds of each step from the run report."""
    pipeline = out / "pipeline.yaml"
    config = (REPO / "configs" / "releases.yaml").read_text(encoding="utf-8").replace("out/", f"{out}/")
    pipeline.write_text(config.replace("seeds/", str(REPO / "seeds") + "/"), encoding="utf-8")
    report = out / "report.json"
    started = time.perf_counter()
    subprocess.run([str(PRESSROOM), "run", str(pipeline), "--input", str(release), "--report", str(report),
                    "--quiet", "--force"], check=True)
    seconds = time.perf_counter() - started
    steps = json.loads(report.read_text(encoding="utf-8"))["steps"]
    return seconds, {name: step["seconds"] for name, step in steps.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=AU_PM)
    parser.add_argument("--sizes", type=float, nargs="+", default=[5, 10, 20], help="release sizes in MB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = None
        for megabytes in args.sizes:
            out = Path(tmp) / f"{megabytes}"
            out.mkdir()
            release = out / "release.txt"
            release.write_text(release_text(args.corpus, megabytes), encoding="utf-8")
            seconds, steps = run_default_pipeline(release, out)
            per_mb = seconds / megabytes
            base = base or per_mb
            detail = "  ".join(f"{name} {value:.1f}" for name, value in steps.items())
            print(f"{megabytes:5.1f} MB: {seconds:6.1f} s  {per_mb:5.2f} s/MB  ({per_mb / base:.2f}x the first)"
                  f"  steps: {detail}", flush=True)


if __name__ == "__main__":
    main()
