"""Output formats of the export step. Each writer writes documents as they come and publishes on commit."""

from __future__ import annotations

import sys
from pathlib import Path

from pressroom.core import Document
from pressroom.core.atomic import AtomicFile


class Writer:
    def __init__(self, path: str) -> None:
        self.path = path

    def write(self, doc: Document) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        """Publish the complete output."""

    def discard(self) -> None:
        """Drop partial output: an interrupted run leaves the previous output, not a truncated one."""


class JsonlWriter(Writer):
    """One JSON object per document: id, title, text, date, source, metadata, entities, dates, history."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.file = None if path == "-" else AtomicFile(Path(path))
        self.stream = sys.stdout.buffer if self.file is None else self.file.stream

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


WRITERS: dict[str, type[Writer]] = {"jsonl": JsonlWriter}
