"""The ledger is a cache: damage is reported and rebuilt, and a stored result that does not verify is never used."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

PIPELINE = """\
plugins: [{plugin}]
quarantine: {out}/quarantine.jsonl
ledger: {out}/ledger.sqlite
batch_size: 16
steps:
  - use: slowtag
  - use: export
    with: {{format: jsonl, path: {out}/releases.jsonl}}
"""


@pytest.fixture
def setup(tmp_path: Path, repo: Path, au_slice: Path) -> tuple[Callable[[], subprocess.CompletedProcess[str]], Path]:
    """A pipeline over 360 real releases that has run once: (run it again, the ledger)."""
    rows = [json.loads(line) for line in au_slice.read_text().splitlines()]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({**r, "id": f"{r['id']}-{c}"}) + "\n" for c in range(3) for r in rows))
    pipeline = tmp_path / "p.yaml"
    pipeline.write_text(PIPELINE.format(plugin=repo / "tests" / "data" / "plugins" / "slowtag.py",
                                        out=tmp_path / "out"))
    report = tmp_path / "report.json"

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pressroom.core.cli", "run", str(pipeline), "--input",
                               str(source), "--report", str(report)], capture_output=True, text=True, timeout=300)

    assert run().returncode == 0
    return run, tmp_path / "out" / "ledger.sqlite"


def rerun_matches(run: Callable[[], subprocess.CompletedProcess[str]], ledger: Path) -> tuple[str, dict[str, int]]:
    """Run again; the output must equal the first run's, byte for byte. Returns stderr and the report."""
    expected = (ledger.parent / "releases.jsonl").read_bytes()
    result = run()
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert (ledger.parent / "releases.jsonl").read_bytes() == expected
    with closing(sqlite3.connect(ledger)) as db:
        assert db.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert db.execute("SELECT count(*) FROM results").fetchone()[0] == 360
    report = json.loads((ledger.parent.parent / "report.json").read_text())
    return result.stderr, report


def damage_truncated(ledger: Path) -> None:
    os.truncate(ledger, ledger.stat().st_size // 2)


def damage_header(ledger: Path) -> None:
    with open(ledger, "r+b") as stream:
        stream.write(b"this is no database header")


def damage_pages(ledger: Path) -> None:
    chance = random.Random(14)
    with open(ledger, "r+b") as stream:
        for page in range(2, ledger.stat().st_size // 4096, 5):
            stream.seek(page * 4096)
            stream.write(bytes(chance.randrange(256) for _ in range(4096)))


@pytest.mark.parametrize("damage", [damage_truncated, damage_header, damage_pages])
def test_a_damaged_ledger_is_reported_and_rebuilt(setup: tuple[Callable[[], subprocess.CompletedProcess[str]], Path],
                                                  damage: Callable[[Path], None]) -> None:
    run, ledger = setup
    damage(ledger)
    log, report = rerun_matches(run, ledger)
    assert f"pressroom: warning: the ledger {ledger} is damaged or unusable (" in log
    assert "rebuilding it, so every document is processed again" in log
    assert report["reused"] == 0 and report["written"] == 360
    log, report = rerun_matches(run, ledger)  # the rebuilt ledger serves the next run
    assert "warning" not in log and report["reused"] == 360


def test_an_edited_result_is_not_reused(setup: tuple[Callable[[], subprocess.CompletedProcess[str]], Path]) -> None:
    run, ledger = setup
    with closing(sqlite3.connect(ledger)) as db, db:
        edited = db.execute("UPDATE results SET payload = replace(payload, '\"tag\":\"v1\"', '\"tag\":\"FORGED-14\"') "
                            "WHERE rowid IN (SELECT rowid FROM results ORDER BY doc_id LIMIT 3)").rowcount
    assert edited == 3
    log, report = rerun_matches(run, ledger)
    assert b"FORGED-14" not in (ledger.parent / "releases.jsonl").read_bytes()
    assert f"3 remembered result(s) in the ledger {ledger} did not verify" in log
    assert report["reused"] == 357
    _, report = rerun_matches(run, ledger)  # processed again and stored afresh
    assert report["reused"] == 360


def test_a_ledger_of_an_older_version_is_rebuilt(
        setup: tuple[Callable[[], subprocess.CompletedProcess[str]], Path]) -> None:
    run, ledger = setup
    with closing(sqlite3.connect(ledger)) as db, db:
        db.execute("PRAGMA user_version = 1")
    log, report = rerun_matches(run, ledger)
    assert "written by another version of Pressroom (ledger version 1)" in log and report["reused"] == 0
