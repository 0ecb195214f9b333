"""Expand input paths (files, folders, glob patterns, ``-`` for stdin) and read them with the right reader."""

from __future__ import annotations

import contextlib
import fnmatch
import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import PurePath
from typing import BinaryIO, cast

from pressroom.core.errors import ConfigError, InputError
from pressroom.core.readers import compressed
from pressroom.core.readers.base import Reader, Record
from pressroom.core.readers.jsonl import JsonlReader, record_line

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")
_HEAD_BYTES = 2048
_BOM = b"\xef\xbb\xbf"


def expand(paths: Iterable[str]) -> list[str]:
    """Every input file once, in a stable order; raises ConfigError naming paths that match nothing.

    Folders are read recursively and patterns may use ``**``; both skip hidden files and folders, follow
    symbolic links, and visit each real file once however many links lead to it (a link loop ends).
    """
    files: list[str] = []
    missing = []
    seen: set[tuple[int, int]] = set()
    for path in paths:
        if path == STDIN:
            files.append(STDIN)
            continue
        if _GLOB_CHARS & set(path):
            found, problem = _glob(path), "the pattern matches no file"
        elif os.path.isdir(path):
            found, problem = _walk(path, ("**", "*")), "the folder has no files"
        elif os.path.isfile(path):
            found, problem = [path], ""
        else:
            found, problem = [], "no such file or folder"
        fresh = [file for file in sorted(found) if _first_visit(file, seen)]
        files.extend(fresh) if found else missing.append(f"{path}: {problem}")
    if missing:
        raise ConfigError([f"input {m}" for m in missing])
    return files


