"""Runs every chunk in the calling process: the default, and the reference the others must match."""

from __future__ import annotations

from collections.abc import Generator, Iterable, Sequence

from pressroom.core.document import Document
from pressroom.core.executors.base import Executor, PackedChunk, Prepare
from pressroom.core.processing import process_chunk
from pressroom.core.step import Step
from pressroom.core.lifecycle import steps_set_up


class LocalExecutor(Executor):
    """Documents stay objects; the ledger computes its digests itself, in this same process."""

    def run(self, steps: Sequence[Step], chunks: Iterable[list[Document]], digests: bool = False,
            prepare: Sequence[Prepare] = ()) -> Generator[PackedChunk, None, None]:
        with steps_set_up(steps):
            for chunk in chunks:
                outcomes, stats = process_chunk(steps, chunk)
                yield PackedChunk(list(outcomes), stats)
