"""The release format: a first line ``date YYYY-MM-DD <title>``, a blank line, then paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.readers.base import Reader, Record, file_id, parse_date
from pressroom.core.readers.text import decode_whole

# Leading white space is allowed: real releases (the seed among them) start with a space.
HEADER = re.compile(r"\s*date\s+(\S+)[ \t]*(.*)")


class ReleaseReader(Reader):
    name = "release"
    description = "first line 'date YYYY-MM-DD <title>', a blank line, then paragraphs; id from the file name"
    extensions = (".txt",)

    @classmethod
    def accepts(cls, suffix: str, head: bytes) -> bool:
        return suffix in cls.extensions and HEADER.match(head.decode("utf-8", errors="replace")) is not None

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return HEADER.match(head.decode("utf-8", errors="replace")) is not None

    def read(self, stream: BinaryIO, source: str) -> Iterator[Record]:
        content = decode_whole(stream.read(), source)
        if isinstance(content, InputError):
            yield content
            return
        header, _, body = content.partition("\n")
        match = HEADER.match(header)
        if match is None:
            yield InputError(f"line 1 is not 'date YYYY-MM-DD <title>': {header[:80]!r}", source=source, raw=content)
            return
        try:
            date = parse_date(match.group(1), f"{source}:1", content)
        except InputError as exc:
            yield exc
            return
        yield Document(id=file_id(source), title=match.group(2).strip(), text=body.strip(),
                       date=date, source=source)