def _first_visit(path: str, seen: set[tuple[int, int]]) -> bool:
    try:
        status = os.stat(path)
    except OSError:  # gone since it was listed: reading it reports that
        return True
    key = (status.st_dev, status.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _glob(pattern: str) -> list[str]:
    parts = pattern.split(os.sep)
    first_magic = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
    root = os.sep.join(parts[:first_magic]) or (os.sep if pattern.startswith(os.sep) else "")
    if root and not os.path.isdir(root):
        return []
    return _walk(root, tuple(part for part in parts[first_magic:] if part))


def _walk(root: str, parts: Sequence[str]) -> list[str]:
    if parts[-1] == "**":
        parts = (*parts, "*")
    return [path for path in _matches(root, parts, set()) if os.path.isfile(path)]


def _matches(directory: str, parts: Sequence[str], entered: set[tuple[int, int, int]]) -> Iterator[str]:
    """Paths under ``directory`` matching the pattern ``parts`` (glob's rules); ``**`` enters a real folder at
    most once per remaining pattern, which ends symbolic link loops."""
    part, rest = parts[0], parts[1:]
    if part == "**":
        status = os.stat(directory or ".")
        key = (status.st_dev, status.st_ino, len(rest))
        if key in entered:
            return
        entered.add(key)
        yield from _matches(directory, rest, entered)
        for path, entry in _entries(directory):
            if not entry.name.startswith(".") and _is_dir(entry):
                yield from _matches(path, parts, entered)
    elif _GLOB_CHARS & set(part):
        for path, entry in _entries(directory):
            if fnmatch.fnmatchcase(entry.name, part) and (part.startswith(".") or not entry.name.startswith(".")):
                if not rest:
                    yield path
                elif _is_dir(entry):
                    yield from _matches(path, rest, entered)
    else:
        path = os.path.join(directory, part)
        if not rest:
            yield path
        elif os.path.isdir(path):
            yield from _matches(path, rest, entered)


def _entries(directory: str) -> list[tuple[str, os.DirEntry[str]]]:
    """The folder's entries with their paths, relative like ``directory`` ("" is the working directory)."""
    try:
        with os.scandir(directory or ".") as entries:
            return [(os.path.join(directory, entry.name), entry) for entry in entries]
    except OSError:  # an unreadable folder is skipped, as glob does
        return []


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def choose_reader(path: str, head: bytes, readers: Mapping[str, type[Reader]]) -> type[Reader] | None:
    """The first reader taking the file's extension, else the first recognizing its content."""
    suffix = PurePath(path).suffix.lower()
    head = head.removeprefix(_BOM)
    return (next((r for r in readers.values() if r.accepts(suffix, head)), None)
            or next((r for r in readers.values() if r.sniff(head)), None))


def read_all(paths: Iterable[str], readers: Mapping[str, type[Reader]], fmt: str = "auto") -> Iterator[Record]:
    """Yield every record of every input; stdin is JSONL unless ``fmt`` names another reader.

    Compressed files are decompressed as they are read. A file that holds no document, a reader that fails
    and damaged compressed data each give an InputError naming the file; the other inputs carry on.
    """
    for path in expand(paths):
        source = "<stdin>" if path == STDIN else path
        with _opened(path) as opened:
            if isinstance(opened, InputError):
                yield opened
                continue
            stream, name, head, kind = opened
            reader = _reader_for(path, name, head, readers, fmt)
            if isinstance(reader, InputError):
                yield reader
                continue
            count = 0
            try:
                for record in reader().read(stream, source):
                    count += 1
                    yield record
            except Exception as exc:  # one file must never end the run
                count += 1
                if kind and compressed.is_damage(exc):
                    yield compressed.damaged(kind, exc, source)
                else:
                    yield InputError(f"the {reader.name} reader failed: {type(exc).__name__}: {exc}",
                                     source=source)
            if count == 0 and path != STDIN:
                yield InputError("empty file; remove it or give it content", source=source)


def count_documents(paths: Iterable[str], readers: Mapping[str, type[Reader]], fmt: str = "auto") -> int | None:
    """How many documents the inputs hold (lines of JSONL files, items of feeds, one per other file), for
    progress; None for stdin."""
    files = expand(paths)
    if STDIN in files:
        return None
    total = 0
    for path in files:
        with _opened(path) as opened:
            if isinstance(opened, InputError):
                total += 1
                continue
            stream, name, head, _ = opened
            reader = _reader_for(path, name, head, readers, fmt)
            try:
                total += 1 if isinstance(reader, InputError) else max(reader.count(stream), 1)
            except Exception:  # reading the file reports it
                total += 1
    return total


def readable_by_path(path: str, readers: Mapping[str, type[Reader]], fmt: str = "auto") -> bool:
    """Whether another process on this machine reads the records of the input ``path`` (one of ``expand``'s)
    by opening ``os.path.realpath(path)`` itself: a regular file, uncompressed, that the built-in JSONL reader
    reads and that holds a record. Not stdin, nor the pipes, terminals and devices that ``/dev/stdin`` or
    ``/dev/fd/N`` name (each process's own), nor an empty file (reading reports it)."""
    if path == STDIN:
        return False
    try:
        named, found = os.stat(path), os.stat(os.path.realpath(path))
    except OSError:
        return False  # reading reports it
    if not stat.S_ISREG(found.st_mode) or (named.st_dev, named.st_ino) != (found.st_dev, found.st_ino):
        return False
    with _opened(path) as opened:
        if isinstance(opened, InputError):
            return False
        stream, name, head, kind = opened
        if kind is not None or name != path or _reader_for(path, name, head, readers, fmt) is not JsonlReader:
            return False
        return any(record_line(line, lineno) for lineno, line in enumerate(stream, start=1))


@contextlib.contextmanager
def _opened(path: str) -> Iterator[tuple[BinaryIO, str, bytes, str | None] | InputError]:
    """The input's stream (decompressed), its name without a compression suffix, its first bytes and its
    compression; or the InputError saying why it cannot be opened."""
    source = "<stdin>" if path == STDIN else path
    kind = None
    with contextlib.ExitStack() as stack:
        try:
            stream: BinaryIO = sys.stdin.buffer if path == STDIN else stack.enter_context(open(path, "rb"))
            head, stream = _peek(stream)
            kind = compressed.compression(head)
            name = compressed.inner_name(path)
            if kind is None and name != path:
                yield InputError(f"the name ends in {path[len(name):]} but the file is not compressed that way; "
                                 "rename it", source=source)
                return
            if kind is not None:
                stream = stack.enter_context(compressed.decompress(stream, kind, source))
                head, stream = _peek(stream)
        except InputError as exc:
            yield exc
            return
        except Exception as exc:
            yield (InputError(f"cannot read the file: {exc}", source=source) if kind is None
                   else compressed.damaged(kind, exc, source))
            return
        yield stream, name, head, kind


def _peek(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The first bytes of a stream and the stream from its start again (rewound, or replayed when it cannot
    seek, like stdin or a zstd stream)."""
    head = stream.read(_HEAD_BYTES)
    if stream.seekable():
        stream.seek(0)
        return head, stream
    return head, cast(BinaryIO, io.BufferedReader(_Replayed(head, stream)))


class _Replayed(io.RawIOBase):
    """Bytes already read from a stream, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _reader_for(path: str, name: str, head: bytes, readers: Mapping[str, type[Reader]],
                fmt: str) -> type[Reader] | InputError:
    if fmt != "auto":
        return readers[fmt]
    if path == STDIN:
        return readers["jsonl"]
    chosen = choose_reader(name, head, readers)
    if chosen is None:
        return InputError(f"no reader for this file; set input.format to one of: {', '.join(readers)}",
                          source=path)
    return chosen
