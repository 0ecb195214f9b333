"""CSV: one row per document for spreadsheets, and optionally one row per entity or date span in files of their own.

The stdlib csv module quotes fields holding commas, quotes or line breaks, so release texts round-trip intact.
"""

from __future__ import annotations

import csv
import io
import shutil
from contextlib import suppress
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from pydantic import Field, model_validator

from pressroom.core import Document, ShardableOptions, Writer
from pressroom.core.atomic import AtomicFile
from pressroom.plugins.export.writers.tables import DATE_COLUMNS, ENTITY_COLUMNS, Row, date_rows, entity_rows

#: Spans are counted here; their details go to the entity and date files.
DOCUMENT_HEADER = ("id", "date", "title", "text", "source", "entities", "dates")


class CsvTable:
    """One UTF-8 CSV file with a header row, published atomically. In append mode it starts as a copy of the
    existing file (whose header must match) and adds rows after it."""

    def __init__(self, path: str, header: tuple[str, ...], append: bool) -> None:
        existing = Path(path)
        previous = existing if append and existing.exists() and existing.stat().st_size else None
        if previous is not None:
            _check_header(previous, header)
        self.file = AtomicFile(path)
        if previous is not None:
            _copy_rows(previous, self.file.stream)
        self.text = io.TextIOWrapper(self.file.stream, encoding="utf-8", newline="")
        self.rows = csv.writer(self.text)
        if previous is None:
            self.rows.writerow(header)

    def write(self, rows: Iterable[Row]) -> None:
        self.rows.writerows(rows)

    def commit(self) -> None:
        self.text.detach()  # flushes; the AtomicFile closes the stream itself
        self.file.commit()

    def discard(self) -> None:
        with suppress(OSError, ValueError):  # a failed flush (full disk), or already detached by a failed commit
            self.text.detach()
        self.file.discard()


def _check_header(path: Path, header: tuple[str, ...]) -> None:
    with open(path, encoding="utf-8", newline="") as previous:
        found = next(csv.reader(previous), [])
    if tuple(found) != header:
        raise ValueError(f"cannot append to {path}: its columns are {', '.join(found)}, not {', '.join(header)}")


def _copy_rows(path: Path, target: IO[bytes]) -> None:
    with open(path, "rb") as previous:
        shutil.copyfileobj(previous, target)
        previous.seek(-1, io.SEEK_END)
        if previous.read(1) != b"\n":  # a hand-edited file may lack the final line break
            target.write(b"\r\n")


class CsvOptions(ShardableOptions):
    entities_path: str | None = Field(default=None, description="also write one row per entity span to this file "
                                                                "(with shards: in the folder of parts)")
    dates_path: str | None = Field(default=None, description="also write one row per date span to this file "
                                                             "(with shards: in the folder of parts)")

    @model_validator(mode="after")
    def _distinct_files(self) -> CsvOptions:
        span_paths = [p for p in (self.entities_path, self.dates_path) if p is not None]
        if len({self.path, *span_paths}) < 1 + len(span_paths):
            raise ValueError("path, entities_path and dates_path must name different files")
        return self


class CsvWriter(Writer):
    name = "csv"
    description = "one row per document for spreadsheets; optionally one row per entity or date span"
    Options = CsvOptions

    options: CsvOptions

    @classmethod
    def outputs(cls, options: CsvOptions) -> list[str]:  # type: ignore[override]
        if options.shards:
            return super().outputs(options)
        return [p for p in (options.path, options.entities_path, options.dates_path) if p is not None]

    @classmethod
    def part(cls, options: CsvOptions, folder: Path, name: str) -> CsvOptions:  # type: ignore[override]
        def beside(kind: str, wanted: str | None) -> str | None:
            return str(folder / f"{name}.{kind}.csv") if wanted is not None else None

        return CsvOptions(path=str(folder / f"{name}.csv"), entities_path=beside("entities", options.entities_path),
                          dates_path=beside("dates", options.dates_path))

    @classmethod
    def merge(cls, parts: Sequence[CsvOptions], options: CsvOptions) -> None:  # type: ignore[override]
        """Each file: the header once, then every part's rows after its own header line."""
        if not parts:
            cls(options).commit()  # the header rows alone
            return
        targets = [(options.path, "path"), (options.entities_path, "entities_path"),
                   (options.dates_path, "dates_path")]
        files: list[AtomicFile] = []
        try:
            for target, key in targets:
                if target is None:
                    continue
                merged = AtomicFile(target)
                files.append(merged)
                for index, part in enumerate(parts):
                    with open(getattr(part, key), "rb") as source:
                        header = source.readline()  # a header line holds no quoted line breaks
                        if index == 0:
                            merged.stream.write(header)
                        shutil.copyfileobj(source, merged.stream)
            for merged in files:
                merged.prepare()
        except BaseException:
            for merged in files:
                merged.discard()
            raise
        for merged in files:
            merged.publish()

    def __init__(self, options: CsvOptions) -> None:
        super().__init__(options)
        append = options.mode == "append"
        self.opened: list[CsvTable] = []
        try:
            self.documents = self._open(options.path, DOCUMENT_HEADER, append)
            self.entities = self._open(options.entities_path, ENTITY_COLUMNS, append) if options.entities_path else None
            self.dates = self._open(options.dates_path, DATE_COLUMNS, append) if options.dates_path else None
        except BaseException:
            self.discard()  # e.g. a mismatched header: leave none of the files half-written
            raise

    def _open(self, path: str, header: tuple[str, ...], append: bool) -> CsvTable:
        table = CsvTable(path, header, append)
        self.opened.append(table)
        return table

    def write(self, doc: Document) -> None:
        self.documents.write([(doc.id, doc.date, doc.title, doc.text, doc.source, len(doc.entities), len(doc.dates))])
        if self.entities is not None:
            self.entities.write(entity_rows(doc))
        if self.dates is not None:
            self.dates.write(date_rows(doc))

    def commit(self) -> None:
        for table in self.opened:
            table.commit()

    def discard(self) -> None:
        for table in self.opened:
            table.discard()
