"""Storage faults end the run with one message naming the path and the cause, keep the previous outputs and leave
nothing half-written; two runs never write the same outputs; duplicate ids follow one policy in every output.

The full disk is real: a small tmpfs when this process may mount one (root), and always a file size limit
(RLIMIT_FSIZE) on the pressroom process, which makes the kernel refuse writes past it.
"""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from pressroom.core.errors import StorageError
from pressroom.core.pipeline import Pipeline
from pressroom.core.runner import Runner

from slowtag_runs import write_pipeline


def corpus(path: Path, au_slice: Path, copies: int) -> Path:
    """The real releases ``copies`` times over with distinct ids."""
    rows = [json.loads(line) for line in au_slice.read_text().splitlines()]
    with open(path, "w") as stream:
        for copy in range(copies):
            for row in rows:
                stream.write(json.dumps({**row, "id": f"{row['id']}-{copy}"}) + "\n")
    return path


def run_cli(*args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "pressroom.core.cli", *args], capture_output=True, text=True,
                          preexec_fn=limited, timeout=300)


def snapshot(out: Path) -> dict[str, object]:
    """What a reader of the outputs sees: the files' bytes, and the SQLite documents."""
    with closing(sqlite3.connect(out / "releases.db")) as db:
        rows = db.execute("SELECT id, text, metadata FROM documents ORDER BY id").fetchall()
    return {"jsonl": (out / "releases.jsonl").read_bytes(), "sqlite": rows,
            "quarantine": (out / "quarantine.jsonl").exists()}


def leftovers(folder: Path) -> list[Path]:
    return sorted([*folder.rglob(".*.tmp"), *folder.rglob(".*.lock")])


def can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.fixture
def mounts() -> Iterator[Callable[..., Path]]:
    """Mount a tmpfs: ``mount(path, size="2m", read_only=False)``; unmounted after the test."""
    mounted: list[Path] = []

    def mount(path: Path, size: str = "2m", read_only: bool = False) -> Path:
        path.mkdir(exist_ok=True)
        options = f"size={size}" + (",ro" if read_only else "")
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True)
        if result.returncode != 0:
            pytest.fail(f"cannot mount a tmpfs although running as root: {result.stderr.decode()}")
        mounted.append(path)
        return path

    yield mount
    for path in reversed(mounted):
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], check=True)


DISKS = ["file size limit", pytest.param("tmpfs", marks=pytest.mark.skipif(
    not can_mount(), reason="mounting a tmpfs needs root; the file size limit case runs everywhere"))]


@pytest.mark.parametrize("disk", DISKS)
def test_full_disk_stops_the_run_and_keeps_the_previous_outputs(
        tmp_path: Path, repo: Path, au_slice: Path, mounts: Callable[..., Path], disk: str) -> None:
    out = mounts(tmp_path / "disk", size="3m") if disk == "tmpfs" else tmp_path / "disk"
    pipeline = write_pipeline(tmp_path, repo, out, batch_size=16)
    small, big = corpus(tmp_path / "small.jsonl", au_slice, 1), corpus(tmp_path / "big.jsonl", au_slice, 8)
    lines = small.read_text().splitlines()[:20]
    small.write_text("\n".join(lines) + "\n")
    first = run_cli("run", str(pipeline), "--input", str(small), "-q")
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    assert len(before["sqlite"]) == 20  # type: ignore[arg-type]
    files = [out / "releases.jsonl", out / "releases.db"]
    old_bytes = {p.name: p.read_bytes() for p in files}

    limit = 1_500_000 if disk == "file size limit" else None
    full = run_cli("run", str(pipeline), "--input", str(big), "-q", limit=limit)
    assert full.returncode == 1
    message = full.stderr.strip()
    assert "\n" not in message and "Traceback" not in message, message
    cause = "the disk is full" if disk == "tmpfs" else "the file grew larger than this system allows"
    assert message.startswith(f"pressroom: cannot write {out}/") and cause in message, message
    assert "no output was replaced and nothing was quarantined" in message
    assert {p.name: p.read_bytes() for p in files} == old_bytes
    assert leftovers(tmp_path) == [] and not (out / "quarantine.jsonl").exists()
    if disk == "tmpfs":
        remount(out, "size=64m")  # SQLite readers need room for the shared-memory file of a WAL database
    # SQLite rolled its transaction back: no document was committed one by one after it.
    assert snapshot(out) == before

    again = run_cli("run", str(pipeline), "--input", str(big), "-q")
    assert again.returncode == 0, again.stderr
    ids = [json.loads(line)["id"] for line in (out / "releases.jsonl").read_text().splitlines()]
    assert len(ids) == len(set(ids)) == 960
    assert len(snapshot(out)["sqlite"]) == 960  # type: ignore[arg-type]


