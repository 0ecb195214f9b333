"""Batch jobs: workers, resume after SIGKILL, the ledger, replay, chaining and job files."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

PIPELINE = """\
plugins: [{plugin}]
quarantine: {tmp}/out/quarantine.jsonl
ledger: {tmp}/out/ledger.sqlite
batch_size: 8
steps:
  - use: slowtag
    with: {{pause: {pause}, tag: {tag}}}
  - use: export
    with: {{format: jsonl, path: {tmp}/out/releases.jsonl}}
"""


@pytest.fixture
def corpus(tmp_path: Path, au_slice: Path) -> Path:
    """The 120 real releases three times over with distinct ids (360 documents)."""
    rows = [json.loads(line) for line in au_slice.read_text().splitlines()]
    path = tmp_path / "corpus.jsonl"
    with open(path, "w") as out:
        for copy in range(3):
            for row in rows:
                out.write(json.dumps({**row, "id": f"{row['id']}-{copy}"}) + "\n")
    return path


def pipeline(tmp_path: Path, repo: Path, pause: float = 0.0, tag: str = "v1", name: str = "p.yaml") -> Path:
    path = tmp_path / name
    plugin = repo / "tests" / "data" / "plugins" / "slowtag.py"
    path.write_text(PIPELINE.format(plugin=plugin, tmp=tmp_path, pause=pause, tag=tag))
    return path


def output(tmp_path: Path) -> bytes:
    return (tmp_path / "out" / "releases.jsonl").read_bytes()


def report(tmp_path: Path, cli: Any, *args: str) -> dict[str, object]:
    result = cli(*args, "--report", str(tmp_path / "run.json"))
    assert result.returncode == 0, result.stderr.decode()
    return json.loads((tmp_path / "run.json").read_text())  # type: ignore[no-any-return]


def test_two_workers_give_byte_identical_output(tmp_path: Path, repo: Path, corpus: Path, cli: Any) -> None:
    p = pipeline(tmp_path, repo)
    serial = report(tmp_path, cli, "run", str(p), "--input", str(corpus), "--force")
    expected = output(tmp_path)
    parallel = report(tmp_path, cli, "run", str(p), "--input", str(corpus), "--force", "--workers", "2")
    assert output(tmp_path) == expected
    assert serial["written"] == parallel["written"] == 360
    # Set up once per worker process, not per document or chunk.
    assert parallel["steps"]["slowtag"]["counters"] == {"setups": 2, "tagged": 360}  # type: ignore[index]
    assert serial["steps"]["slowtag"]["counters"] == {"setups": 1, "tagged": 360}  # type: ignore[index]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigkill_then_rerun_gives_every_document_exactly_once(
        tmp_path: Path, repo: Path, corpus: Path, cli: Any, workers: str) -> None:
    reference_dir = tmp_path / "reference"
    reference_dir.mkdir()
    cli("run", str(pipeline(reference_dir, repo)), "--input", str(corpus), "--quiet")
    expected = output(reference_dir)

    p = pipeline(tmp_path, repo, pause=0.01)
    command = [sys.executable, "-m", "pressroom.core.cli", "run", str(p), "--input", str(corpus), "-w", workers]
    victim = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    ledger = tmp_path / "out" / "ledger.sqlite"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _ledger_rows(ledger) < 40:
        time.sleep(0.05)
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait()
    done_before = _ledger_rows(ledger)
    assert 40 <= done_before < 360, "the run must be killed mid-way"
    assert not (tmp_path / "out" / "releases.jsonl").exists()  # no truncated output that looks complete

    again = report(tmp_path, cli, "run", str(p.with_name("p.yaml")), "--input", str(corpus), "-w", workers)
    assert output(tmp_path) == expected
    assert again["reused"] >= done_before and again["written"] == 360  # type: ignore[operator]
    assert list((tmp_path / "out").glob(".*.tmp")) == []  # the killed run's temporaries are gone


def _ledger_rows(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_ledger_reprocesses_exactly_what_changed(tmp_path: Path, repo: Path, corpus: Path, cli: Any) -> None:
    p = pipeline(tmp_path, repo)
    first = report(tmp_path, cli, "run", str(p), "--input", str(corpus))
    assert first["reused"] == 0
    baseline = output(tmp_path)

    again = report(tmp_path, cli, "run", str(p), "--input", str(corpus))
    assert again["reused"] == 360 and "slowtag" not in _ran(again)
    assert output(tmp_path) == baseline

    rows = corpus.read_text().splitlines()
    edited = json.loads(rows[7])
    edited["text"] += " Edited."
    rows[7] = json.dumps(edited)
    corpus.write_text("\n".join(rows) + "\n")
    changed = report(tmp_path, cli, "run", str(p), "--input", str(corpus))
    assert changed["reused"] == 359 and changed["steps"]["slowtag"]["in"] == 1  # type: ignore[index]
    assert json.loads(output(tmp_path).splitlines()[7])["text"].endswith(" Edited.")

    retagged = report(tmp_path, cli, "run", str(pipeline(tmp_path, repo, tag="v2")), "--input", str(corpus))
    assert retagged["reused"] == 0  # new options: new configuration hash
    forced = report(tmp_path, cli, "run", str(p), "--input", str(corpus), "--force")
    assert forced["reused"] == 0 and forced["steps"]["slowtag"]["in"] == 360  # type: ignore[index]


def _ran(report_data: dict[str, object]) -> set[str]:
    steps = report_data["steps"]
    assert isinstance(steps, dict)
    return {name for name, step in steps.items() if step["in"]}


def test_replay_after_a_fix(tmp_path: Path, repo: Path, au_slice: Path, cli: Any) -> None:
    rows = au_slice.read_text().splitlines()
    broken = [json.dumps({**json.loads(r), "text": json.loads(r)["text"] + " FAILME"}) if i % 10 == 0 else r
              for i, r in enumerate(rows)]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(broken) + "\n")
    p = pipeline(tmp_path, repo)
    first = cli("run", str(p), "--input", str(source))
    assert first.returncode == 1
    quarantine = tmp_path / "out" / "quarantine.jsonl"
    assert len(quarantine.read_text().splitlines()) == 12
    assert len(output(tmp_path).splitlines()) == 108

    still_broken = cli("replay", str(quarantine), "--pipeline", str(p))
    assert still_broken.returncode == 1 and len(quarantine.read_text().splitlines()) == 12
    assert len(output(tmp_path).splitlines()) == 108

    fixed = cli("replay", str(quarantine), "--pipeline", str(p), env={"SLOWTAG_FIXED": "1"})
    assert fixed.returncode == 0, fixed.stderr.decode()
    assert not quarantine.exists()
    ids = [json.loads(line)["id"] for line in output(tmp_path).splitlines()]
    assert sorted(ids) == sorted(json.loads(r)["id"] for r in rows) and len(ids) == 120


def test_failure_budget_stops_with_exit_1(tmp_path: Path, repo: Path, au_slice: Path, cli: Any) -> None:
    rows = au_slice.read_text().splitlines()
    bad = [json.dumps({**json.loads(r), "text": "FAILME"}) if i % 3 == 0 else r for i, r in enumerate(rows)]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(bad) + "\n")
    p = pipeline(tmp_path, repo)
    p.write_text(p.read_text() + "max_failures: 10%\n")
    result = cli("run", str(p), "--input", str(source))
    assert result.returncode == 1
    assert "more than max_failures (10%); stopping" in result.stderr.decode()
    assert not (tmp_path / "out" / "releases.jsonl").exists()


def test_pipes_between_stages(tmp_path: Path, repo: Path, au_slice: Path) -> None:
    # Stages that run at the same time each have their own quarantine and ledger: a run locks the files it writes.
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = pipeline(tmp_path / "a", repo, name="a.yaml")
    second = pipeline(tmp_path / "b", repo, tag="v2", name="b.yaml")
    cli = [sys.executable, "-m", "pressroom.core.cli", "run"]
    upstream = subprocess.Popen([*cli, str(first), "--input", str(au_slice), "--output", "-", "-q"],
                                stdout=subprocess.PIPE)
    downstream = subprocess.run([*cli, str(second), "--input", "-", "--output", str(tmp_path / "final.jsonl"), "-q"],
                                stdin=upstream.stdout, capture_output=True)
    assert upstream.stdout is not None
    upstream.stdout.close()
    assert upstream.wait() == 0 and downstream.returncode == 0, downstream.stderr.decode()
    rows = [json.loads(line) for line in (tmp_path / "final.jsonl").read_text().splitlines()]
    assert len(rows) == 120 and all(r["metadata"]["tag"] == "v2" for r in rows)
    assert [h["step"] for h in rows[0]["history"]] == ["slowtag", "slowtag"]  # both stages recorded


def test_job_file_chains_stages_and_stops_on_failure(tmp_path: Path, repo: Path, au_slice: Path,
                                                     cli: Any) -> None:
    pipeline(tmp_path, repo, name="a.yaml")
    second = pipeline(tmp_path, repo, tag="v2", name="b.yaml")
    job = tmp_path / "job.yaml"
    job.write_text(f"""\
