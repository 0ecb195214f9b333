"""Issue 12's figures: whole `pressroom` processes against each other and against what a user would write.

    python benchmarks/bench_scale.py [--corpus PATH] [--docs 1000] [--worker-docs 3000] [--repeat 3] [--pairs 3]
                                     [--only NAME ...]

Every figure times whole processes (start-up included), run alternately (--pairs pairs against the user's script,
--repeat pairs for the workers figure, medians of the pairs), on the corpus as it comes.
Each process is timed in wall seconds and in CPU seconds (user + system, its child processes included): on a
machine shared with other work the CPU figure is the steadier one. Python byte-compiles modules once, as an
installed package has them; an environment that sets PYTHONDONTWRITEBYTECODE would make every timed process compile
Pressroom's sources again, so the processes here keep their byte code in a scratch folder, warmed by one untimed run.
- startup: the default pipeline (configs/releases.yaml) on one release (target <= 0.6 s);
- workers: `--workers 2` against `--workers 1` on --worker-docs releases, --repeat alternate pairs, medians, outputs
  compared byte for byte (>= 1.85x);
- pipeline: the default pipeline against benchmarks/user_script.py full (ftfy + dateparser + spaCy; >= 40x);
- dates / entities: a pipeline of that one step and a JSONL export against search_dates / spaCy NER (>= 40x / 50x);
- dask: a 2-worker local Dask cluster with sharded outputs; the main process's CPU seconds per 1,000 documents
  from `--report` (<= 0.1 s);
- costs: the default pipeline's `--report` on --docs releases with 1 worker and with 2: each step's seconds per
  document, and the main process's CPU per document (the figures of docs/scaling.md).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import NamedTuple

from corpus import AU_PM, REPO

PRESSROOM = [sys.executable, "-m", "pressroom.core.cli"]
USER_SCRIPT = [sys.executable, str(REPO / "benchmarks" / "user_script.py")]
ONE_STEP = """on_error: quarantine
ledger: null
steps:
  - use: {step}
  - use: export
    with: {{format: jsonl, path: out/out.jsonl}}
"""


def head(corpus: Path, count: int, target: Path) -> Path:
    with open(corpus, "rb") as source:
        target.write_bytes(b"".join(line for _, line in zip(range(count), source)))
    return target


class Timing(NamedTuple):
    """Wall and CPU seconds of one process (in that order when sorted)."""

    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:.2f} s wall, {self.cpu:.2f} s CPU"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def byte_code_cache(root: Path) -> None:
    """Keep the timed processes' byte code in ``root``/pycache (see the module docstring)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(root / "pycache")


def timed(command: list[str], cwd: Path) -> Timing:
    cpu = _children_cpu()
    began = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return Timing(time.perf_counter() - began, _children_cpu() - cpu)


def workdir(root: Path, name: str) -> Path:
    """A fresh folder with the project's configs (and the seeds their tests read), so relative output paths land
    inside it."""
    folder = root / name
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(REPO / "configs", folder / "configs")
    shutil.copytree(REPO / "seeds", folder / "seeds")
    return folder


def default_run(root: Path, name: str, corpus: Path, *extra: str) -> tuple[Timing, Path]:
    folder = workdir(root, name)
    seconds = timed([*PRESSROOM, "run", "configs/releases.yaml", "--input", str(corpus), "--force", "--quiet",
                     *extra], folder)
    return seconds, folder


def step_run(root: Path, step: str, corpus: Path) -> Timing:
    folder = workdir(root, f"step-{step}")
    (folder / "pipeline.yaml").write_text(ONE_STEP.format(step=step), encoding="utf-8")
    return timed([*PRESSROOM, "run", "pipeline.yaml", "--input", str(corpus), "--quiet"], folder)


def user_run(root: Path, mode: str, corpus: Path) -> Timing:
    return timed([*USER_SCRIPT, mode, str(corpus), str(root / f"user-{mode}.jsonl")], root)


def startup(root: Path, corpus: Path) -> None:
    one = head(corpus, 1, root / "one.jsonl")
    runs = sorted(default_run(root, "startup", one)[0] for _ in range(3))
    print(f"startup: default pipeline on 1 release: median {runs[1].wall:.2f} s of 3 (target <= 0.6 s); "
          f"CPU {runs[1].cpu:.2f} s")


