"""Ctrl-C after a run has published its outputs (while the command prints its summary): the outputs are complete,
so `run` ends as the run did, silently; a job says which stages finished. Before, the command said "no output was
replaced" over the outputs it had just written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from slowtag_runs import write_pipeline

# The console script's own code, after the progress display is made to interrupt the process with a real SIGINT when
# a run finishes (the run has published its outputs and restored Ctrl-C by then).
INTERRUPTED_SUMMARY = """
import os
import signal
import sys

from pressroom.core.progress import Progress

Progress.finish = lambda self: os.kill(os.getpid(), signal.SIGINT)
from pressroom.core.cli import main
sys.exit(main())
"""


def _command(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", INTERRUPTED_SUMMARY, *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_ctrl_c_after_the_run_published_ends_as_the_run_did(tmp_path: Path, repo: Path, au_slice: Path) -> None:
    write_pipeline(tmp_path, repo)
    done = _command(tmp_path, "run", "p.yaml", "--input", str(au_slice), "--workers", "2")
    assert (done.returncode, done.stderr) == (0, "")
    written = (tmp_path / "out" / "releases.jsonl").read_text().splitlines()
    assert len(written) == len(au_slice.read_text().splitlines()) == 120


def test_ctrl_c_between_stages_says_which_stages_finished(tmp_path: Path, repo: Path, au_slice: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        write_pipeline(tmp_path / name, repo)
    job = tmp_path / "job.yaml"
    job.write_text(f"""\
stages:
  - name: first
    pipeline: a/p.yaml
    input: [{au_slice}]
    output: {tmp_path}/stage1.jsonl
  - name: second
    pipeline: b/p.yaml
    output: {tmp_path}/stage2.jsonl
""")
    done = _command(tmp_path, "job", "job.yaml")
    assert (done.returncode, done.stderr) == (
        130, "pressroom: stage 1/2 'first': a/p.yaml\n"
             "pressroom: interrupted; the outputs of the 1 stage(s) that finished were written, "
             "no other output was replaced\n")
    assert [json.loads(line)["id"] for line in (tmp_path / "stage1.jsonl").read_text().splitlines()] == [
        json.loads(line)["id"] for line in au_slice.read_text().splitlines()]
    assert not (tmp_path / "stage2.jsonl").exists()
