"""What every executor does: set steps up where they run, process chunks, yield results in input order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from pressroom.core.document import Document
from pressroom.core.processing import Outcome
from pressroom.core.stats import StepStats
from pressroom.core.step import Step

ChunkResult = tuple[list[Outcome], dict[str, StepStats]]


class Executor:
    """Runs ``process_chunk(steps, chunk)`` for each chunk; results come back in the order of ``chunks``.

    Implementations call ``setup`` on their copy of the steps once per process before the first chunk, and
    ``close`` (or ``abort`` when the run stops early) after the last.
    """

    name = "base"

    def run(self, steps: Sequence[Step], chunks: Iterable[list[Document]]) -> Iterator[ChunkResult]:
        raise NotImplementedError
