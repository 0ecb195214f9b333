"""`pressroom replay` on real releases: each quarantined document ends up once in the outputs, dropped with a reason,
or back in the quarantine; a quarantined duplicate stays a duplicate of the document its run kept; a replay that
stops early keeps every entry; replaying again replays only what still fails."""

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

import pytest

from slowtag_runs import ledger_rows, write_pipeline

FIXED = {"SLOWTAG_FIXED": "1"}


def jsonl_texts(folder: Path) -> list[tuple[str, str]]:
    return [(d["id"], d["text"]) for d in map(json.loads, (folder / "out" / "releases.jsonl").read_text().splitlines())]


def sqlite_texts(folder: Path) -> dict[str, str]:
    with closing(sqlite3.connect(folder / "out" / "releases.db")) as db:
        return dict(db.execute("SELECT id, text FROM documents"))


def entries(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / "out" / "quarantine.jsonl").read_text().splitlines()]


def run(cli: Any, folder: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, dict[str, Any], str]:
    result = cli(*args, "--report", "r.json", cwd=folder, env=env)
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr, stderr
    return result.returncode, json.loads((folder / "r.json").read_text()), stderr


@pytest.fixture
def duplicated(tmp_path: Path, au_slice: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Two input files of real releases; the second repeats the id of the first file's 4th with another text."""
    rows = [json.loads(line) for line in au_slice.read_text().splitlines()[:40]]
    again = {**rows[3], "text": "The same id, another text."}
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[:20]))
    (tmp_path / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in [*rows[20:25], again, *rows[25:]]))
    return rows, again


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_replayed_duplicate_stays_a_duplicate_of_what_its_run_kept(
        tmp_path: Path, repo: Path, cli: Any, duplicated: Any, workers: str) -> None:
    rows, again = duplicated
    write_pipeline(tmp_path, repo)
    code, stats, _ = run(cli, tmp_path, "run", "p.yaml", "--input", "a.jsonl", "b.jsonl")
    assert code == 1 and stats["written"] == 40 and stats["quarantined"] == 1
    written = jsonl_texts(tmp_path)

    for _ in range(2):  # replaying twice changes nothing either
        code, stats, _ = run(cli, tmp_path, "replay", "out/quarantine.jsonl", "-p", "p.yaml", "--workers", workers)
        assert code == 1 and (stats["read"], stats["written"], stats["quarantined"]) == (1, 0, 1)
        assert jsonl_texts(tmp_path) == written  # not appended a second time
        assert sqlite_texts(tmp_path)[again["id"]] == rows[3]["text"]  # the first kept, not replaced
        [entry] = entries(tmp_path)
        assert entry["record"]["text"] == again["text"]
        assert entry["duplicate_of"] == "the document an earlier run kept (read from a.jsonl:4)"
        assert entry["error"].startswith(
            f"duplicate id {again['id']!r}: the document an earlier run kept (read from a.jsonl:4) has it too "
            "(duplicates: error); to keep this one as well, give it another id")

    # keep-first: the replay drops it, counted with the reason, and it leaves the quarantine.
    write_pipeline(tmp_path, repo, extra="duplicates: keep-first")
    code, stats, _ = run(cli, tmp_path, "replay", "out/quarantine.jsonl", "-p", "p.yaml", "--workers", workers)
    assert code == 0 and (stats["read"], stats["written"], stats["dropped"]) == (1, 0, 1)
    assert stats["dropped_on_input"] == {"duplicate id, an earlier document kept (duplicates: keep-first)": 1}
    assert jsonl_texts(tmp_path) == written and not (tmp_path / "out" / "quarantine.jsonl").exists()
    again_replayed = cli("replay", "out/quarantine.jsonl", "-p", "p.yaml", cwd=tmp_path)
    assert again_replayed.returncode == 2
    assert again_replayed.stderr.decode().strip().endswith(
        "out/quarantine.jsonl: no quarantine file to replay (a run, or a replay, that quarantined nothing leaves none)")


def test_a_duplicate_given_another_id_is_replayed_as_a_document_of_its_own(
        tmp_path: Path, repo: Path, cli: Any, duplicated: Any) -> None:
    _, again = duplicated
    write_pipeline(tmp_path, repo)
    run(cli, tmp_path, "run", "p.yaml", "--input", "a.jsonl", "b.jsonl")
    [entry] = entries(tmp_path)
    entry["record"]["id"] = again["id"] + "-b"
    (tmp_path / "out" / "quarantine.jsonl").write_text(json.dumps(entry) + "\n")
    code, stats, _ = run(cli, tmp_path, "replay", "out/quarantine.jsonl", "-p", "p.yaml")
    assert code == 0 and stats["written"] == 1
    ids = Counter(i for i, _ in jsonl_texts(tmp_path))
    assert len(ids) == 41 and set(ids.values()) == {1} and sqlite_texts(tmp_path)[again["id"] + "-b"] == again["text"]


