"""Runs chunks in N worker processes on this machine; each worker sets the steps up once."""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from pressroom.core.document import Document
from pressroom.core.executors.base import ChunkResult, Executor, PackedChunkResult, pack, unpack
from pressroom.core.executors.ordered import in_order
from pressroom.core.processing import process_chunk
from pressroom.core.step import Step

_worker_steps: Sequence[Step] = ()


def _start_worker(steps: Sequence[Step]) -> None:
    global _worker_steps
    _worker_steps = steps
    for step in steps:
        step.setup()
    # Runs when the pool shuts the worker down cleanly.
    multiprocessing.util.Finalize(None, _close_worker, exitpriority=10)


def _close_worker() -> None:
    for step in reversed(_worker_steps):
        step.close()


def _process(chunk: list[Document]) -> PackedChunkResult:
    return pack(process_chunk(_worker_steps, chunk))


class ProcessExecutor(Executor):

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def run(self, steps: Sequence[Step], chunks: Iterable[list[Document]]) -> Iterator[ChunkResult]:
        # fork shares the parent's imported plugins, including those loaded from .py files.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker,
                                   initargs=(list(steps),))
        try:
            for packed in in_order(lambda chunk: pool.submit(_process, chunk), chunks, 2 * self.workers):
                yield unpack(packed)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
