"""Pieces of plain JSONL input files that the workers read and parse themselves.

Reading and validating the input costs the main process more than anything else it does for a Dask run (about half
of its CPU per release), and sending the documents to worker processes costs both sides. When every input is a plain
JSONL file on this machine, the main process only cuts the files at line ends and sends each chunk as ``Lines``: the
same ``batch_size`` records the main process would read, across file ends as its reading does. The worker reads
those bytes with ``JsonlReader``, runs the chunk, and sends back what the main process must account for: each
document's id and source (``Read``), or the record's ``InputError``. Records keep the names they get in the main
process (``file:line`` sources and default ids), so outputs and the quarantine are the same byte for byte.

A worker refuses a piece of a file that is gone or changed since the main process cut it (another device, inode,
size or modification time; the piece no longer starting and ending at line ends, or holding another number of
records): the run stops with an error naming the file, where the main process's reading would have read
whatever the file held.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pressroom.core.document import Document
from pressroom.core.errors import InputError, PressroomError
from pressroom.core.executors.base import Executor, PackedChunk, Prepare
from pressroom.core.inputs import expand, readable_by_path
from pressroom.core.readers.base import Reader, Record
from pressroom.core.readers.jsonl import JsonlReader, record_line
from pressroom.core.step import Step


class Read(NamedTuple):
    """What the main process keeps of a document a worker read: its id (duplicates, the ledger's rows) and where
    it was read (the duplicates policy's messages)."""

    id: str
    source: str | None


@dataclass(frozen=True)
class Segment:
    """Whole lines of one input file: ``length`` bytes from byte ``offset`` (line number ``first_line``), holding
    ``records`` records (lines that are not blank).

    ``path`` is the file as the run names it (records' sources and default ids are made of it); ``opened``, the
    same file as any process on this machine finds it; ``identity`` its device, inode, size and modification time
    when the main process opened it."""

    path: str
    opened: str
    identity: tuple[int, int, int, int]
    offset: int
    length: int
    first_line: int
    records: int

    def read(self) -> list[Record]:
        """The records of these lines, as ``JsonlReader`` reads them from the file."""
        start = max(self.offset - 1, 0)  # the line end before the piece, when it does not start the file
        try:
            with open(self.opened, "rb") as stream:
                same = _identity(stream) == self.identity
                stream.seek(start)
                data = stream.read(self.offset + self.length - start)
        except OSError as exc:
            reason = exc.strerror or str(exc) or type(exc).__name__
            raise PressroomError(f"{self.path}: the run cannot read the input file any more ({reason}): it was "
                                 "moved or deleted while the run read it; run again") from None
        ends = self.offset + self.length == self.identity[2] or data.endswith(b"\n")
        if not (same and ends and len(data) == self.offset + self.length - start
                and (start == self.offset or data.startswith(b"\n"))):
            raise self._changed()
        piece = io.BytesIO(data)
        piece.seek(self.offset - start)  # past the line end before the piece
        records = list(JsonlReader().read(piece, self.path, self.first_line))
        if len(records) != self.records:
            raise self._changed()
        return records

    def _changed(self) -> PressroomError:
        return PressroomError(f"{self.path}: the input file changed while the run read it; run again once nothing "
                              "writes to it")


@dataclass(frozen=True)
class Lines:
    """A chunk of records as pieces of the input files, in input order."""

    segments: tuple[Segment, ...]

    def __len__(self) -> int:
        return sum(segment.records for segment in self.segments)

    def records(self) -> list[Record]:
        return [record for segment in self.segments for record in segment.read()]

    def cut(self, records_per_piece: int) -> list[Lines]:
        """These lines as consecutive pieces of ``records_per_piece`` records (the last may hold fewer), read
        again to find the line ends; a piece of a file that changed meanwhile is refused where it is read."""
        return list(_cut(_parts(self.segments), records_per_piece))


def _parts(segments: Sequence[Segment]) -> Iterator[_Source]:
    for segment in segments:
        with open(segment.opened, "rb") as stream:
            stream.seek(segment.offset)
            lines = io.BytesIO(stream.read(segment.length))
        yield segment.path, segment.opened, segment.identity, lines, segment.offset, segment.first_line


#: what an executor that reads lines is given to process: documents, or lines its workers read themselves
Chunk = list[Document] | Lines


class LinesExecutor(Executor):
    """An executor whose workers read ``Lines`` themselves, when it ``reads_lines`` (they see this machine's
    files): ``run`` takes them among the chunks and sends each one's results with ``read``."""

    reads_lines: bool
    #: how ``again`` processes a chunk, set by ``run`` while it is under way
    _again: Callable[[list[Document]], PackedChunk] | None = None

    def run(self, steps: Sequence[Step], chunks: Iterable[Chunk], digests: bool = False,
            prepare: Sequence[Prepare] = ()) -> Generator[PackedChunk, None, None]:
        raise NotImplementedError

    def again(self, chunk: list[Document]) -> PackedChunk:
        """The results of ``chunk``, processed at once while ``run`` is under way: a chunk a worker read holding
        a repeated id (which the main process learns from its results) is processed again without it, so that
        outputs and counts are those of the documents kept."""
        if self._again is None:
            raise RuntimeError(f"{type(self).__name__}.again is for a run under way")
        return self._again(chunk)


def read_here(records: Sequence[Record]) -> tuple[list[Document], list[Read | InputError]]:
    """A worker's part: the documents to process, and what the main process accounts for of every record."""
    return ([record for record in records if isinstance(record, Document)],
            [Read(r.id, r.source) if isinstance(r, Document) else r for r in records])


def worker_readable(paths: Sequence[str], readers: Mapping[str, type[Reader]], fmt: str) -> list[str] | None:
    """The input files, when the workers can read every one themselves (``readable_by_path``); else None (stdin,
    other readers, compressed or empty files: the main process reads)."""
    try:
        files = expand(paths)
    except PressroomError:
        return None  # reading reports it
    return files if all(readable_by_path(path, readers, fmt) for path in files) else None


def pieces(files: Sequence[str], records_per_piece: int) -> Iterator[Lines]:
    """The files cut at line ends into chunks of ``records_per_piece`` records (the last may hold fewer): the
    chunks the main process would read. A file is read once, line by line."""
    return _cut(_whole(files), records_per_piece)


def _whole(files: Sequence[str]) -> Iterator[_Source]:
    for path in files:
        with open(path, "rb") as stream:  # read to its end (``_cut``) before the next is opened
            yield path, os.path.realpath(path), _identity(stream), stream, 0, 1  # as every process finds it


#: Lines to cut: the path as the run names it, the file as every process finds it, its identity, a stream of the
#: lines, their offset in the file, and the number of the first
_Source = tuple[str, str, tuple[int, int, int, int], Iterable[bytes], int, int]


def _cut(sources: Iterable[_Source], records_per_piece: int) -> Iterator[Lines]:
    segments: list[Segment] = []
    records = 0
    for path, opened, identity, stream, offset, first in sources:
        start = offset
        held = 0  # records since ``start``
        for lineno, line in enumerate(stream, start=first):
            offset += len(line)
            if record_line(line, lineno):
                held += 1
                records += 1
                if records == records_per_piece:
                    segments.append(Segment(path, opened, identity, start, offset - start, first, held))
                    yield Lines(tuple(segments))
                    segments, records, held, start, first = [], 0, 0, offset, lineno + 1
        if held:  # trailing blank lines hold no record: no piece reads them
            segments.append(Segment(path, opened, identity, start, offset - start, first, held))
    if segments:
        yield Lines(tuple(segments))


def _identity(stream: io.BufferedReader) -> tuple[int, int, int, int]:
    status = os.fstat(stream.fileno())
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns
