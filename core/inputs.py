"""Expand input paths (files, folders, glob patterns, ``-`` for stdin) and read them with the right reader."""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from pressroom.core.errors import ConfigError, InputError
from pressroom.core.readers.base import Reader, Record

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")
_HEAD_BYTES = 256


def expand(paths: Iterable[str]) -> list[str]:
    """Every input file, in a stable order; raises ConfigError naming paths that match nothing."""
    files: list[str] = []
    missing = []
    for path in paths:
        if path == STDIN:
            files.append(STDIN)
        elif _GLOB_CHARS & set(path):
            matches = sorted(p for p in glob.glob(path, recursive=True) if os.path.isfile(p))
            files.extend(matches) if matches else missing.append(f"{path}: the pattern matches no file")
        elif os.path.isdir(path):
            found = sorted(str(p) for p in Path(path).rglob("*") if p.is_file() and not p.name.startswith("."))
            files.extend(found) if found else missing.append(f"{path}: the folder has no files")
        elif os.path.isfile(path):
            files.append(path)
        else:
            missing.append(f"{path}: no such file or folder")
    if missing:
        raise ConfigError([f"input {m}" for m in missing])
    return files


def choose_reader(path: str, head: bytes, readers: Mapping[str, type[Reader]]) -> type[Reader] | None:
    suffix = Path(path).suffix.lower()
    return next((r for r in readers.values() if r.accepts(suffix, head)), None)


def read_all(paths: Iterable[str], readers: Mapping[str, type[Reader]], fmt: str = "auto") -> Iterator[Record]:
    """Yield every record of every input; stdin is JSONL unless ``fmt`` names another reader."""
    for path in expand(paths):
        if path == STDIN:
            reader = readers["jsonl" if fmt == "auto" else fmt]
            yield from reader().read(sys.stdin.buffer, "<stdin>")
            continue
        with open(path, "rb") as stream:
            if fmt == "auto":
                head = stream.read(_HEAD_BYTES)
                stream.seek(0)
                chosen = choose_reader(path, head, readers)
                if chosen is None:
                    names = ", ".join(readers)
                    yield InputError(f"no reader for this file; set input.format to one of: {names}",
                                     source=path, raw=None)
                    continue
            else:
                chosen = readers[fmt]
            yield from chosen().read(stream, path)


def count_documents(paths: Iterable[str], readers: Mapping[str, type[Reader]], fmt: str = "auto") -> int | None:
    """How many documents the inputs hold (lines of JSONL files, one per other file); None for stdin."""
    files = expand(paths)
    if STDIN in files:
        return None
    total = 0
    for path in files:
        with open(path, "rb") as stream:
            head = stream.read(_HEAD_BYTES)
            reader = readers.get(fmt) if fmt != "auto" else choose_reader(path, head, readers)
            if reader is not None and reader.name == "jsonl":
                stream.seek(0)
                total += sum(1 for line in stream if line.strip())
            else:
                total += 1
    return total
