"""What every executor does: set steps up where they run, process chunks, yield results in input order."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pressroom.core.document import Document
from pressroom.core.ledger import Digests, content_hash, payload_digest
from pressroom.core.packed import document_bytes, document_from_json
from pressroom.core.processing import Outcome, process_chunk
from pressroom.core.stats import StepStats
from pressroom.core.step import Step

if TYPE_CHECKING:
    from pressroom.core.errors import InputError
    from pressroom.core.executors.input_lines import Read

T = TypeVar("T")
ChunkResult = tuple[list[Outcome], dict[str, StepStats]]
#: What a worker computes of each processed document for an output written in the main process
#: (``pressroom.core.writer.Preparer``); None for an output that needs nothing computed.
Prepare = Callable[[Document], Any] | None


@dataclass
class PackedChunk:
    """One chunk's results, in input order, as they come back from where the chunk ran.

    A processed document may be its JSON (UTF-8 bytes), as a worker sends it: pydantic's Rust serializer is
    several times cheaper than pickling nested models, and the worker's share of the cost is what limits parallel
    speed-up. ``digests``, when the run keeps a ledger and the chunk ran elsewhere, are what the ledger keys and
    checks the results on, computed there too: the main process hashes no document itself. ``prepared``, when
    the run asked for it: for each outcome that is a document, what each ``prepare`` function made of it.
    ``read``, when the chunk was read where it ran (``pressroom.core.executors.input_lines``): what the main
    process accounts for of each record, a document's id and source or the line's error."""

    outcomes: list[bytes | Outcome]
    stats: dict[str, StepStats]
    digests: Digests | None = None
    prepared: list[tuple[Any, ...] | None] | None = None
    read: list[Read | InputError] | None = None


def run_packed(steps: Sequence[Step], chunk: Sequence[Document], digests: bool,
               prepare: Sequence[Prepare] = (), read: list[Read | InputError] | None = None) -> PackedChunk:
    """A worker's part: process the chunk, send each document as its JSON, (``digests``) what the ledger needs
    of each input and each result, what the ``prepare`` functions make of each document, and (``read``) what the
    main process accounts for of the records, when the worker read them itself."""
    contents = [content_hash(doc) for doc in chunk] if digests else []  # before any step sees the documents
    outcomes, stats = process_chunk(steps, chunk)
    packed: list[bytes | Outcome] = [document_bytes(o) if isinstance(o, Document) else o for o in outcomes]
    prepared = [tuple(None if p is None else p(o) for p in prepare) if isinstance(o, Document) else None
                for o in outcomes] if prepare else None
    payloads = [payload_digest(o) if isinstance(o, bytes) else None for o in packed] if digests else []
    return PackedChunk(packed, stats, Digests(contents, payloads) if digests else None, prepared, read)


def joined(parts: Sequence[PackedChunk]) -> PackedChunk:
    """The results of consecutive pieces of a chunk, as those of the whole chunk (the first piece's counts take
    the others'; what the main process accounts for of the records, when the pieces were read where they ran)."""
    first, *rest = parts
    for part in rest:
        for step_id, step_stats in part.stats.items():
            first.stats[step_id].merge(step_stats)
    digests = prepared = read = None
    if first.digests is not None:
        every = _each([part.digests for part in parts])
        digests = Digests([d for ds in every for d in ds.contents], [d for ds in every for d in ds.payloads])
    if first.prepared is not None:
        prepared = [p for part in _each([part.prepared for part in parts]) for p in part]
    if first.read is not None:
        read = [r for part in _each([part.read for part in parts]) for r in part]
    return PackedChunk([o for part in parts for o in part.outcomes], first.stats, digests, prepared, read)


def _each(values: Sequence[T | None]) -> list[T]:
    """What every piece of a chunk has, as the first has it: the pieces ran with the same request."""
    present = [value for value in values if value is not None]
    if len(present) != len(values):
        raise ValueError("the pieces of one chunk came back with and without digests, prepared values or read records")
    return present


def unpacked(outcomes: Sequence[bytes | Outcome]) -> list[Outcome]:
    """The documents rebuilt; each keeps its JSON, which the JSONL writer reuses (``core.packed``)."""
    return [document_from_json(o) if isinstance(o, bytes) else o for o in outcomes]


class Executor:
    """Runs ``process_chunk(steps, chunk)`` for each chunk; results come back in the order of ``chunks``.

    A processed document may come back as its JSON, as a worker sent it: the caller rebuilds it (``unpacked``)
    only where a step of its own needs it, so that a run whose outputs the workers write (sharded) never does.
    With ``digests``, an executor whose chunks run in other processes sends the ledger's digests along; with
    ``prepare``, what those functions make of each processed document (``run_packed``). An executor whose
    documents stay objects in the calling process (``LocalExecutor``) needs neither.

    Implementations run their copy of the steps through a ``Lifecycle`` (``pressroom.core.lifecycle``) in each
    process: set up once before the first chunk, closed after the last, or aborted when the run stops early.
    """

    def run(self, steps: Sequence[Step], chunks: Iterable[list[Document]], digests: bool = False,
            prepare: Sequence[Prepare] = ()) -> Generator[PackedChunk, None, None]:
        raise NotImplementedError

    def wait(self) -> None:
        """Wait until the workers of a complete run have closed their steps and ended. ``run`` may end without
        waiting for them (they have no result left to give), so that the caller publishes its outputs meanwhile."""