def workers(root: Path, corpus: Path, count: int, repeat: int) -> None:
    """``repeat`` alternate pairs of runs; the median of each count's wall seconds, every output compared byte for
    byte. The load average is printed beside the figure: on a machine busy with other work the two-worker run gets
    less than two cores (each session's processes share one slice), and the wall ratio says more about the load
    than about Pressroom. The CPU seconds and the main process's share of them (``--report``) say what parallel
    work costs over serial work."""
    sample = head(corpus, count, root / f"first-{count}.jsonl")
    loads = [os.getloadavg()[0]]
    runs: dict[str, list[Timing]] = {"1": [], "2": []}
    main_cpu: dict[str, list[float]] = {"1": [], "2": []}
    same = True
    for _ in range(repeat):
        folders = {}
        for count_of_workers in runs:
            report = root / f"w{count_of_workers}.json"
            seconds, folders[count_of_workers] = default_run(root, f"w{count_of_workers}", sample, "--workers",
                                                             count_of_workers, "--report", str(report))
            runs[count_of_workers].append(seconds)
            main_cpu[count_of_workers].append(json.loads(report.read_text())["main_cpu_seconds"])
        same = same and all(filecmp.cmp(folders["1"] / "out" / name, folders["2"] / "out" / name, shallow=False)
                            for name in ("releases.jsonl", "releases.db"))
        loads.append(os.getloadavg()[0])
    one, two = (Timing(median(t.wall for t in runs[w]), median(t.cpu for t in runs[w])) for w in ("1", "2"))
    pairs = ", ".join(f"{a.wall / b.wall:.2f}x" for a, b in zip(runs["1"], runs["2"]))
    print(f"workers: {count} releases, medians of {repeat} alternate runs: 1 worker {count / one.wall:.1f} docs/s "
          f"({one}), 2 workers {count / two.wall:.1f} docs/s ({two}): {one.wall / two.wall:.2f}x (target >= 1.85; "
          f"each pair: {pairs}); 2 workers' main process CPU {median(main_cpu['2']):.2f} s; 2 workers' CPU over 1 "
          f"worker's: {two.cpu / one.cpu:.3f}; outputs (JSONL, SQLite) byte-identical: {same}; load average "
          f"{' -> '.join(f'{load:.1f}' for load in loads)} (on 2 cores)")


def against_user(root: Path, corpus: Path, count: int, name: str, target: float, pairs: int) -> None:
    """``pairs`` alternate runs of Pressroom and the user's script; the ratio of each pair and their median. The
    machine's speed drifts by a third from minute to minute when other work shares it, so a ratio is only taken
    between runs made one right after the other."""
    sample = head(corpus, count, root / f"first-{count}.jsonl")
    mode = "full" if name == "pipeline" else name
    ratios: list[tuple[float, float]] = []
    for _ in range(pairs):
        ours = default_run(root, "pipeline", sample)[0] if name == "pipeline" else step_run(root, name, sample)
        theirs = user_run(root, mode, sample)
        ratios.append((theirs.wall / ours.wall, theirs.cpu / ours.cpu))
        print(f"{name}: {count} releases, pressroom {count / ours.wall:.1f} docs/s ({ours}), user script ({mode}) "
              f"{count / theirs.wall:.2f} docs/s ({theirs}): {ratios[-1][0]:.1f}x, in CPU seconds "
              f"{ratios[-1][1]:.1f}x")
    print(f"{name}: median of {pairs} alternate pairs {median(r[0] for r in ratios):.1f}x (target >= {target:g}x); "
          f"in CPU seconds {median(r[1] for r in ratios):.1f}x")


def sharded_pipeline(folder: Path) -> Path:
    """The default pipeline with its exports sharded: JSONL and Parquet written by the workers (SQLite, one writer
    by nature, left out)."""
    import yaml

    config = yaml.safe_load((REPO / "configs" / "releases.yaml").read_text(encoding="utf-8"))
    config.pop("tests", None)
    steps = [step for step in config["steps"] if step["use"] != "export"]
    steps += [{"use": "export", "id": "jsonl-out", "with": {"format": "jsonl", "path": "out/releases.jsonl",
                                                            "shards": True}},
              {"use": "export", "id": "parquet-out", "with": {"format": "parquet", "path": "out/tables",
                                                              "shards": True}}]
    path = folder / "sharded.yaml"
    path.write_text(yaml.safe_dump({**config, "steps": steps}, sort_keys=False), encoding="utf-8")
    return path


