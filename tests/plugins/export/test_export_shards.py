"""Each sharded format: parts written separately and merged give, byte for byte, the file one writer writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from export_fixtures import export, input_with_awkward_text, read_releases

from pressroom.core import Document
from pressroom.core.errors import PressroomError
from pressroom.core.registry import Registry
from pressroom.core.shards import merge_output, write_part
from pressroom.plugins.export.step import ExportOptions
from pressroom.plugins.export.writers import parquet


def many(au_slice: Path, tmp_path: Path, copies: int) -> list[Document]:
    """The tagged releases (awkward text included), repeated under new ids: enough for several row groups."""
    docs = read_releases(input_with_awkward_text(tmp_path, au_slice))
    return [d.model_copy(update={"id": f"{d.id}-{n}"}) for n in range(copies) for d in docs]


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def sharded_then_merged(options: dict[str, Any], docs: list[Document], sizes: list[int], folder: Path,
                        merged: dict[str, Any]) -> None:
    """Write ``docs`` as parts of the given sizes, as workers do, then merge them as `pressroom merge` does."""
    chosen = ExportOptions.model_validate(options)
    writer_class, writer_options = chosen.writer_class, chosen.writer_options
    folder.mkdir()
    names, start = [], 0
    for size in sizes:
        names.append(write_part(writer_class, writer_options, folder, docs[start:start + size]))
        start += size
    assert start == len(docs)
    parts = [writer_class.part(writer_options, folder, name) for name in names]
    writer_class.merge(parts, ExportOptions.model_validate(merged).writer_options)


CASES = {
    "jsonl": lambda out: {"format": "jsonl", "path": str(out / "releases.jsonl")},
    "csv": lambda out: {"format": "csv", "path": str(out / "releases.csv"), "entities_path": str(out / "e.csv"),
                        "dates_path": str(out / "d.csv")},
    "parquet": lambda out: {"format": "parquet", "path": str(out / "tables")},
}


@pytest.mark.parametrize("fmt", sorted(CASES))
@pytest.mark.parametrize("sizes", [[1, 16, 200, 47, 99, 3, 118], [484], []])
def test_merged_parts_equal_one_writer(fmt: str, sizes: list[int], tmp_path: Path, au_slice: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parquet, "DOCUMENTS_PER_ROW_GROUP", 50)  # several row groups, with the same data
    docs = many(au_slice, tmp_path, 4)[:sum(sizes)]
    one = CASES[fmt](tmp_path / "one")
    export(one, docs)
    merged = CASES[fmt](tmp_path / "merged")
    sharded_then_merged({**one, "shards": True}, docs, sizes, tmp_path / "parts", merged)
    expected = files(tmp_path / "one")
    assert expected and files(tmp_path / "merged") == expected
    if fmt == "parquet" and len(docs) > 100:
        import pyarrow.parquet as pq

        assert pq.ParquetFile(tmp_path / "merged" / "tables" / "entities.parquet").num_row_groups > 2


def test_sqlite_cannot_be_sharded() -> None:
    with pytest.raises(ValueError, match="unknown key 'shards' for format 'sqlite'"):
        ExportOptions.model_validate({"format": "sqlite", "path": "x.db", "shards": True})


def test_merge_refuses_a_folder_without_manifest(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    with pytest.raises(PressroomError, match="has no .manifest.json"):
        merge_output(tmp_path / "plain", str(tmp_path / "out.jsonl"), Registry.discover().writers)
