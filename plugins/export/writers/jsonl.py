"""JSON Lines: one Document per line, the form every Pressroom reader and stage reads back."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from pressroom.core import Document, ShardableOptions, Writer
from pressroom.core.atomic import AtomicFile
from pressroom.core.packed import document_bytes


class JsonlWriter(Writer):
    name = "jsonl"
    description = "one document per line, as JSON; what Pressroom's JSONL reader reads back"
    streams = True
    Options = ShardableOptions

    options: ShardableOptions

    def __init__(self, options: ShardableOptions) -> None:
        super().__init__(options)
        path = options.path
        self.file = None if path == "-" else AtomicFile(Path(path))
        self.stream = sys.stdout.buffer if self.file is None else self.file.stream
        if self.file is not None and options.mode == "append" and self.file.path.exists():
            with open(self.file.path, "rb") as previous:
                shutil.copyfileobj(previous, self.stream)

    def write(self, doc: Document) -> None:
        self.write_packed(document_bytes(doc), None)

    def write_packed(self, text: bytes, prepared: None) -> None:
        self.stream.write(text + b"\n")

    def commit(self) -> None:
        if self.file is None:
            self.stream.flush()
        else:
            self.file.commit()

    def discard(self) -> None:
        if self.file is None:
            self.stream.flush()
        else:
            self.file.discard()

    @classmethod
    def part(cls, options: ShardableOptions, folder: Path, name: str) -> ShardableOptions:  # type: ignore[override]
        return ShardableOptions(path=str(folder / f"{name}.jsonl"))

    @classmethod
    def merge(cls, parts: Sequence[ShardableOptions], options: ShardableOptions) -> None:  # type: ignore[override]
        """The parts one after the other: lines are whole documents, so the bytes are those of one writer."""
        merged = cls(options)
        try:
            for part in parts:
                with open(part.path, "rb") as source:
                    shutil.copyfileobj(source, merged.stream)
        except BaseException:
            merged.discard()
            raise
        merged.commit()
