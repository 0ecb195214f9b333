"""Runs chunks in N worker processes on this machine; each worker sets the steps up once, and closes them at the
end of a complete run or aborts them when the run stops early. Forked workers inherit the data the steps share
(``Step.load_shared``), read once by the main process; they read plain JSONL inputs themselves (``input_lines``)."""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, cast

from pressroom.core.cache import release_shared
from pressroom.core.document import Document
from pressroom.core.executors.base import PackedChunk, Prepare, joined, run_packed
from pressroom.core.executors.input_lines import Chunk, Lines, LinesExecutor, read_here
from pressroom.core.executors.ordered import in_order
from pressroom.core.lifecycle import Lifecycle, load_shared
from pressroom.core.step import Step

_worker = Lifecycle(())
_prepare: Sequence[Prepare] = ()

#: How long a run that stops early waits for its workers before ending them.
STOP_GRACE_SECONDS = 3.0
#: Chunks submitted per worker ahead of the one the main process waits for: a worker that finishes its chunk takes
#: the next at once, even while the main process writes a slow chunk's outputs or waits for the disk.
CHUNKS_AHEAD_PER_WORKER = 4
#: The run's last chunks (one per worker) are cut into pieces of this many documents: the workers then run out of
#: work within a piece of each other, instead of all but one waiting for the last whole chunk.
TAIL_PIECE_DOCUMENTS = 8


def _start_worker(steps: Sequence[Step], prepare: Sequence[Prepare], stopped_early: Any) -> None:
    global _worker, _prepare
    # Ctrl-C reaches the whole process group; the main process alone decides, and ends the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by the parent while forking us
    _worker = Lifecycle(steps)
    _prepare = prepare
    _worker.setup()
    # Runs when the pool shuts the worker down, after a complete run or one that stopped early.
    multiprocessing.util.Finalize(None, _end_worker, args=(stopped_early,), exitpriority=10)


def _end_worker(stopped_early: Any) -> None:
    if stopped_early.is_set():
        _worker.abort()
    else:
        _worker.close()


def _started() -> None:
    """A task that does nothing: submitted first, it starts the workers (and their set-up) at once."""


def _process(chunk: Chunk, digests: bool) -> PackedChunk:
    if not isinstance(chunk, Lines):
        return run_packed(_worker.steps, chunk, digests, _prepare)
    docs, read = read_here(chunk.records())
    return run_packed(_worker.steps, docs, digests, _prepare, read)


def _holding_ctrl_c(action: Callable[[], Future[Any]]) -> Future[Any]:
    """Python drops a Ctrl-C that arrives while it starts a worker process (in its fork hooks): hold it until the
    worker exists."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return action()
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _unheld(action: Callable[[], Future[Any]]) -> Future[Any]:
    return action()


def with_tail_pieces(chunks: Iterable[Chunk], tail: int) -> Iterator[Sequence[Chunk]]:
    """Each chunk as the pieces to process it in: whole, except the last ``tail`` chunks (known by reading that
    many ahead), cut into pieces of TAIL_PIECE_DOCUMENTS documents (or records)."""
    held: deque[Chunk] = deque()
    for chunk in chunks:
        held.append(chunk)
        if len(held) > tail:
            yield [held.popleft()]
    for chunk in held:
        yield _in_pieces(chunk)


def _in_pieces(chunk: Chunk) -> Sequence[Chunk]:
    if not isinstance(chunk, Lines):
        return [chunk[start:start + TAIL_PIECE_DOCUMENTS] for start in range(0, len(chunk) or 1, TAIL_PIECE_DOCUMENTS)]
    try:
        return chunk.cut(TAIL_PIECE_DOCUMENTS)
    except OSError:
        return [chunk]  # its worker says what became of the file


class _Pieces:
    """The futures of one chunk's pieces, answering as one future with the chunk's results."""

    def __init__(self, futures: list[Future[PackedChunk]]) -> None:
        self.futures = futures

    def result(self) -> PackedChunk:
        return joined([future.result() for future in self.futures])


def _end(workers: Sequence[multiprocessing.process.BaseProcess]) -> None:
    """Give the workers a moment to finish their chunk and abort their steps; end those that do not (a step that
    hangs, or a long chunk after Ctrl-C)."""
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
    for worker in workers:
        if worker.is_alive():
            worker.kill()
            worker.join()


class ProcessExecutor(LinesExecutor):
    #: The workers read plain JSONL inputs themselves (``input_lines``): the main process neither parses the
    #: records nor pickles them to the workers.
    reads_lines = True

    def __init__(self, workers: int) -> None:
        self.workers = workers
        # The pools of complete runs whose workers may still be closing their steps and ending (``wait``).
        self._ending: list[threading.Thread] = []

    def run(self, steps: Sequence[Step], chunks: Iterable[Chunk], digests: bool = False,
            prepare: Sequence[Prepare] = ()) -> Generator[PackedChunk, None, None]:
        # fork shares the parent's imported plugins, including those loaded from .py files.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        if context.get_start_method() == "fork":
            load_shared(steps)  # read once here rather than in every worker
        stopped_early = context.Event()
        pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker,
                                   initargs=(list(steps), list(prepare), stopped_early))
        # The workers start, and set their steps up, while the first chunks are read. With fork the pool starts
        # them all at the first submit; with spawn, one by one as work comes, so any submit may start one.
        submitting = _holding_ctrl_c if context.get_start_method() != "fork" else _unheld
        _holding_ctrl_c(lambda: pool.submit(_started))
        # It collects the results and, once the pool is shut down and the work is done, ends the workers.
        manager = cast(threading.Thread, pool._executor_manager_thread)  # typeshed gives it the wrong type

        def submit(pieces: Sequence[Chunk]) -> _Pieces:
            return _Pieces([submitting(lambda: pool.submit(_process, piece, digests)) for piece in pieces])

        self._again = lambda chunk: submit([chunk]).result()
        try:
            yield from in_order(submit, with_tail_pieces(chunks, self.workers), CHUNKS_AHEAD_PER_WORKER * self.workers)
        except BaseException:
            stopped_early.set()  # before the shutdown: the workers read it as they exit
            # Read now, not at the start: with spawn the pool starts its workers one by one as work comes.
            workers = list(pool._processes.values())
            pool.shutdown(wait=False, cancel_futures=True)
            _end(workers)
            manager.join()  # before the interpreter's exit, which wakes it (and fails if it is closing just then)
            release_shared()
            raise
        finally:
            self._again = None
        # Every result is in: the workers close their steps and end while the caller publishes its outputs.
        pool.shutdown(wait=False)
        self._ending.append(manager)

    def wait(self) -> None:
        while self._ending:
            self._ending.pop().join()  # it ends once every worker has
        release_shared()  # now that no worker shares its pages: freeing them copies none
