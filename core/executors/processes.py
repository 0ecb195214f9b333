"""Runs chunks in N worker processes on this machine; each worker sets the steps up once, and closes them at the
end of a complete run or aborts them when the run stops early."""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from pressroom.core.document import Document
from pressroom.core.executors.base import ChunkResult, Executor, PackedChunkResult, pack, unpack
from pressroom.core.executors.ordered import in_order
from pressroom.core.lifecycle import Lifecycle
from pressroom.core.processing import process_chunk
from pressroom.core.step import Step

_worker = Lifecycle(())


def _start_worker(steps: Sequence[Step], stopped_early: Any) -> None:
    global _worker
    _worker = Lifecycle(steps)
    _worker.setup()
    # Runs when the pool shuts the worker down, after a complete run or one that stopped early.
    multiprocessing.util.Finalize(None, _end_worker, args=(stopped_early,), exitpriority=10)


def _end_worker(stopped_early: Any) -> None:
    if stopped_early.is_set():
        _worker.abort()
    else:
        _worker.close()


def _process(chunk: list[Document]) -> PackedChunkResult:
    return pack(process_chunk(_worker.steps, chunk))


class ProcessExecutor(Executor):

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def run(self, steps: Sequence[Step], chunks: Iterable[list[Document]]) -> Iterator[ChunkResult]:
        # fork shares the parent's imported plugins, including those loaded from .py files.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        stopped_early = context.Event()
        pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker,
                                   initargs=(list(steps), stopped_early))
        try:
            for packed in in_order(lambda chunk: pool.submit(_process, chunk), chunks, 2 * self.workers):
                yield unpack(packed)
        except BaseException:
            stopped_early.set()  # before the shutdown: the workers read it as they exit
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
