"""A step that hangs fails its document ("timed out after N s") and the run goes on, with every executor; Ctrl-C
with worker processes ends with one line."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

PIPELINE = """\
plugins: [{plugin}]
quarantine: {out}/quarantine.jsonl
ledger: {out}/ledger.sqlite
batch_size: 8
steps:
  - use: {step}
    timeout: {timeout}
  - use: export
    with: {{format: jsonl, path: {out}/releases.jsonl}}
"""


def hanging_input(tmp_path: Path, au_slice: Path) -> tuple[Path, list[str]]:
    rows = [json.loads(line) for line in au_slice.read_text().splitlines()][:40]
    for index in (3, 17, 18):
        rows[index]["text"] += "\n\nHANGME"
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path, [rows[i]["id"] for i in (3, 17, 18)]


@pytest.mark.parametrize(("step", "executor"), [
    ("hang", "-w1"), ("hang", "-w2"), ("hangbatch", "-w1"), ("hangbatch", "-w2"), ("hang", "dask")])
def test_a_hung_document_times_out_and_the_run_goes_on(
        tmp_path: Path, repo: Path, au_slice: Path, step: str, executor: str) -> None:
    source, hanging = hanging_input(tmp_path, au_slice)
    pipeline = tmp_path / "p.yaml"
    pipeline.write_text(PIPELINE.format(plugin=repo / "tests" / "data" / "plugins" / "hang.py", out=tmp_path / "out",
                                        step=step, timeout=0.5))
    args = ["--executor", "dask", "--workers", "2"] if executor == "dask" else [f"--workers={executor[2:]}"]
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "pressroom.core.cli", "run", str(pipeline), "--input",
                             str(source), "-q", *args], capture_output=True, text=True, timeout=300)
    assert time.monotonic() - started < 120  # the step itself would sleep for an hour per hanging document
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    quarantined = [json.loads(line) for line in (tmp_path / "out" / "quarantine.jsonl").read_text().splitlines()]
    assert [(q["id"], q["step"], q["error"]) for q in quarantined] == [
        (doc_id, step, "timed out after 0.5 s") for doc_id in hanging]
    written = [json.loads(line) for line in (tmp_path / "out" / "releases.jsonl").read_text().splitlines()]
    assert len(written) == 37 and all(d["metadata"]["passed"] == step for d in written)
    assert not set(hanging) & {d["id"] for d in written}


def test_the_default_pipeline_limits_every_processing_step(repo: Path) -> None:
    config = yaml.safe_load((repo / "configs" / "releases.yaml").read_text())
    processing = [step for step in config["steps"] if step["use"] != "export"]
    assert processing and all(step.get("timeout", 0) > 0 for step in processing)


def test_ctrl_c_with_two_workers_says_one_line(tmp_path: Path, repo: Path, au_slice: Path) -> None:
    out = tmp_path / "out"
    pipeline = tmp_path / "p.yaml"
    pipeline.write_text(f"""\
plugins: [{repo / "tests" / "data" / "plugins" / "slowtag.py"}]
quarantine: {out}/quarantine.jsonl
ledger: null
batch_size: 4
steps:
  - use: slowtag
    with: {{pause: 0.005}}
  - use: export
    with: {{format: sqlite, path: {out}/releases.db}}
""")
    chance = random.Random(14)
    for attempt in range(4):
        # Started in a session of its own, as a shell starts a job; Ctrl-C signals the whole process group.
        run = subprocess.Popen([sys.executable, "-m", "pressroom.core.cli", "run", str(pipeline), "--input",
                                str(au_slice), str(au_slice), str(au_slice), "--workers", "2", "-q", "--force"],
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
        deadline = time.monotonic() + 60
        while not (out / ".releases.db.lock").exists():  # the run has started: past Python's own start-up
            assert run.poll() is None and time.monotonic() < deadline
            time.sleep(0.005)
        time.sleep(chance.uniform(0.0, 0.4))
        os.killpg(run.pid, signal.SIGINT)
        _, log = run.communicate(timeout=60)
        if (out / "releases.db").exists():
            # The run had published its output when the signal came (Python exits silently on it then).
            assert run.returncode in (0, -signal.SIGINT) and log == "", (attempt, run.returncode, log)
            (out / "releases.db").unlink()
            continue
        assert (run.returncode, log) == (130, "pressroom: interrupted; no output was replaced\n"), attempt