@pytest.mark.parametrize("policy", ["error", "keep-first"])
def test_a_duplicate_whose_first_failed_too_is_replayed_after_it(
        tmp_path: Path, repo: Path, cli: Any, duplicated: Any, policy: str) -> None:
    """The first of the id fails in a step (quarantined after its duplicate was set aside at reading): the replay
    runs the first before the duplicate, so the first is the one kept, as its run would have kept it."""
    rows, again = duplicated
    first = {**rows[3], "text": rows[3]["text"] + " FAILME"}
    lines = (tmp_path / "a.jsonl").read_text().splitlines()
    lines[3] = json.dumps(first)
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n")
    write_pipeline(tmp_path, repo, extra=f"duplicates: {policy}")
    code, stats, _ = run(cli, tmp_path, "run", "p.yaml", "--input", "a.jsonl", "b.jsonl")
    assert code == 1 and stats["written"] == 39 and stats["quarantined"] == (2 if policy == "error" else 1)

    code, stats, _ = run(cli, tmp_path, "replay", "out/quarantine.jsonl", "-p", "p.yaml", env=FIXED)
    assert stats["written"] == 1
    texts = jsonl_texts(tmp_path)
    assert [t for i, t in texts if i == again["id"]] == [first["text"]]
    assert sqlite_texts(tmp_path)[again["id"]] == first["text"]
    if policy == "error":
        assert code == 1 and stats["quarantined"] == 1
        [entry] = entries(tmp_path)
        assert entry["record"]["text"] == again["text"] and entry["duplicate_of"] == "a.jsonl:4"
    else:
        assert code == 0 and not (tmp_path / "out" / "quarantine.jsonl").exists()


@pytest.mark.parametrize("stop", ["max_failures", "Ctrl-C"])
def test_a_replay_that_stops_early_keeps_every_entry(tmp_path: Path, repo: Path, au_slice: Path, cli: Any,
                                                     stop: str) -> None:
    rows = [json.loads(line) for line in au_slice.read_text().splitlines()]
    broken = [{**r, "text": r["text"] + " FAILME"} if i % 4 == 0 else r for i, r in enumerate(rows)]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in broken))
    write_pipeline(tmp_path, repo)
    code, stats, _ = run(cli, tmp_path, "run", "p.yaml", "--input", "in.jsonl")
    assert code == 1 and stats["quarantined"] == 30
    quarantine = (tmp_path / "out" / "quarantine.jsonl").read_bytes()
    before = jsonl_texts(tmp_path)

    if stop == "max_failures":  # still broken: the budget stops the replay after a few entries
        write_pipeline(tmp_path, repo, extra="max_failures: 2")
        stopped = cli("replay", "out/quarantine.jsonl", "-p", "p.yaml", cwd=tmp_path)
        assert stopped.returncode == 1 and "more than max_failures" in stopped.stderr.decode()
    else:  # fixed, and interrupted after some entries went through (and into the ledger)
        write_pipeline(tmp_path, repo, pause=0.3)
        replay = subprocess.Popen([sys.executable, "-m", "pressroom.core.cli", "replay", "out/quarantine.jsonl",
                                   "-p", "p.yaml"], cwd=tmp_path, env={**os.environ, **FIXED},
                                  stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not ledger_rows(tmp_path) > 100:
            time.sleep(0.05)
        replay.send_signal(signal.SIGINT)
        _, stderr = replay.communicate(timeout=60)
        assert replay.returncode == 130 and stderr.decode().strip().endswith("interrupted; no output was replaced")
        assert ledger_rows(tmp_path) > 90
    assert (tmp_path / "out" / "quarantine.jsonl").read_bytes() == quarantine  # every entry still there
    assert jsonl_texts(tmp_path) == before

    write_pipeline(tmp_path, repo)
    code, stats, _ = run(cli, tmp_path, "replay", "out/quarantine.jsonl", "-p", "p.yaml", env=FIXED)
    assert code == 0 and stats["written"] == 30 and not (tmp_path / "out" / "quarantine.jsonl").exists()
    ids = Counter(i for i, _ in jsonl_texts(tmp_path))
    assert sorted(ids) == sorted(r["id"] for r in rows) and set(ids.values()) == {1}