def set_read_only(folder: Path, mounted: bool, read_only: bool) -> None:
    if mounted:
        remount(folder, "ro" if read_only else "rw")
    else:
        folder.chmod(0o555 if read_only else 0o755)


def file_bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("releases.jsonl", "releases.db", "ledger.sqlite")}


@pytest.mark.skipif(os.geteuid() == 0 and not can_mount(), reason="root ignores folder permissions")
def test_read_only_output_folder(tmp_path: Path, repo: Path, au_slice: Path, mounts: Callable[..., Path]) -> None:
    mounted = can_mount()
    out = mounts(tmp_path / "out", size="16m") if mounted else tmp_path / "out"
    pipeline = Pipeline.from_file(write_pipeline(tmp_path, repo, out, batch_size=16))
    Runner(pipeline, [str(au_slice)], log=io.StringIO()).run()
    before, old_bytes = snapshot(out), file_bytes(out)
    set_read_only(out, mounted, True)
    try:
        with pytest.raises(StorageError) as stopped:
            Runner(pipeline, [str(corpus(tmp_path / "in.jsonl", au_slice, 2))], log=io.StringIO()).run()
        cause = "the file system is read-only" if mounted else "permission denied"
        assert str(stopped.value).startswith(f"cannot write {out}/") and cause in str(stopped.value)
        assert file_bytes(out) == old_bytes and leftovers(tmp_path) == []

        # The command line finds it before reading anything (the checks `validate` makes too).
        result = run_cli("run", str(tmp_path / "p.yaml"), "--input", str(au_slice), "-q")
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert f"the folder {out} is not writable" in result.stderr and file_bytes(out) == old_bytes
    finally:
        set_read_only(out, mounted, False)
    assert snapshot(out) == before  # readable again once SQLite may create its shared-memory file


def test_a_file_where_the_output_folder_should_be(tmp_path: Path, repo: Path, au_slice: Path) -> None:
    out = tmp_path / "out"
    pipeline = Pipeline.from_file(write_pipeline(tmp_path, repo, out, batch_size=16))
    out.write_text("not a folder\n")
    with pytest.raises(StorageError, match=f"^cannot write {out}/[a-z.]+: {out} is a file, not a folder"):
        Runner(pipeline, [str(au_slice)], log=io.StringIO()).run()
    assert out.read_text() == "not a folder\n" and leftovers(tmp_path) == []
    result = run_cli("run", str(tmp_path / "p.yaml"), "--input", str(au_slice), "-q")
    assert result.returncode != 0 and "Traceback" not in result.stderr and f"{out} is a file" in result.stderr


