"""What every executor does: set steps up where they run, process chunks, yield results in input order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from pressroom.core.document import Document
from pressroom.core.packed import keep_json
from pressroom.core.processing import Outcome
from pressroom.core.stats import StepStats
from pressroom.core.step import Step

ChunkResult = tuple[list[Outcome], dict[str, StepStats]]
#: A ChunkResult whose documents travel as JSON: pydantic's Rust serializer is several times cheaper than
#: pickling nested models, and the worker's share of the cost is what limits parallel speed-up.
PackedChunkResult = tuple[list[str | Outcome], dict[str, StepStats]]


def pack(result: ChunkResult) -> PackedChunkResult:
    outcomes, stats = result
    return [o.model_dump_json() if isinstance(o, Document) else o for o in outcomes], stats


def unpacked(outcomes: Sequence[str | Outcome]) -> list[Outcome]:
    """The documents rebuilt; each keeps its JSON, which the ledger and the JSONL writer reuse (``core.packed``)."""
    return [_rebuilt(o) if isinstance(o, str) else o for o in outcomes]


def _rebuilt(text: str) -> Document:
    doc = Document.model_validate_json(text)
    keep_json(doc, text)
    return doc


class Executor:
    """Runs ``process_chunk(steps, chunk)`` for each chunk; results come back in the order of ``chunks``.

    A processed document may come back as its JSON text, as a worker sent it: the caller rebuilds it (``unpacked``)
    only where a step of its own needs it, so that a run whose outputs the workers write (sharded) never does.

    Implementations run their copy of the steps through a ``Lifecycle`` (``pressroom.core.lifecycle``) in each
    process: set up once before the first chunk, closed after the last, or aborted when the run stops early.
    """


    def run(self, steps: Sequence[Step], chunks: Iterable[list[Document]]) -> Iterator[PackedChunkResult]:
        raise NotImplementedError
