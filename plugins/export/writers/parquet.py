"""Parquet: the documents, entities and dates tables as three files in the folder ``path``, for analytics tools
(pandas, DuckDB, Spark). Needs the optional pyarrow, imported only when this format is used."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from types import ModuleType
from typing import Any

from pressroom.core import Document, ShardableOptions, Writer
from pressroom.core.atomic import AtomicFile
from pressroom.core.preflight import Requirement
from pressroom.plugins.export.writers.tables import (
    DATE_COLUMNS,
    DOCUMENT_COLUMNS,
    ENTITY_COLUMNS,
    Row,
    date_rows,
    document_row,
    entity_rows,
)

MISSING = "format 'parquet' needs pyarrow: pip install 'pressroom[parquet]'"

#: Documents held in memory before they are written out as one row group: memory stays bounded on any corpus,
#: and readers can skip row groups by their statistics.
DOCUMENTS_PER_ROW_GROUP = 1000


def _pyarrow() -> tuple[ModuleType, ModuleType]:
    try:
        import pyarrow  # type: ignore[import-untyped]
        import pyarrow.parquet  # type: ignore[import-untyped]
    except ImportError as exc:
        raise ImportError(MISSING) from exc
    return pyarrow, pyarrow.parquet


class ParquetTable:
    """One Parquet file written row group by row group under a temporary name, renamed into place on commit.
    In append mode the existing file's row groups are copied first; its schema must match."""

    def __init__(self, path: Path, columns: tuple[str, ...], append: bool) -> None:
        pa, pq = _pyarrow()
        # Every column is text but the release date and the span offsets.
        types = {"date": pa.date32(), "start": pa.int64(), "end": pa.int64()}
        self.schema = pa.schema([(column, types.get(column, pa.string())) for column in columns])
        self.pa = pa
        previous = pq.ParquetFile(path) if append and path.exists() else None
        if previous is not None and not previous.schema_arrow.equals(self.schema):
            raise ValueError(f"cannot append to {path}: its schema is {previous.schema_arrow}, not {self.schema}")
        self.file = AtomicFile(path)
        self.writer = pq.ParquetWriter(self.file.stream, self.schema)
        self.rows: list[Row] = []
        if previous is not None:
            for group in range(previous.num_row_groups):
                self.writer.write_table(previous.read_row_group(group))

    def add(self, rows: list[Row]) -> None:
        self.rows.extend(rows)

    def flush(self) -> None:
        if self.rows:
            columns: list[Any] = list(zip(*self.rows, strict=True))
            arrays = [self.pa.array(values, type=field.type) for values, field in zip(columns, self.schema)]
            self.writer.write_table(self.pa.Table.from_arrays(arrays, schema=self.schema))
            self.rows = []

    def write_group(self, table: Any) -> None:
        """Rows read back from a part, written as one row group, as ``flush`` writes the same rows."""
        if table.num_rows:
            columns = [column.combine_chunks() for column in table.columns]
            self.writer.write_table(self.pa.Table.from_arrays(columns, schema=self.schema))

    def commit(self) -> None:
        self.flush()
        self.writer.close()  # writes the footer; the stream stays open for the AtomicFile
        self.file.commit()

    def discard(self) -> None:
        with suppress(Exception):  # closing writes the footer, which fails on a full disk; the file goes anyway
            self.writer.close()
        self.file.discard()


class ParquetWriter(Writer):
    name = "parquet"
    description = "the documents, entities and dates tables as three Parquet files in the folder path"

    Options = ShardableOptions
    options: ShardableOptions

    requires = (Requirement("parquet", ("pyarrow",)),)

    @classmethod
    def outputs(cls, options: ShardableOptions) -> list[str]:  # type: ignore[override]
        if options.shards:
            return super().outputs(options)
        return [str(Path(options.path) / f"{name}.parquet") for name, _ in TABLES]

    def __init__(self, options: ShardableOptions) -> None:
        super().__init__(options)
        folder = Path(options.path)
        append = options.mode == "append"
        self.tables: list[ParquetTable] = []
        try:
            for name, columns in TABLES:
                self.tables.append(ParquetTable(folder / f"{name}.parquet", columns, append))
        except BaseException:
            self.discard()  # e.g. a mismatched schema: leave none of the files half-written
            raise
        self.buffered = 0

    def write(self, doc: Document) -> None:
        documents, entities, dates = self.tables
        documents.add([document_row(doc)])
        entities.add(entity_rows(doc))
        dates.add(date_rows(doc))
        self.buffered += 1
        if self.buffered == DOCUMENTS_PER_ROW_GROUP:
            for table in self.tables:
                table.flush()
            self.buffered = 0

    def commit(self) -> None:
        for table in self.tables:
            table.commit()

    def discard(self) -> None:
        for table in self.tables:
            table.discard()

    @classmethod
    def part(cls, options: ShardableOptions, folder: Path, name: str) -> ShardableOptions:  # type: ignore[override]
        return ShardableOptions(path=str(folder / name))

    @classmethod
    def merge(cls, parts: Sequence[ShardableOptions], options: ShardableOptions) -> None:  # type: ignore[override]
        """The parts' rows regrouped as one writer groups them: a row group per DOCUMENTS_PER_ROW_GROUP documents,
        in each table the spans of those documents."""
        pa, pq = _pyarrow()
        tables = {name: pa.concat_tables([pq.read_table(Path(part.path) / f"{name}.parquet") for part in parts])
                  for name, _ in TABLES} if parts else {}
        merged = cls(options)
        try:
            if parts:
                ids = tables["documents"].column("id").to_pylist()
                groups = range(0, len(ids), DOCUMENTS_PER_ROW_GROUP)
                for (name, _), table in zip(TABLES, merged.tables):
                    bounds = _group_bounds(tables[name], ids) if name != "documents" else list(groups)
                    for start, end in zip(bounds, [*bounds[1:], tables[name].num_rows]):
                        table.write_group(tables[name].slice(start, end - start))
        except BaseException:
            merged.discard()
            raise
        merged.commit()


TABLES = (("documents", DOCUMENT_COLUMNS), ("entities", ENTITY_COLUMNS), ("dates", DATE_COLUMNS))


def _group_bounds(spans: Any, ids: list[str]) -> list[int]:
    """The first span row of each row group: spans follow their documents' order, keyed by ``doc_id``."""
    bounds = [0]
    document = 0
    for row, doc_id in enumerate(spans.column("doc_id").to_pylist()):
        while ids[document] != doc_id:
            document += 1
            if document % DOCUMENTS_PER_ROW_GROUP == 0:
                bounds.append(row)
    bounds += [spans.num_rows] * (len(range(0, len(ids), DOCUMENTS_PER_ROW_GROUP)) - len(bounds))
    return bounds
