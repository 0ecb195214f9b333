"""Run a quarantine file again: its entries as records, the duplicates policy held against what earlier runs kept,
and the file rewritten with what fails again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pressroom.core.document import Document
from pressroom.core.errors import ConfigError, InputError
from pressroom.core.quarantine import ReplayedQuarantine
from pressroom.core.readers.base import Record
from pressroom.core.readers.jsonl import JsonlReader

Entry = dict[str, Any]
_KEPT_EARLIER = "the document an earlier run kept (read from "


class Replay:
    """The entries of the quarantine file ``path``, to run through a pipeline that appends to its outputs.

    A quarantined duplicate (``duplicates: error``) is still one: its id was kept by the run that set it aside, so
    a replay applies the pipeline's ``duplicates`` policy to it again instead of appending a second document of
    that id. The documents that failed for another reason are replayed first, so that a duplicate whose first is
    among them comes after that first, as in its run. ``earlier``: the ids the replay must treat as already kept,
    with where that document was read. ``quarantine``: the same file, rewritten when the replay's outputs are
    published (see ``ReplayedQuarantine``).
    """

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise ConfigError([f"{path}: no quarantine file to replay (a run, or a replay, that quarantined nothing "
                               "leaves none)"])
        self.path = path
        self.quarantine = ReplayedQuarantine(path)
        replayed: set[str] = set()
        duplicates: dict[str, str] = {}
        #: The duplicates' entries, kept from this pass to be replayed last (few: a run sets aside few duplicates).
        self._duplicates: list[tuple[int, Entry]] = []
        for lineno, entry in self._entries():
            if isinstance(entry, dict) and (first := _duplicate_of(entry)) is not None:
                duplicates.setdefault(entry["id"], first)
                self._duplicates.append((lineno, entry))
            elif isinstance(entry, dict) and isinstance(entry.get("record"), dict):
                replayed.add(str(entry["record"].get("id")))
        self.earlier = {doc_id: _kept_earlier(first) for doc_id, first in duplicates.items() if doc_id not in replayed}

    def records(self) -> Iterator[Record]:
        """Each entry's original document, the duplicates last; an unreadable input line (perhaps edited since) is
        parsed again as JSONL. The file is read once more (the ids it holds must be known before the run starts,
        its documents need not be held meanwhile), the duplicates taken from the first pass."""
        for lineno, entry in self._entries():
            if not (isinstance(entry, dict) and _duplicate_of(entry) is not None):
                yield self._record(lineno, entry)
        for lineno, entry in self._duplicates:
            yield self._record(lineno, entry)

    def _entries(self) -> Iterator[tuple[int, Entry | bytes]]:
        """Each entry line as its JSON object, or as its bytes when it is not one."""
        with open(self.path, "rb") as stream:
            for lineno, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                except ValueError:
                    entry = line
                yield lineno, entry if isinstance(entry, dict) and "record" in entry else line

    def _record(self, lineno: int, entry: Entry | bytes) -> Record:
        where = f"{self.path}:{lineno}"
        if not isinstance(entry, dict):
            return InputError("not a quarantine entry (a JSON object with 'record')", source=where,
                              raw=entry.decode("utf-8", errors="replace"))
        record = entry["record"]
        if not isinstance(record, dict):
            return JsonlReader.parse_line(str(record).encode(), entry.get("source") or where)
        try:
            return Document.model_validate(record)
        except ValidationError as exc:
            return InputError(f"the quarantined record is not a document: {exc}", source=where,
                              raw=json.dumps(record))


def _kept_earlier(first: str) -> str:
    """Where the document of a duplicate's id was read, said to be kept by an earlier run (once, however many
    replays the entry has been through)."""
    return first if first.startswith(_KEPT_EARLIER) else f"{_KEPT_EARLIER}{first})"


def _duplicate_of(entry: Entry) -> str | None:
    """Where the document kept in this duplicate's place was read, if the entry is a duplicate whose record still
    has the id (a record given another id is a document of its own). Entries written before ``duplicate_of``
    existed are known by their error."""
    record = entry.get("record")
    if entry.get("step") != "read" or not isinstance(record, dict) or record.get("id") != entry.get("id"):
        return None
    if "duplicate_of" in entry:
        return str(entry["duplicate_of"])
    error = str(entry.get("error", ""))
    return "an earlier document" if error.startswith("duplicate id ") else None
