"""Parquet export: three tables read back with pyarrow, written in row groups, published atomically."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from export_fixtures import export, input_with_awkward_text, leftovers, read_releases, run_pipeline

from pressroom.core import Document
from pressroom.core.errors import ConfigError
from pressroom.core.pipeline import Pipeline
from pressroom.core import WriterOptions
from pressroom.plugins.export.writers import parquet
from pressroom.plugins.export.writers.tables import date_rows, document_row, entity_rows

TABLES = ("documents", "entities", "dates")


def read(folder: Path, table: str) -> list[tuple[object, ...]]:
    return [tuple(row.values()) for row in pq.read_table(folder / f"{table}.parquet").to_pylist()]


def expected(docs: list[Document], table: str) -> list[tuple[object, ...]]:
    rows = {"documents": lambda d: [document_row(d)], "entities": entity_rows, "dates": date_rows}[table]
    return [row for d in docs for row in rows(d)]


def test_three_tables_round_trip(tmp_path: Path, au_slice: Path) -> None:
    source = input_with_awkward_text(tmp_path, au_slice)
    out = tmp_path / "tables"
    run_pipeline(source, {"format": "parquet", "path": str(out)})
    docs = read_releases(source)
    documents = read(out, "documents")
    assert [row[:5] for row in documents] == [(d.id, d.date, d.title, d.text, d.source) for d in docs]
    assert [json.loads(str(row[5])) for row in documents] == [d.metadata for d in docs]
    for table in ("entities", "dates"):
        assert read(out, table) == expected(docs, table) != []
    schema = pq.read_schema(out / "documents.parquet")
    assert schema.field("date").type == pa.date32()
    assert pq.read_schema(out / "entities.parquet").field("start").type == pa.int64()
    assert sorted(p.name for p in out.iterdir()) == ["dates.parquet", "documents.parquet", "entities.parquet"]


def test_written_in_row_groups(tmp_path: Path, au_slice: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parquet, "DOCUMENTS_PER_ROW_GROUP", 50)
    docs = read_releases(au_slice)
    export({"format": "parquet", "path": str(tmp_path)}, docs)
    documents = pq.ParquetFile(tmp_path / "documents.parquet")
    assert [documents.metadata.row_group(i).num_rows for i in range(documents.num_row_groups)] == [50, 50, 20]
    assert pq.ParquetFile(tmp_path / "entities.parquet").num_row_groups == 3
    assert read(tmp_path, "documents") == expected(docs, "documents")


def test_append_keeps_the_existing_rows(tmp_path: Path, au_slice: Path) -> None:
    docs = read_releases(au_slice)
    export({"format": "parquet", "path": str(tmp_path)}, docs[:70])
    export({"format": "parquet", "path": str(tmp_path), "mode": "append"}, docs[70:])
    for table in TABLES:
        assert read(tmp_path, table) == expected(docs, table)
    export({"format": "parquet", "path": str(tmp_path)}, docs[:5])  # replace mode starts over
    assert read(tmp_path, "documents") == expected(docs[:5], "documents")


def test_append_refuses_a_file_with_another_schema(tmp_path: Path, au_slice: Path) -> None:
    pq.write_table(pa.table({"doc_id": ["x"], "note": ["other"]}), tmp_path / "dates.parquet")
    before = (tmp_path / "dates.parquet").read_bytes()
    with pytest.raises(ValueError, match=r"cannot append to .*dates.parquet: its schema is"):
        export({"format": "parquet", "path": str(tmp_path), "mode": "append"}, read_releases(au_slice))
    assert (tmp_path / "dates.parquet").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dates.parquet"]  # the other tables were discarded


def test_a_discarded_run_leaves_the_previous_files(tmp_path: Path, au_slice: Path) -> None:
    docs = read_releases(au_slice)
    export({"format": "parquet", "path": str(tmp_path)}, docs[:10])
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    for mode in ("replace", "append"):
        export({"format": "parquet", "path": str(tmp_path), "mode": mode}, docs[10:], complete=False)
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert leftovers(tmp_path) == []


def test_without_pyarrow_the_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if it were not installed
    hint = "format 'parquet' needs pyarrow: pip install 'pressroom[parquet]'"
    pipeline = "steps:\n  - use: export\n    with: {format: parquet, path: tables}\n"
    with pytest.raises(ConfigError) as invalid:
        Pipeline.from_yaml(pipeline, "p.yaml")
    assert invalid.value.problems == ["p.yaml:2:5: steps[0].use: step 'export' needs pyarrow, which is not "
                                      "installed; pip install 'pressroom[parquet]'"]
    with pytest.raises(ImportError, match=re.escape(hint)):
        parquet.ParquetWriter(WriterOptions(path="never-written"))
