"""Plain text without a header: the whole file is the text, the id is the file name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.readers.base import Reader, Record, file_id


def decode_whole(data: bytes, source: str) -> str | InputError:
    """The UTF-8 text of a one-document file, or the error saying where it is not readable."""
    if not data.strip():
        return InputError("empty file; remove it or give it content", source=source, raw="")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return InputError(f"line {line}: bytes are not UTF-8; re-encode the file as UTF-8",
                          source=source, raw=data.decode("utf-8", errors="replace"))


class TextReader(Reader):
    name = "text"
    description = "plain text; the whole file is the text and the file name is the id"
    extensions = (".txt", ".text", ".md")

    def read(self, stream: BinaryIO, source: str) -> Iterator[Record]:
        content = decode_whole(stream.read(), source)
        if isinstance(content, InputError):
            yield content
        else:
            yield Document(id=file_id(source), text=content.strip(), source=source)
