"""Runs every chunk in the calling process: the default, and the reference the others must match."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from pressroom.core.document import Document
from pressroom.core.executors.base import Executor, PackedChunkResult
from pressroom.core.processing import Outcome, process_chunk
from pressroom.core.step import Step
from pressroom.core.lifecycle import steps_set_up


class LocalExecutor(Executor):

    def run(self, steps: Sequence[Step], chunks: Iterable[list[Document]]) -> Iterator[PackedChunkResult]:
        with steps_set_up(steps):
            for chunk in chunks:
                outcomes, stats = process_chunk(steps, chunk)
                yield list[str | Outcome](outcomes), stats
