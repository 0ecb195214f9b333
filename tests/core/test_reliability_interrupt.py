"""Ctrl-C in the middle of a run with worker processes or a local Dask cluster: one line, exit code 130, no process
left behind, no output replaced, and the same command then resumes from what the ledger remembered, writing every
document once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

import psutil
import pytest

from slowtag_runs import ledger_rows, write_pipeline

@pytest.mark.parametrize("executor", ["local", "dask"])
def test_ctrl_c_leaves_no_process_and_a_ledger_the_next_run_resumes_from(
        tmp_path: Path, repo: Path, au_slice: Path, cli: Any, executor: str) -> None:
    # One document per chunk: a Dask task groups up to 16 chunks, and results reach the ledger a task at a time,
    # so larger chunks could let every document be recorded before Ctrl-C lands.
    write_pipeline(tmp_path, repo, pause=0.05, batch_size=1)
    command = ["run", "p.yaml", "--input", str(au_slice), "--workers", "2", "--executor", executor, "-q"]
    # Started in a session of its own, as a shell starts a job; Ctrl-C signals the whole process group.
    run = subprocess.Popen([sys.executable, "-m", "pressroom.core.cli", *command], cwd=tmp_path,
                           stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while ledger_rows(tmp_path) < 24:
        assert run.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    processes = psutil.Process(run.pid).children(recursive=True)
    assert len(processes) >= 2  # the workers (and the cluster's own process)
    os.killpg(run.pid, signal.SIGINT)
    _, log = run.communicate(timeout=60)
    assert (run.returncode, log) == (130, "pressroom: interrupted; no output was replaced\n")
    _, alive = psutil.wait_procs(processes, timeout=30)
    assert not alive
    assert not (tmp_path / "out" / "releases.jsonl").exists()
    remembered = ledger_rows(tmp_path)
    assert 24 <= remembered < 120

    again = cli(*command, "--report", "r.json", cwd=tmp_path)
    assert again.returncode == 0, again.stderr.decode()
    stats = json.loads((tmp_path / "r.json").read_text())
    assert stats["reused"] == remembered and stats["written"] == 120
    rows = [json.loads(line) for line in au_slice.read_text().splitlines()]
    written = Counter(json.loads(line)["id"] for line in (tmp_path / "out" / "releases.jsonl").read_text().splitlines())
    assert written == Counter(row["id"] for row in rows)
    with closing(sqlite3.connect(tmp_path / "out" / "releases.db")) as db:
        assert sorted(i for i, in db.execute("SELECT id FROM documents")) == sorted(row["id"] for row in rows)
