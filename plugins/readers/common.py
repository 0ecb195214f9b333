"""What the readers share: importing an extra with a helpful error, text to paragraphs, dates in headers."""

from __future__ import annotations

import datetime as dt
import email.utils
import importlib
import re
from collections.abc import Iterator
from types import ModuleType
from typing import BinaryIO, ClassVar

from pressroom.core.errors import InputError
from pressroom.core.preflight import Requirement, unmet
from pressroom.core.readers import Reader, Record

_BLANK_LINES = re.compile(r"\n[ \t]*\n")


class ExtraReader(Reader):
    """A reader whose library, the first module of its one requirement, is an optional extra imported when the
    reader first reads a file."""

    requires: ClassVar[tuple[Requirement]]

    def read(self, stream: BinaryIO, source: str) -> Iterator[Record]:
        for requirement, modules in unmet(self.requires):
            yield InputError(f"the {self.name} reader needs {', '.join(modules)}: {requirement.install}",
                             source=source)
            return
        library = importlib.import_module(self.requires[0].modules[0])
        yield from self.read_with(library, stream, source)

    def read_with(self, library: ModuleType, stream: BinaryIO, source: str) -> Iterator[Record]:
        raise NotImplementedError


def paragraphs_from_text(text: str) -> list[str]:
    """Plain text's paragraphs: blocks between blank lines, their lines kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [block.strip() for block in _BLANK_LINES.split(text) if block.strip()]


def header_date(value: str | None) -> dt.date | None:
    """The calendar date of an RFC 2822 (``Mon, 15 Dec 2022 09:00:00 -0500``) or ISO 8601 date, as written in its
    own time zone; None when there is none or it cannot be read."""
    if not value or not value.strip():
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None
