"""What every executor does: set steps up where they run, process chunks, yield results in input order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from pressroom.core.document import Document
from pressroom.core.ledger import Digests, content_hash, payload_digest
from pressroom.core.packed import document_bytes, keep_json
from pressroom.core.processing import Outcome, process_chunk
from pressroom.core.stats import StepStats
from pressroom.core.step import Step

ChunkResult = tuple[list[Outcome], dict[str, StepStats]]


@dataclass
class PackedChunk:
    """One chunk's results, in input order, as they come back from where the chunk ran.

    A processed document may be its JSON (UTF-8 bytes), as a worker sends it: pydantic's Rust serializer is
    several times cheaper than pickling nested models, and the worker's share of the cost is what limits parallel
    speed-up. ``digests``, when the run keeps a ledger and the chunk ran elsewhere, are what the ledger keys and
    checks the results on, computed there too: the main process hashes no document itself."""

    outcomes: list[bytes | Outcome]
    stats: dict[str, StepStats]
    digests: Digests | None = None


def run_packed(steps: Sequence[Step], chunk: Sequence[Document], digests: bool) -> PackedChunk:
    """A worker's part: process the chunk, send each document as its JSON, and (``digests``) what the ledger
    needs of each input and each result."""
    contents = [content_hash(doc) for doc in chunk] if digests else []  # before any step sees the documents
    outcomes, stats = process_chunk(steps, chunk)
    packed: list[bytes | Outcome] = [document_bytes(o) if isinstance(o, Document) else o for o in outcomes]
    if not digests:
        return PackedChunk(packed, stats)
    payloads = [payload_digest(o) if isinstance(o, bytes) else None for o in packed]
    return PackedChunk(packed, stats, Digests(contents, payloads))


def unpacked(outcomes: Sequence[bytes | Outcome]) -> list[Outcome]:
    """The documents rebuilt; each keeps its JSON, which the JSONL writer reuses (``core.packed``)."""
    return [_rebuilt(o) if isinstance(o, bytes) else o for o in outcomes]


def _rebuilt(text: bytes) -> Document:
    doc = Document.model_validate_json(text)
    keep_json(doc, text)
    return doc


class Executor:
    """Runs ``process_chunk(steps, chunk)`` for each chunk; results come back in the order of ``chunks``.

    A processed document may come back as its JSON, as a worker sent it: the caller rebuilds it (``unpacked``)
    only where a step of its own needs it, so that a run whose outputs the workers write (sharded) never does.
    With ``digests``, an executor whose chunks run in other processes sends the ledger's digests along.

    Implementations run their copy of the steps through a ``Lifecycle`` (``pressroom.core.lifecycle``) in each
    process: set up once before the first chunk, closed after the last, or aborted when the run stops early.
    """

    def run(self, steps: Sequence[Step], chunks: Iterable[list[Document]],
            digests: bool = False) -> Iterator[PackedChunk]:
        raise NotImplementedError
