"""Compressed inputs: gzip, bzip2, xz (standard library) and zstd (``pressroom[zst]``), decompressed as a stream
so that any reader reads ``releases.jsonl.gz`` in constant memory. Each decompressor's module is imported when a
file needs it."""

from __future__ import annotations

import io
import re
import sys
import zlib
from pathlib import PurePath
from typing import Any, BinaryIO, cast

from pressroom.core.errors import InputError
from pressroom.core.preflight import Requirement

# Recognized by their first bytes, so a compressed file is read whatever its name.
_MAGIC = {
    ".gz": re.compile(rb"\x1f\x8b\x08"),
    ".bz2": re.compile(rb"BZh[1-9](1AY&SY|\x17rE8P\x90)"),
    ".xz": re.compile(rb"\xfd7zXZ\x00"),
    ".zst": re.compile(rb"\x28\xb5\x2f\xfd"),
}
SUFFIXES = tuple(_MAGIC)
ZSTD = Requirement("zst", ("zstandard",))


def compression(head: bytes) -> str | None:
    """The suffix of the compression the bytes start with, or None."""
    return next((suffix for suffix, magic in _MAGIC.items() if magic.match(head)), None)


def inner_name(name: str) -> str:
    """The name without its compression suffix: ``releases.jsonl.gz`` -> ``releases.jsonl``."""
    suffix = PurePath(name).suffix.lower()
    return name[: -len(suffix)] if suffix in SUFFIXES else name


def decompress(stream: BinaryIO, kind: str, source: str) -> BinaryIO:
    """A stream of the decompressed bytes; raises InputError when zstd is needed but not installed."""
    if kind == ".gz":
        import gzip

        return cast(BinaryIO, gzip.GzipFile(fileobj=stream, mode="rb"))
    if kind == ".bz2":
        import bz2

        return cast(BinaryIO, bz2.BZ2File(stream))
    if kind == ".xz":
        import lzma

        return cast(BinaryIO, lzma.LZMAFile(stream))
    return cast(BinaryIO, io.BufferedReader(_ZstdReader(stream, source)))


def damaged(kind: str, exc: Exception, source: str) -> InputError:
    return InputError(f"the {kind} data is damaged ({exc}); the documents before the damage were read: "
                      "recompress the file to read the rest", source=source)


def is_damage(exc: Exception) -> bool:
    """Whether a reader's exception comes from damaged compressed data rather than from the reader."""
    lzma = sys.modules.get("lzma")  # not imported: no .xz file was read, and no LZMAError raised
    return (isinstance(exc, (EOFError, OSError, zlib.error)) or (lzma is not None and isinstance(exc, lzma.LZMAError))
            or type(exc).__name__ == "ZstdError")


class _ZstdReader(io.RawIOBase):
    """zstd frames one after another, fed in small pieces so that memory stays bounded; unlike zstandard's own
    stream reader it notices a file cut short."""

    _PIECE = 8192

    def __init__(self, stream: BinaryIO, source: str) -> None:
        try:
            import zstandard
        except ImportError:
            raise InputError(f"reading zstd files needs zstandard: {ZSTD.install}", source=source) from None
        self._new = zstandard.ZstdDecompressor().decompressobj
        self._stream = stream
        self._decompressor = self._new()
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            if self._decompressor.eof and self._decompressor.unused_data:  # a further frame follows
                piece = self._decompressor.unused_data
                self._decompressor = self._new()
            else:
                piece = self._stream.read(self._PIECE)
                if not piece:
                    if not self._decompressor.eof:
                        raise EOFError("the zstd data ends before its end-of-frame marker")
                    return 0
                if self._decompressor.eof:
                    self._decompressor = self._new()
            self._pending = memoryview(self._decompressor.decompress(piece))
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size
