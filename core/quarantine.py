"""The quarantine: a JSONL file keeping each failed record, where it failed, the error and the traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pressroom.core.atomic import AtomicFile
from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.processing import Failed
from pressroom.core.storage import cannot_write


def input_error_entry(error: InputError) -> dict[str, Any]:
    return {"id": None, "source": error.source, "step": "read", "error": str(error), "traceback": "",
            "record": error.raw}


def failure_entry(failed: Failed) -> dict[str, Any]:
    return {"id": failed.original.id, "source": failed.original.source, "step": failed.step, "error": failed.error,
            "traceback": failed.traceback, "record": failed.original.model_dump(mode="json")}


def duplicate_entry(doc: Document, first: str, error: str) -> dict[str, Any]:
    """A document set aside by ``duplicates: error``; ``duplicate_of`` says where the one kept was read, so that a
    replay holds it against that document still."""
    return {**failure_entry(Failed("read", error, "", doc)), "duplicate_of": first}


class Quarantine:
    """Written atomically when the run ends, even early (but never after a storage failure, which must replace no
    output); a run without failures removes a stale file of an earlier run."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.count = 0
        self._file: AtomicFile | None = None

    def add(self, entry: dict[str, Any]) -> None:
        if self._file is None:
            self._file = AtomicFile(self.path)
        try:
            self._file.stream.write(json.dumps(entry, ensure_ascii=False).encode() + b"\n")
        except OSError as exc:
            raise cannot_write(self.path, exc) from None
        self.count += 1

    def prepare(self) -> None:
        """Write everything out before the outputs are published, so that only a rename can fail after them."""
        if self._file is not None:
            self._file.prepare()

    def commit(self) -> None:
        if self._file is not None:
            self._file.commit()
        else:
            try:
                self.path.unlink(missing_ok=True)
            except OSError as exc:
                raise cannot_write(self.path, exc) from None

    def discard(self) -> None:
        if self._file is not None:
            self._file.discard()


class ReplayedQuarantine(Quarantine):
    """The quarantine file a replay reads, rewritten with the entries that fail again (the others are in the
    outputs now, or dropped, and must not be replayed twice). A replay that stops before its outputs are
    published (Ctrl-C, max_failures, a storage failure) added nothing to them: the file is left as it was, so that
    every entry is still there to replay."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        self.prepared = False

    def prepare(self) -> None:
        super().prepare()
        self.prepared = True

    def commit(self) -> None:
        if self.prepared:
            super().commit()
        else:
            self.discard()
