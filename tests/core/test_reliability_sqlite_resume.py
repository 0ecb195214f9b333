"""A first run killed before its SQLite export commits publishes no database (it is built under a temporary name);
the next run of the same command resumes from the ledger and writes everything, removing the killed run's temporary.
A database without tables (what a first run killed under earlier versions left) is filled the same way, also after a
run killed while writing into it."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from slowtag_runs import ledger_rows, write_pipeline

def tables(database: Path) -> set[str]:
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


@pytest.mark.parametrize("left", ["no database", "a database without tables"])
def test_a_run_after_a_first_run_killed_before_its_commit_writes_everything(
        tmp_path: Path, repo: Path, au_slice: Path, cli: Any, left: str) -> None:
    write_pipeline(tmp_path, repo, pause=0.02)
    command = ["run", "p.yaml", "--input", str(au_slice), "--quiet"]
    database = tmp_path / "out" / "releases.db"
    if left == "a database without tables":  # as a first run killed by earlier versions left it
        database.parent.mkdir()
        with closing(sqlite3.connect(database)) as db:
            db.execute("PRAGMA journal_mode=WAL")
    first = subprocess.Popen([sys.executable, "-m", "pressroom.core.cli", *command], cwd=tmp_path,
                             stderr=subprocess.DEVNULL, env=os.environ.copy())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and ledger_rows(tmp_path) < 40:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    remembered = ledger_rows(tmp_path)
    assert 40 <= remembered < 120, "the first run was not killed halfway"
    assert not (tmp_path / "out" / "releases.jsonl").exists()
    if left == "no database":  # the new database was being built under a temporary name
        assert not database.exists() and len(list((tmp_path / "out").glob(".releases.db.*.tmp"))) == 1
    else:
        assert tables(database) == set()

    second = cli(*command, "--report", "r.json", cwd=tmp_path)
    assert second.returncode == 0, second.stderr.decode()
    stats = json.loads((tmp_path / "r.json").read_text())
    assert stats["reused"] == remembered and stats["written"] == 120
    assert stats["steps"]["slowtag"]["in"] == 120 - remembered

    rows = [json.loads(line) for line in au_slice.read_text().splitlines()]
    with closing(sqlite3.connect(database)) as db:
        documents = dict(db.execute("SELECT id, text FROM documents"))
        assert documents == {row["id"]: row["text"] for row in rows}
        found = {row[0] for row in db.execute("SELECT id FROM documents_fts WHERE documents_fts MATCH 'minister'")}
        assert found == {row["id"] for row in rows if re.search(r"\bminister\b", f"{row['title']} {row['text']}", re.I)}
    assert {"documents", "entities", "dates", "documents_fts"} <= tables(database)
    assert not list((tmp_path / "out").glob(".releases.db.*"))
    written = Counter(json.loads(line)["id"] for line in (tmp_path / "out" / "releases.jsonl").read_text().splitlines())
    assert written == Counter(row["id"] for row in rows)