def start(pipeline: Path, source: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "pressroom.core.cli", "run", str(pipeline), "--input",
                             str(source), "-q", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while not path.exists():
        assert process.poll() is None and time.monotonic() < deadline, "the first run ended before taking its lock"
        time.sleep(0.02)


def test_a_second_run_into_the_same_outputs_is_refused(tmp_path: Path, repo: Path, au_slice: Path) -> None:
    out = tmp_path / "out"
    pipeline = write_pipeline(tmp_path, repo, out, pause=0.05, batch_size=16)
    first = start(pipeline, au_slice, "--force")
    wait_for(out / ".releases.jsonl.lock", first)
    second = run_cli("run", str(pipeline), "--input", str(au_slice), "-q")
    assert second.returncode == 1
    assert second.stderr.count("\n") == 1 and "Traceback" not in second.stderr
    assert f"is in use by another run (pid {first.pid}: " in second.stderr and "--wait-lock" in second.stderr
    assert first.wait(timeout=120) == 0, first.stderr.read()  # type: ignore[union-attr]
    assert len((out / "releases.jsonl").read_text().splitlines()) == 120
    assert leftovers(tmp_path) == []

    # With --wait-lock the second run waits for the first, then runs.
    first = start(pipeline, au_slice, "--force")
    wait_for(out / ".releases.jsonl.lock", first)
    waiting = start(pipeline, au_slice, "--force", "--wait-lock")
    assert first.wait(timeout=120) == 0
    _, log = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, log
    assert "pressroom: waiting for " in log and f"(pid {first.pid}: " in log
    assert len(snapshot(out)["sqlite"]) == 120 and leftovers(tmp_path) == []  # type: ignore[arg-type]


def report(result: subprocess.CompletedProcess[str], path: Path) -> dict[str, Any]:
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(path.read_text())  # type: ignore[no-any-return]


@pytest.mark.parametrize("policy", ["error", "keep-first"])
def test_duplicate_ids_across_files(tmp_path: Path, repo: Path, au_slice: Path, policy: str) -> None:
    rows = au_slice.read_text().splitlines()
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("\n".join(rows[:60]) + "\n")
    again = {**json.loads(rows[3]), "text": "The same id, another text."}
    second.write_text("\n".join([*rows[60:70], json.dumps(again), *rows[70:]]) + "\n")
    out = tmp_path / "out"
    extra = "" if policy == "error" else f"duplicates: {policy}"
    pipeline = write_pipeline(tmp_path, repo, out, batch_size=16, extra=extra)
    args = ("run", str(pipeline), "--input", str(first), str(second), "--report", str(tmp_path / "r.json"))
    result = run_cli(*args)
    stats = report(result, tmp_path / "r.json")
    assert stats["read"] == 121 and stats["written"] == 120 and stats["balanced"]
    if policy == "error":
        assert result.returncode == 1 and stats["quarantined"] == 1
        [entry] = [json.loads(line) for line in (out / "quarantine.jsonl").read_text().splitlines()]
        assert entry["source"] == f"{second}:11" and entry["step"] == "read"
        assert entry["error"] == (f"duplicate id {again['id']!r}: {first}:4 has it too (duplicates: error); to keep "
                                  "this one as well, give it another id (in the quarantine file, then `pressroom "
                                  "replay` it)")
        assert entry["duplicate_of"] == f"{first}:4"
        assert entry["record"]["text"] == again["text"]
    else:
        assert result.returncode == 0 and stats["dropped"] == 1
        assert stats["dropped_on_input"] == {"duplicate id, an earlier document kept (duplicates: keep-first)": 1}
        assert "dropped on input 1: duplicate id" in result.stderr
    # Every output keeps the first, the same one.
    written = [json.loads(line) for line in (out / "releases.jsonl").read_text().splitlines()]
    assert [d["id"] for d in written].count(again["id"]) == 1
    kept = {d["id"]: d["text"] for d in written}[again["id"]]
    assert kept == json.loads(rows[3])["text"]
    assert dict((i, t) for i, t, _ in snapshot(out)["sqlite"])[again["id"]] == kept  # type: ignore[union-attr]
    # A re-run reprocesses nothing: the ledger remembers the one document of that id.
    rerun = report(run_cli(*args), tmp_path / "r.json")
    assert rerun["reused"] == 120 and rerun["steps"]["slowtag"]["in"] == 0
