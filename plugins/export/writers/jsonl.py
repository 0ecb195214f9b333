"""JSON Lines: one Document per line, the form every Pressroom reader and stage reads back."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from pressroom.core import Document, Writer, WriterOptions
from pressroom.core.atomic import AtomicFile


class JsonlWriter(Writer):
    name = "jsonl"
    description = "one document per line, as JSON; what Pressroom's JSONL reader reads back"
    streams = True

    options: WriterOptions

    def __init__(self, options: WriterOptions) -> None:
        super().__init__(options)
        path = options.path
        self.file = None if path == "-" else AtomicFile(Path(path))
        self.stream = sys.stdout.buffer if self.file is None else self.file.stream
        if self.file is not None and options.mode == "append" and self.file.path.exists():
            with open(self.file.path, "rb") as previous:
                shutil.copyfileobj(previous, self.stream)

    def write(self, doc: Document) -> None:
        self.stream.write(doc.model_dump_json().encode() + b"\n")

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