stages:
  - name: first
    pipeline: a.yaml
    input: [{au_slice}]
    output: {tmp_path}/stage1.jsonl
  - name: second
    pipeline: b.yaml
    output: {tmp_path}/stage2.jsonl
""")
    result = cli("job", str(job), "-q")
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in (tmp_path / "stage2.jsonl").read_text().splitlines()]
    assert len(rows) == 120 and rows[0]["metadata"]["tag"] == "v2"
    for stage in ("stage1.jsonl", "stage2.jsonl"):
        (tmp_path / stage).unlink()

    # An invalid stage is found before anything runs.
    second.write_text(second.read_text().replace("use: slowtag", "use: slowtagg"))
    invalid = cli("job", str(job), "-q")
    assert invalid.returncode == 2
    assert "stages[1] ('second'): " in invalid.stderr.decode()
    assert "steps[0].use: unknown step 'slowtagg'; did you mean 'slowtag'?" in invalid.stderr.decode()
    assert not (tmp_path / "stage1.jsonl").exists()

    # A stage that fails at run time stops the job; the stages before it stay done.
    second.write_text(second.read_text().replace("use: slowtagg", "use: slowtag") + "on_error: fail\n")
    rows = au_slice.read_text().splitlines()
    rows[3] = json.dumps({**json.loads(rows[3]), "text": "FAILME"})
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join(rows) + "\n")
    job.write_text(job.read_text().replace(str(au_slice), str(broken)))
    # The first stage only copies; the second fails on the bad document.
    (tmp_path / "a.yaml").write_text(f"ledger: null\nquarantine: {tmp_path}/q1.jsonl\nsteps:\n  - use: export\n")
    failed = cli("job", str(job), "-q")
    assert failed.returncode == 1
    assert f"job {job}: stage 2/2 'second' failed; stages done and kept: 'first'; later stages not run." \
        in failed.stderr.decode()
    assert len((tmp_path / "stage1.jsonl").read_text().splitlines()) == 120
    assert not (tmp_path / "stage2.jsonl").exists()


def test_progress_lines_when_not_a_terminal(tmp_path: Path, repo: Path, corpus: Path) -> None:
    from pressroom.core.pipeline import Pipeline
    from pressroom.core.progress import Progress
    from pressroom.core.runner import Runner
    import io

    log = io.StringIO()
    p = Pipeline.from_file(pipeline(tmp_path, repo))
    Runner(p, [str(corpus)], progress=Progress(log, total=360, interval=0.0)).run()
    lines = log.getvalue().splitlines()
    assert lines[-1].startswith("pressroom: 360/360 documents, ") and "ETA 0:00" in lines[-1]
    assert len(lines) == 45  # one line per chunk of 8
