"""The base class of input readers: one file (or stdin) in, documents or bad records out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import PurePath
from typing import BinaryIO, ClassVar

from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.preflight import Requirement
from pressroom.core.readers.compressed import inner_name

#: What a reader yields: a document, or the error of a record it could not read (never raised,
#: so one bad record does not stop the rest of the file).
Record = Document | InputError


class Reader:
    """Reads one input. With format ``auto`` the first reader that ``accepts`` a file's extension reads it; when
    none does, the first that recognizes its content (``sniff``)."""

    name: ClassVar[str]
    description: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    #: Optional extras the reader needs, e.g. ``(Requirement("html", ("trafilatura",)),)``, as steps declare them.
    requires: ClassVar[tuple[Requirement | str, ...]] = ()

    @classmethod
    def accepts(cls, suffix: str, head: bytes) -> bool:
        """Whether this reader takes a file with this suffix whose first bytes are ``head``."""
        return suffix in cls.extensions

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        """Whether a file whose extension no reader takes looks like this format by its first bytes."""
        return False

    @classmethod
    def count(cls, stream: BinaryIO) -> int:
        """How many documents the stream holds, for progress; one unless a file holds several."""
        return 1

    def read(self, stream: BinaryIO, source: str) -> Iterator[Record]:
        raise NotImplementedError


def file_id(source: str) -> str:
    """The id of a one-document file: its name without extension, and without a compression suffix
    (``releases/budget.html.gz`` -> ``budget``)."""
    return PurePath(inner_name(source)).stem


def parse_date(value: object, source: str, raw: str | None = None) -> dt.date | None:
    """A ``YYYY-MM-DD`` string (an ISO datetime is cut to its date) or null, else an InputError."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise InputError(f"date {value!r} is not YYYY-MM-DD; fix it or set it to null", source=source, raw=raw)
