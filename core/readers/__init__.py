"""Built-in readers, registered through the same ``pressroom_readers`` hook as a plugin's."""

from __future__ import annotations

from pressroom.core.hookspecs import hookimpl
from pressroom.core.readers.base import Reader, Record, file_id
from pressroom.core.readers.jsonl import JsonlReader
from pressroom.core.readers.release import ReleaseReader
from pressroom.core.readers.text import TextReader

__all__ = ["JsonlReader", "Reader", "Record", "ReleaseReader", "TextReader", "file_id"]


@hookimpl
def pressroom_readers() -> list[type[Reader]]:
    # Order matters for format "auto": the first reader that accepts a file reads it.
    return [ReleaseReader, JsonlReader, TextReader]
