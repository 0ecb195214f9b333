"""Pieces of plain JSONL input files that the workers read and parse themselves.

Reading and validating the input costs the main process more than anything else it does for a Dask run (about
half of its CPU per release). When every input is a plain JSONL file on this machine, the main process only cuts
the files at line ends (a ``bytes.find`` per line) and sends each chunk as a ``Lines`` piece: the worker reads its
bytes, parses them as the JSONL reader does, runs the chunk, and sends back what the main process must account for:
each record's id and source (``Read``), or the line's error. Records keep the names they get in the main process
(``file:line`` sources and default ids), so outputs and the quarantine are the same byte for byte.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pressroom.core.document import Document
from pressroom.core.errors import InputError, PressroomError
from pressroom.core.inputs import STDIN, choose_reader, expand
from pressroom.core.readers import compressed
from pressroom.core.readers.base import Reader, Record
from pressroom.core.readers.jsonl import JsonlReader

#: How much of a file the main process holds at a time while it cuts the file into pieces.
BLOCK_BYTES = 1 << 20
_BOM = b"\xef\xbb\xbf"
#: What the main process's reading looks at to choose a file's reader (``pressroom.core.inputs``).
_HEAD_BYTES = 2048
#: A byte that ``bytes.strip`` keeps: a line holding one is a record, not a blank line.
_CONTENT = re.compile(rb"[^ \t\n\r\x0b\x0c]")


class Read(NamedTuple):
    """What the main process keeps of a document a worker read: its id (duplicates, the ledger's rows) and where
    it was read (the duplicates policy's messages)."""

    id: str
    source: str | None


class Unread(NamedTuple):
    """An ``InputError`` as it travels (the exception does not pickle): rebuilt by ``error``."""

    message: str
    source: str
    raw: str | None

    @classmethod
    def of(cls, error: InputError) -> Unread:
        return cls(str(error).removeprefix(f"{error.source}: "), error.source, error.raw)

    def error(self) -> InputError:
        return InputError(self.message, source=self.source, raw=self.raw)


@dataclass(frozen=True)
class Lines:
    """Whole lines of one input file: ``lines`` lines (``size`` records) from byte ``offset`` (line number
    ``first_line``).

    ``path`` is the file as the run names it (records' sources and default ids are made of it); ``opened``, the
    same file as any process on this machine finds it; ``identity`` its device and inode, so that a worker
    never reads another file that has taken its name since."""

    path: str
    opened: str
    identity: tuple[int, int]
    offset: int
    length: int
    first_line: int
    lines: int
    #: the lines that are not blank (a BOM-only first line counts, the one difference to the reader's count)
    size: int

    def __len__(self) -> int:
        return self.size

    def records(self) -> list[Record]:
        """The records of these lines, as ``JsonlReader`` reads them."""
        with open(self.opened, "rb") as stream:
            status = os.fstat(stream.fileno())
            if (status.st_dev, status.st_ino) != self.identity:
                raise PressroomError(f"{self.path}: the input file was replaced while the run read it; run again")
            stream.seek(self.offset)
            data = stream.read(self.length)
        if len(data) != self.length:
            raise PressroomError(f"{self.path}: the input file was cut short while the run read it; run again")
        lines = data.split(b"\n")
        if lines[-1] == b"":
            lines.pop()  # the piece ends with a line end
        last = len(lines) - 1
        records = []
        for index, line in enumerate(lines):
            lineno = self.first_line + index
            if lineno == 1:
                line = line.removeprefix(_BOM)
            if index < last or data.endswith(b"\n"):
                line += b"\n"  # as the reader sees a line: with its end, which an error's raw record keeps
            if line.strip():
                records.append(JsonlReader.parse_line(line, f"{self.path}:{lineno}"))
        return records


def read_here(records: Sequence[Record]) -> tuple[list[Document], list[Read | Unread]]:
    """A worker's part: the documents to process, and what the main process accounts for of every record."""
    return ([record for record in records if isinstance(record, Document)],
            [Read(r.id, r.source) if isinstance(r, Document) else Unread.of(r) for r in records])


def worker_readable(paths: Sequence[str], readers: Mapping[str, type[Reader]], fmt: str) -> list[str] | None:
    """The input files, when every one is a plain (uncompressed) file that the built-in JSONL reader reads and
    that holds a record; else None (stdin, other readers, compressed or empty files: the main process reads)."""
    try:
        files = expand(paths)
    except PressroomError:
        return None  # reading reports it
    for path in files:
        if path == STDIN or compressed.inner_name(path) != path:
            return None
        try:
            with open(path, "rb") as stream:
                head = stream.read(BLOCK_BYTES)
                reader = readers.get(fmt) if fmt != "auto" else choose_reader(path, head[:_HEAD_BYTES], readers)
                if reader is not JsonlReader or compressed.compression(head) is not None:
                    return None
                data = head.removeprefix(_BOM)
                while not _CONTENT.search(data):
                    data = stream.read(BLOCK_BYTES)
                    if not data:
                        return None  # no record: the reader says the file is empty
        except OSError:
            return None
    return files


def pieces(files: Sequence[str], records_per_piece: int) -> Iterator[Lines]:
    """The files cut into pieces of ``records_per_piece`` records (a file's last piece may hold fewer), in
    order: the chunks the main process would read."""
    for path in files:
        with open(path, "rb") as stream:
            status = os.fstat(stream.fileno())
            cut = _Cut(path, os.path.abspath(path), (status.st_dev, status.st_ino))
            held = b""  # the bytes read and not yet in a piece
            while True:
                block = stream.read(BLOCK_BYTES)
                final = not block
                held += block
                start = 0
                while True:
                    end, lines, records = _after_lines(held, start, records_per_piece, final)
                    if lines == 0 or (records < records_per_piece and not final):
                        break
                    yield cut.piece(end - start, lines, records)
                    start = end
                held = held[start:]
                if final:
                    break


class _Cut:
    """Where the next piece of one file starts."""

    def __init__(self, path: str, opened: str, identity: tuple[int, int]) -> None:
        self.path, self.opened, self.identity = path, opened, identity
        self.offset = 0
        self.line = 1

    def piece(self, length: int, lines: int, records: int) -> Lines:
        piece = Lines(self.path, self.opened, self.identity, self.offset, length, self.line, lines, records)
        self.offset += length
        self.line += lines
        return piece


def _after_lines(data: bytes, start: int, count: int, final: bool) -> tuple[int, int, int]:
    """Where the lines holding ``count`` records (blank lines are none) from ``start`` end, how many lines and
    records there are (fewer at the end of ``data``; when ``final``, the end of the file, a last line without
    its line end is one)."""
    position = start
    lines = records = 0
    while records < count:
        found = data.find(b"\n", position)
        if found < 0:
            if final and position < len(data):
                return len(data), lines + 1, records + 1
            break
        if _CONTENT.search(data, position, found):
            records += 1
        lines += 1
        position = found + 1
    return position, lines, records
