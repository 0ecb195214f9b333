"""Runs chunks on a Dask cluster: a running scheduler at ``address``, or a local cluster of worker processes.

The local cluster (its scheduler and the nannies of its workers) runs in a child process of its own, as a separate
scheduler would: the main process is only a client, and its CPU goes to the run's bookkeeping, not to scheduling.
The local cluster's workers also read plain JSONL inputs themselves (``input_lines``): the main process cuts the
files at line ends and accounts for the records it is told of. A cluster at ``address`` may not see this machine's
files: the main process reads the inputs and sends the documents.
Needs the optional extra ``pressroom[dask]``; ``distributed`` is imported only when this executor runs.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Generator, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from pressroom.core.document import Document
from pressroom.core.errors import ConfigError, InputError, PressroomError
from pressroom.core.executors.base import PackedChunk, Prepare, run_packed
from pressroom.core.executors.input_lines import Chunk, Lines, LinesExecutor, Read, read_here
from pressroom.core.executors.ordered import in_order
from pressroom.core.lifecycle import Lifecycle
from pressroom.core.packed import document_bytes, document_from_json
from pressroom.core.preflight import Requirement
from pressroom.core.step import Step

# Steps already set up in this worker process (and the run's prepare functions), by run token: set up once per
# worker, not per chunk.
_ready: dict[str, tuple[Lifecycle, Sequence[Prepare]]] = {}


#: A task carries chunks until it holds this many documents (or TASK_CHUNKS chunks, when the ledger answers for
#: most documents): each task costs the client a few milliseconds of CPU whatever its size, and a chunk of the
#: default 64 releases keeps a worker busy for only about a third of a second.
TASK_DOCUMENTS = 256
TASK_CHUNKS = 16


class Task:
    """A task's chunks as one object that Dask does not look into (it walks the lists among a task's arguments
    element by element, for futures to resolve). A chunk is either ``Lines`` of the input files, which the worker
    reads itself, or documents, which travel as one block of JSON lines: pydantic's Rust serializer costs the
    main process about 0.010 s per 1,000 releases where pickling the models cost 0.018 s, and the block pickles as
    one copy. A document's JSON has no raw line break (JSON escapes them in strings). A document whose metadata
    JSON would not give back as it is (a date, a tuple, a set from a third-party reader) is pickled instead, so
    that the steps see what they see with the other executors."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.shapes = [chunk if isinstance(chunk, Lines) else len(chunk) for chunk in chunks]
        documents = [doc for chunk in chunks if not isinstance(chunk, Lines) for doc in chunk]
        self.pickled = {index: doc for index, doc in enumerate(documents) if not _json_as_is(doc.metadata)}
        self.documents = b"\n".join(b"" if index in self.pickled else document_bytes(doc)
                                     for index, doc in enumerate(documents))

    def chunks(self) -> Iterator[tuple[list[Document], list[Read | InputError] | None]]:
        """The chunks as they were, each with what the main process accounts for of the records the worker read
        (None for documents it was given); each document given as JSON keeps that JSON (``core.packed``), which
        its content hash for the ledger reads."""
        lines = enumerate(self.documents.split(b"\n") if self.documents else ())
        for shape in self.shapes:
            if isinstance(shape, Lines):
                yield read_here(shape.records())
            else:
                yield [self.pickled[index] if index in self.pickled else document_from_json(line)
                       for index, line in islice(lines, shape)], None


def _json_as_is(value: Any) -> bool:
    """Whether ``value`` is made of what JSON gives back as it is: str, int, finite float, bool, None, and dicts
    (of str keys) and lists of them."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return True
    if kind is float:
        return math.isfinite(value)
    if kind is dict:
        return all(type(key) is str and _json_as_is(item) for key, item in value.items())
    if kind is list:
        return all(_json_as_is(item) for item in value)
    return False


def _process(token: str, pickled_steps: bytes, task: Task, digests: bool) -> list[PackedChunk] | PressroomError:
    """The task's results; or a ``PressroomError`` that stops the run (any: a piece of an input changed since it
    was cut, ``input_lines``, or one a step raises), returned rather than raised: the cluster logs a raised one as
    a failed task, with its traceback, on the user's terminal before the run's own clear message."""
    if token not in _ready:
        import cloudpickle  # type: ignore[import-untyped]

        steps, prepare = cloudpickle.loads(pickled_steps)
        lifecycle = Lifecycle(steps)
        lifecycle.setup()
        _ready[token] = lifecycle, prepare
    lifecycle, prepare = _ready[token]
    results = []
    try:
        for chunk, read in task.chunks():
            results.append(run_packed(lifecycle.steps, chunk, digests, prepare, read))
    except PressroomError as stop:
        return stop
    return results


def _results(returned: list[PackedChunk] | PressroomError) -> list[PackedChunk]:
    if isinstance(returned, PressroomError):
        raise returned
    return returned


def tasks(chunks: Iterable[Chunk], single: int) -> Iterator[list[Chunk]]:
    """The chunks, grouped into tasks: the first ``single`` tasks take one chunk each, so that a short run is
    spread over the workers too; then each takes chunks up to TASK_DOCUMENTS documents (or records) or TASK_CHUNKS
    chunks."""
    it = iter(chunks)
    for chunk in islice(it, single):
        yield [chunk]
    group: list[Chunk] = []
    documents = 0
    for chunk in it:
        group.append(chunk)
        documents += len(chunk)
        if documents >= TASK_DOCUMENTS or len(group) >= TASK_CHUNKS:
            yield group
            group, documents = [], 0
    if group:
        yield group


def _finish(token: str, complete: bool) -> None:
    """Close this worker's steps after a complete run; abort them when the run stopped early."""
    lifecycle, _ = _ready.pop(token, (None, ()))
    if lifecycle is not None and complete:
        lifecycle.close()
    elif lifecycle is not None:
        lifecycle.abort()


def import_distributed() -> Any:
    # distributed imports NumPy, when it is installed, only to allocate the buffers it receives messages into
    # (uninitialised rather than zeroed): a third of its import time, which a client of 64-document chunks does not
    # need back. NumPy stays importable for everything else: it is kept out during this import alone.
    keep_out = "numpy" not in sys.modules
    if keep_out:
        sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        import distributed
    except ImportError:
        [requirement] = DaskExecutor.requires
        raise ConfigError([f"executor 'dask' needs Dask: {requirement.install}"]) from None
    finally:
        if keep_out:
            del sys.modules["numpy"]
    return distributed


class DaskExecutor(LinesExecutor):
    #: Checked by ``validate`` and before a run reads anything (``pressroom.core.preflight``).
    requires = (Requirement("dask", ("dask", "distributed")),)

    def __init__(self, address: str | None, workers: int) -> None:
        self.address = address
        self.workers = workers
        # The local cluster's workers see this machine's files; a cluster elsewhere may not.
        self.reads_lines = address is None

    def run(self, steps: Sequence[Step], chunks: Iterable[Chunk], digests: bool = False,
            prepare: Sequence[Prepare] = ()) -> Generator[PackedChunk, None, None]:
        distributed = import_distributed()
        pickled_steps = _pickled(steps, prepare)
        with contextlib.ExitStack() as resources:
            if self.address:
                client = resources.enter_context(distributed.Client(self.address))
            else:
                cluster = resources.enter_context(LocalClusterProcess(self.workers))
                client = resources.enter_context(distributed.Client(cluster.address))
                resources.callback(_quiet_cluster, client)
                client.wait_for_workers(self.workers)
            token = uuid.uuid4().hex
            resources.callback(setattr, self, "_again", None)
            try:
                [shared_steps] = client.scatter([pickled_steps], broadcast=True)
                in_flight = 2 * max(1, len(client.scheduler_info()["workers"]))

                def submit(chunks: list[Chunk]) -> Any:
                    return client.submit(_process, token, shared_steps, Task(chunks), digests, pure=False)

                def again(chunk: list[Document]) -> PackedChunk:
                    return _results(submit([chunk]).result())[0]

                self._again = again
                for returned in in_order(submit, tasks(chunks, in_flight), in_flight):
                    yield from _results(returned)
                client.run(_finish, token, True)
            except BaseException:
                with contextlib.suppress(Exception):  # a lost cluster: the error that stopped the run is the one to show
                    client.run(_finish, token, False)
                raise


def _quiet_cluster(client: Any) -> None:
    """The run is over: what the local cluster's processes would log as they shut down (a worker missing the
    scheduler's last heartbeat, a cancelled task after Ctrl-C) is noise."""
    with contextlib.suppress(Exception):
        client.run(logging.disable, logging.CRITICAL)
        client.run_on_scheduler(logging.disable, logging.CRITICAL)  # its process runs the nannies too


class LocalClusterProcess:
    """A Dask ``LocalCluster`` of ``workers`` one-thread worker processes, run by a child process of its own.

    The child prints the scheduler's address, then serves until its stdin closes: when the run ends, or when the
    main process dies however it dies. It runs in a session of its own, so Ctrl-C reaches the main process alone,
    which stops the run (aborting the workers' steps) and then closes the cluster, as it does its own workers."""

    #: How long closing waits for the cluster to shut down before ending it.
    CLOSE_SECONDS = 30.0

    def __init__(self, workers: int) -> None:
        serve = f"from {__name__} import serve_local_cluster; serve_local_cluster({workers})"
        self.process = subprocess.Popen([sys.executable, "-c", serve], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, start_new_session=True)
        assert self.process.stdout is not None
        try:
            self.address = self.process.stdout.readline().strip()
        except BaseException:  # Ctrl-C while the cluster starts
            self.close()
            raise
        if not self.address:
            code = self.process.wait()
            raise PressroomError(f"the local Dask cluster did not start (its process exited with code {code}; "
                                 f"its messages are above)")

    def __enter__(self) -> LocalClusterProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(self.CLOSE_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # its session: the cluster and its workers
            self.process.wait()


def serve_local_cluster(workers: int) -> None:
    """The body of ``LocalClusterProcess``'s child: start the cluster, say where it is, serve until stdin closes."""
    distributed = import_distributed()
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR,
                                  # its HTTP server (health checks) on a free port: 8787 may be another cluster's
                                  scheduler_kwargs={"dashboard_address": ":0"}) as cluster:
        with contextlib.suppress(BrokenPipeError):  # the run is gone already
            os.write(sys.stdout.fileno(), f"{cluster.scheduler_address}\n".encode())
            sys.stdin.read()


def _pickled(steps: Sequence[Step], prepare: Sequence[Prepare]) -> bytes:
    """The steps and prepare functions as cloudpickle bytes. Steps (and writers) from plugin .py files are not
    importable on workers: their code goes along, however deep in a step it is (Dask's own pickling looks at the
    outer object only)."""
    import cloudpickle

    # A part writer (sharded output) and a Preparer carry their format's writer class, which may come from such a
    # file too.
    classes = [type(step) for step in steps] + [getattr(step, "writer_class") for step in (*steps, *prepare)
                                                if hasattr(step, "writer_class")]
    for cls in classes:
        module = sys.modules.get(cls.__module__)
        if module is not None and module.__name__.startswith("pressroom_user_plugin_"):
            cloudpickle.register_pickle_by_value(module)
    return cloudpickle.dumps((list(steps), list(prepare)))  # type: ignore[no-any-return]
