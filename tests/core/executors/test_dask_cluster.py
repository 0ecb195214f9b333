"""The local Dask cluster runs out of the main process, which is only its client, and never outlives the run:
not when the run completes, not on Ctrl-C, not when the main process is killed."""

from __future__ import annotations

import json
import os
import pickle
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask extra is installed by `make test`")

import distributed  # noqa: E402
import psutil  # noqa: E402  (a dependency of distributed)

from pressroom.core.executors.dask import TASK_CHUNKS, TASK_DOCUMENTS, LocalClusterProcess, Task, tasks  # noqa: E402
from pressroom.core.packed import document_bytes  # noqa: E402
from pressroom.core.readers import JsonlReader  # noqa: E402


def test_the_scheduler_and_the_workers_run_in_other_processes(tmp_path: Path) -> None:
    cluster = LocalClusterProcess(2)
    with cluster, distributed.Client(cluster.address) as client:
        client.wait_for_workers(2)
        scheduler = client.run_on_scheduler(os.getpid)
        workers = set(client.run(os.getpid).values())
        assert len(workers) == 2 and os.getpid() not in {scheduler, *workers}
        assert scheduler == cluster.process.pid
    assert cluster.process.returncode == 0
    assert not [pid for pid in (scheduler, *workers) if psutil.pid_exists(pid)]


def test_tasks_carry_one_chunk_until_the_workers_are_busy_then_several(au_slice: Path) -> None:
    with open(au_slice, "rb") as stream:
        docs = list(JsonlReader().read(stream, str(au_slice)))
    chunks = [docs[start:start + 10] for start in range(0, len(docs), 10)]  # 12 chunks of 10 releases
    grouped = list(tasks(chunks, 4))
    assert [chunk for task in grouped for chunk in task] == chunks  # every chunk, in input order
    assert [len(task) for task in grouped] == [1, 1, 1, 1, 8]  # 80 documents: fewer than TASK_DOCUMENTS
    assert TASK_DOCUMENTS == 256
    assert [len(task) for task in tasks([docs[:100]] * 10, 2)] == [1, 1, 3, 3, 2]  # 300 documents a task
    # Chunks the ledger answered entirely are empty: a task takes no more than TASK_CHUNKS of them.
    assert [len(task) for task in tasks([[]] * 40, 2)] == [1, 1, TASK_CHUNKS, TASK_CHUNKS, 40 - 2 - 2 * TASK_CHUNKS]



def test_a_task_gives_its_chunks_back_as_they_were(au_slice: Path) -> None:
    with open(au_slice, "rb") as stream:
        docs = list(JsonlReader().read(stream, str(au_slice)))
    docs[3] = docs[3].model_copy(update={"text": "two lines\n\nand a \u2028 separator", "metadata": {"n": 1.5}})
    chunks = [docs[:5], [], docs[5:60], [], docs[60:]]  # a chunk the ledger answered entirely is empty
    rebuilt = [docs for docs, read in pickle.loads(pickle.dumps(Task(chunks))).chunks() if read is None]
    assert [len(chunk) for chunk in rebuilt] == [5, 0, 55, 0, len(docs) - 60]
    assert [doc for chunk in rebuilt for doc in chunk] == docs
    # each keeps the JSON it came as, which its content hash reads: the same bytes the main process would make
    assert [document_bytes(doc) for chunk in rebuilt for doc in chunk] == [document_bytes(doc) for doc in docs]
    assert list(Task([[], []]).chunks()) == [([], None), ([], None)]

def started_run(tmp_path: Path, repo: Path, au_slice: Path) -> tuple[subprocess.Popen[str], list[psutil.Process]]:
    """A dask run of 2 workers, once its cluster is up: the run's process and the cluster's processes."""
    out = tmp_path / "out"
    pipeline = tmp_path / "p.yaml"  # JSON is YAML
    pipeline.write_text(json.dumps({
        "plugins": [str(repo / "tests" / "data" / "plugins" / "slowtag.py")], "ledger": None, "batch_size": 4,
        "quarantine": f"{out}/quarantine.jsonl",
        "steps": [{"use": "slowtag", "with": {"pause": 0.05}},
                  {"use": "export", "with": {"format": "jsonl", "path": f"{out}/releases.jsonl", "shards": True}}]}))
    # Started in a session of its own, as a shell starts a job; Ctrl-C signals the whole process group.
    run = subprocess.Popen([sys.executable, "-m", "pressroom.core.cli", "run", str(pipeline), "--input",
                            *[str(au_slice)] * 3, "--executor", "dask", "--workers", "2", "-q", "--force"],
                           stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not list(out.glob(".releases.jsonl.*.parts/*")):  # the workers have written a part
        assert run.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    cluster = psutil.Process(run.pid).children(recursive=True)
    assert len(cluster) >= 3  # the cluster's process and its 2 workers
    return run, cluster


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGKILL])
def test_the_cluster_ends_with_the_run_on_ctrl_c_and_when_the_run_is_killed(
        tmp_path: Path, repo: Path, au_slice: Path, sent: signal.Signals) -> None:
    run, cluster = started_run(tmp_path, repo, au_slice)
    time.sleep(random.Random(12).uniform(0.0, 1.0))
    os.killpg(run.pid, sent)
    _, log = run.communicate(timeout=60)
    if sent == signal.SIGINT:
        assert (run.returncode, log) == (130, "pressroom: interrupted; no output was replaced\n")
    else:
        assert run.returncode == -signal.SIGKILL
    _, alive = psutil.wait_procs(cluster, timeout=30)
    assert not alive
    assert not (tmp_path / "out" / "releases.jsonl").exists()
