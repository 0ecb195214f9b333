"""Random SIGKILLs of a 2-worker run of the default pipeline lose and duplicate nothing.

Run: .venv/bin/python benchmarks/bench_kills.py [CORPUS.jsonl] [--limit N] [--kills 20]
An uninterrupted run gives the reference. Then each run is killed (the whole process group, as an OOM killer or a
lost machine would) at a random moment of one of three phases timed on the reference run: start-up (before the run
locks its outputs), processing, and the final commit (the last tenth of the run); the next run in the same folder
resumes from the ledger (a chain), a run that ended before its kill is tried again on a fresh folder, until the
given number of kills landed. After every kill the published JSONL is absent or the complete reference, never
partial; each chain ends with a run left alone, whose JSONL and SQLite outputs must equal the reference's, with no
temporary or lock file left. Prints the kills per phase and every mismatch (target: 0).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

from corpus import AU_PM, REPO

PHASES = ("start-up", "processing", "commit")


def start(folder: Path, corpus: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "pressroom.core.cli", "run", "configs/releases.yaml", "--input", str(corpus),
               "--workers", "2", "--quiet"]
    return subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def outputs(folder: Path) -> tuple[bytes | None, list[tuple[object, ...]] | None]:
    jsonl, db = folder / "out" / "releases.jsonl", folder / "out" / "releases.db"
    rows = None
    if db.exists():
        with closing(sqlite3.connect(db)) as connection:
            try:
                rows = connection.execute("SELECT id, date, title, text, metadata, history FROM documents "
                                          "ORDER BY id").fetchall()
            except sqlite3.OperationalError:  # a first run killed before its commit: no table yet
                rows = None
    return (jsonl.read_bytes() if jsonl.exists() else None), rows


def describe(got: tuple[bytes | None, object], expected: tuple[bytes | None, object]) -> str:
    """Which documents differ, in each output."""
    lines = [(got[0] or b"").splitlines(), (expected[0] or b"").splitlines()]
    jsonl = [json.loads(a)["id"] for a, b in zip(*lines) if a != b]
    rows = [list(got[1] or []), list(expected[1] or [])]  # type: ignore[call-overload]
    sqlite = [a[0] for a, b in zip(*rows) if a != b]
    return (f"JSONL {len(lines[0])} lines vs {len(lines[1])}, differing ids {jsonl[:5]}; "
            f"SQLite {len(rows[0])} rows vs {len(rows[1])}, differing ids {sqlite[:5]}")


def verify(folder: Path, corpus: Path, expected: tuple[bytes | None, object]) -> int:
    """Complete the chain with a run left alone: 1 when its outputs differ from the reference or files are left."""
    final = start(folder, corpus)
    _, log = final.communicate()
    got = outputs(folder)
    leftovers = [p.name for p in (folder / "out").iterdir() if p.name.endswith((".tmp", ".lock"))]
    if final.returncode != 0 or got != expected or leftovers:
        print(f"{folder.name}: final run {final.returncode}: {describe(got, expected)} {leftovers} {log.decode()}")
        return 1
    return 0


def prepare(folder: Path) -> None:
    folder.mkdir()
    for name in ("configs", "seeds"):  # the pipeline's tests: name a seed release
        shutil.copytree(REPO / name, folder / name)


def reference(folder: Path, corpus: Path) -> tuple[dict[str, float], tuple[bytes | None, object]]:
    """Time the phases of an uninterrupted run: when it locks its outputs, when it ends."""
    prepare(folder)
    started = time.monotonic()
    run = start(folder, corpus)
    locked = None
    while run.poll() is None:
        if locked is None and (folder / "out" / ".releases.jsonl.lock").exists():
            locked = time.monotonic() - started
        time.sleep(0.005)
    ended = time.monotonic() - started
    _, log = run.communicate()
    if run.returncode != 0 or locked is None:
        sys.exit(f"the reference run failed ({run.returncode}): {log.decode()}")
    return {"locked": locked, "ended": ended}, outputs(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=AU_PM)
    parser.add_argument("--limit", type=int, default=300, help="use only the first N documents")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    chance = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with open(args.corpus, "rb") as source:
            corpus.write_bytes(b"".join(line for _, line in zip(range(args.limit), source)))
        times, expected = reference(Path(tmp) / "reference", corpus)
        print(f"reference: {args.limit} documents, outputs locked after {times['locked']:.2f}s, "
              f"run ended after {times['ended']:.2f}s")
        windows = {"start-up": (0.0, times["locked"]), "processing": (times["locked"], 0.9 * times["ended"]),
                   "commit": (0.9 * times["ended"], 1.05 * times["ended"])}
        landed = dict.fromkeys(PHASES, 0)
        finished_first = partial = mismatched = refused = chains = 0
        folder = Path(tmp)
        for kill in range(args.kills):
            phase = PHASES[kill % 3]
            fresh = phase == "commit" or kill % 5 == 0 or chains == 0
            while True:
                # A commit-phase kill (or a retry) needs the timing of a fresh run, the reference's; each chain
                # of runs is completed and checked when the next one starts.
                if fresh:
                    mismatched += verify(folder, corpus, expected) if chains else 0
                    chains += 1
                    folder = Path(tmp) / f"chain-{chains}"
                    prepare(folder)
                delay = chance.uniform(*windows[phase])
                run = start(folder, corpus)
                time.sleep(delay)
                if run.poll() is None:
                    os.killpg(run.pid, signal.SIGKILL)
                killed = run.wait() == -signal.SIGKILL
                _, log = run.communicate()
                refused += b"in use by another run" in log
                published = outputs(folder)
                if published[0] is not None and published[0] != expected[0]:
                    partial += 1
                    print(f"after kill {kill} ({phase}, {delay:.2f}s): {describe(published, expected)}")
                if killed:
                    landed[phase] += 1
                    break
                finished_first += 1  # it was done before the kill: try again on a fresh folder
                fresh = True
        mismatched += verify(folder, corpus, expected)
        print(f"kills: {sum(landed.values())} ({', '.join(f'{p} {n}' for p, n in landed.items())}); "
              f"runs that finished before their kill: {finished_first}")
        print(f"partial outputs seen after a kill: {partial}; runs refused by a stale lock: {refused}; "
              f"chains ({chains}) whose final outputs differ from the uninterrupted run or left files: {mismatched}")


if __name__ == "__main__":
    main()