def dask(root: Path, corpus: Path, count: int) -> None:
    """Main-process CPU with sharded outputs on 2 local Dask workers, over ``count`` releases and over a tenth of
    them: the whole figure (the executor's start-up included: importing Dask's client, starting the cluster's
    process) and the cost of each further document (the difference of the two runs). Each run twice, alternately,
    keeping the lower CPU figure of each (a busy machine only adds to it)."""
    runs: dict[int, tuple[float, int, Timing]] = {}
    for _ in range(2):
        for docs in (count // 10, count):
            sample = head(corpus, docs, root / f"first-{docs}.jsonl")
            folder = workdir(root, f"dask-{docs}")
            report = root / f"dask-{docs}.json"
            seconds = timed([*PRESSROOM, "run", str(sharded_pipeline(folder)), "--input", str(sample), "--force",
                             "--quiet", "--executor", "dask", "--workers", "2", "--report", str(report)], folder)
            stats = json.loads(report.read_text())
            runs[docs] = min(runs.get(docs, (float("inf"), 0, seconds)), (stats["main_cpu_seconds"], stats["read"],
                                                                            seconds))
    (small, small_docs, _), (large, large_docs, seconds) = runs[count // 10], runs[count]  # read: the corpus may end
    further = (large - small) / (large_docs - small_docs) * 1000
    print(f"dask: {large_docs} releases on 2 local workers, sharded JSONL and Parquet, in {seconds}; main process "
          f"CPU {large:.2f} s in all: {large / large_docs * 1000:.3f} s per 1,000 documents with the executor's "
          f"start-up, {further:.3f} s per further 1,000 documents ({small:.2f} s for {small_docs}, so about "
          f"{small - further * small_docs / 1000:.2f} s of start-up) (target <= 0.1 s)")


def warm_up(root: Path, corpus: Path, figures: list[str]) -> None:
    """One untimed run of each kind of process on one release, which byte-compiles what it imports."""
    one = head(corpus, 1, root / "one.jsonl")
    default_run(root, "warm-up", one)
    for name in ("dates", "entities"):
        if name in figures:
            step_run(root, name, one)
    modes = {"pipeline": "full", "dates": "dates", "entities": "entities"}
    for mode in {modes[name] for name in figures if name in modes}:
        user_run(root, mode, one)


def costs(root: Path, corpus: Path, count: int) -> None:
    sample = head(corpus, count, root / f"first-{count}.jsonl")
    for workers in ("1", "2"):
        report = root / f"costs-{workers}.json"
        whole = default_run(root, f"costs-{workers}", sample, "--workers", workers, "--report", str(report))[0]
        stats = json.loads(report.read_text())
        steps = ", ".join(f"{name} {s['seconds'] / count * 1000:.2f}" for name, s in stats["steps"].items())
        print(f"costs: {count} releases, --workers {workers}: whole process {whole}; step seconds per 1,000 "
              f"documents: {steps}; main process CPU per 1,000 documents: "
              f"{stats['main_cpu_seconds'] / count * 1000:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=AU_PM)
    parser.add_argument("--docs", type=int, default=1000, help="releases for the comparisons with a user's script")
    parser.add_argument("--worker-docs", type=int, default=3000, help="releases for the workers and dask figures")
    parser.add_argument("--repeat", type=int, default=3, help="alternate pairs of runs for the workers figure")
    parser.add_argument("--pairs", type=int, default=3,
                        help="alternate pairs of runs for the comparisons with a user's script")
    figures = ("startup", "workers", "pipeline", "dates", "entities", "dask", "costs")
    parser.add_argument("--only", nargs="+", choices=figures, default=list(figures))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pressroom-scale-") as tmp:
        root = Path(tmp)
        byte_code_cache(root)
        warm_up(root, args.corpus, args.only)
        for name in args.only:
            if name == "startup":
                startup(root, args.corpus)
            elif name == "workers":
                workers(root, args.corpus, args.worker_docs, args.repeat)
            elif name == "dask":
                dask(root, args.corpus, args.worker_docs)
            elif name == "costs":
                costs(root, args.corpus, args.docs)
            else:
                target = {"pipeline": 40, "dates": 40, "entities": 50}[name]
                against_user(root, args.corpus, args.docs, name, target, args.pairs)


if __name__ == "__main__":
    main()
