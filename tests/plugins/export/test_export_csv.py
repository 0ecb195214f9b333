"""CSV export: read back with the csv module, field for field, on real releases and awkward text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from export_fixtures import export, input_with_awkward_text, leftovers, read_releases, run_pipeline

from pressroom.core import Document
from pressroom.plugins.export.writers.csv import DOCUMENT_HEADER
from pressroom.plugins.export.writers.tables import DATE_COLUMNS, ENTITY_COLUMNS, date_rows, entity_rows


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def as_text(values: tuple[object, ...]) -> list[str]:
    """A row as the csv module reads it back: None becomes empty, numbers and dates their text."""
    return ["" if v is None else str(v) for v in values]


def document_rows(docs: list[Document]) -> list[list[str]]:
    return [as_text((d.id, d.date, d.title, d.text, d.source, len(d.entities), len(d.dates))) for d in docs]


def test_documents_and_spans_round_trip(tmp_path: Path, au_slice: Path) -> None:
    source = input_with_awkward_text(tmp_path, au_slice)
    out = {"format": "csv", "path": str(tmp_path / "docs.csv"),
           "entities_path": str(tmp_path / "entities.csv"), "dates_path": str(tmp_path / "dates.csv")}
    stats = run_pipeline(source, out)
    docs = read_releases(source)
    assert stats.written == len(docs) == 121
    texts = [d.title + d.text for d in docs]
    assert all(any(c in t for t in texts) for c in (",", '"', "\n", "\r\n", "ộ")), "the input must be awkward"

    rows = read_csv(tmp_path / "docs.csv")
    assert tuple(rows[0]) == DOCUMENT_HEADER
    assert rows[1:] == document_rows(docs)
    entities = read_csv(tmp_path / "entities.csv")
    assert tuple(entities[0]) == ENTITY_COLUMNS
    assert entities[1:] == [as_text(row) for d in docs for row in entity_rows(d)]
    assert len(entities) > len(docs)  # the tagger found names, in titles too
    assert {"title", "text"} == {row[1] for row in entities[1:]}
    dates = read_csv(tmp_path / "dates.csv")
    assert tuple(dates[0]) == DATE_COLUMNS
    assert dates[1:] == [as_text(row) for d in docs for row in date_rows(d)]
    assert leftovers(tmp_path) == []


def test_append_keeps_earlier_rows_and_writes_one_header(tmp_path: Path, au_slice: Path) -> None:
    docs = read_releases(au_slice)
    out = {"format": "csv", "path": str(tmp_path / "docs.csv"), "entities_path": str(tmp_path / "entities.csv")}
    export(out, docs[:50])
    export({**out, "mode": "append"}, docs[50:])
    rows = read_csv(tmp_path / "docs.csv")
    assert rows == [list(DOCUMENT_HEADER), *document_rows(docs)]
    entities = read_csv(tmp_path / "entities.csv")
    assert entities == [list(ENTITY_COLUMNS), *(as_text(row) for d in docs for row in entity_rows(d))]

    export(out, docs[:3])  # replace mode starts over
    assert read_csv(tmp_path / "docs.csv") == [list(DOCUMENT_HEADER), *document_rows(docs[:3])]


def test_append_to_a_file_without_final_line_break(tmp_path: Path, au_slice: Path) -> None:
    docs = read_releases(au_slice)[:4]
    path = tmp_path / "docs.csv"
    export({"format": "csv", "path": str(path)}, docs[:2])
    path.write_bytes(path.read_bytes().rstrip(b"\r\n"))  # as some editors save it
    export({"format": "csv", "path": str(path), "mode": "append"}, docs[2:])
    assert read_csv(path) == [list(DOCUMENT_HEADER), *document_rows(docs)]


def test_append_refuses_a_file_with_other_columns(tmp_path: Path, au_slice: Path) -> None:
    docs = read_releases(au_slice)[:3]
    (tmp_path / "docs.csv").write_text("id,body\n1,hello\n")
    out = {"format": "csv", "path": str(tmp_path / "docs.csv"), "mode": "append"}
    with pytest.raises(ValueError, match=r"cannot append to .*docs.csv: its columns are id, body, not id, date"):
        export(out, docs)
    assert (tmp_path / "docs.csv").read_text() == "id,body\n1,hello\n"
    # The entity file opened first is discarded too, not left half-written.
    (tmp_path / "entities.csv").write_text("doc_id,x\n")
    with pytest.raises(ValueError, match="cannot append to .*entities.csv"):
        export({**out, "path": str(tmp_path / "new.csv"), "entities_path": str(tmp_path / "entities.csv")}, docs)
    assert not (tmp_path / "new.csv").exists()
    assert leftovers(tmp_path) == []


def test_a_discarded_run_leaves_the_previous_files(tmp_path: Path, au_slice: Path) -> None:
    docs = read_releases(au_slice)
    out = {"format": "csv", "path": str(tmp_path / "docs.csv"), "dates_path": str(tmp_path / "dates.csv")}
    export(out, docs[:10])
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    for mode in ("replace", "append"):
        export({**out, "mode": mode}, docs[10:], complete=False)
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
