"""`pressroom review` without a browser: what the site is built from, what it refuses, how data stay data."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from review_helpers import tricky_documents, write_jsonl

from pressroom.core.review import ReviewInputError, read_documents
from pressroom.core.review.site import ReviewSiteError, build_site
from pressroom.core.review.templating import script_data, script_json


def test_script_data_cannot_end_a_script_or_break_a_line() -> None:
    value = {"text": "</script><!-- <script>alert(1)</script> & \u2028\u2029 😀 \"q\" \\"}
    for encoded in (script_json(value), script_data(value)):
        assert not set("<>&\u2028\u2029") & set(encoded)
    assert json.loads(script_json(value)) == value
    assert _parse_script_data(script_data(value)) == value


def _parse_script_data(expression: str) -> object:
    assert expression.startswith("JSON.parse(") and expression.endswith(")")
    return json.loads(json.loads(expression[len("JSON.parse("):-1]))


def _documents_in(site: Path) -> list[dict[str, Any]]:
    docs = []
    for number in range(len(list((site / "data" / "docs").iterdir()))):
        script = (site / "data" / "docs" / f"{number}.js").read_text()
        prefix = f"pressroomReview.documentLoaded({number},"
        assert script.startswith(prefix) and script.endswith(");\n")
        docs.append(_parse_script_data(script[len(prefix):-3]))
    return docs


def test_review_command_reads_jsonl_and_sqlite_exports_alike(cli: Any, slice_output: Path, tmp_path: Path) -> None:
    database = slice_output.with_suffix(".db")
    for export, site in ((slice_output, tmp_path / "from-jsonl"), (database, tmp_path / "from-sqlite")):
        result = cli("review", str(export), "--out", str(site))
        assert result.returncode == 0, result.stderr.decode()
        assert f"{site / 'index.html'}: 120 documents" in result.stdout.decode()
    from_jsonl, from_sqlite = _documents_in(tmp_path / "from-jsonl"), _documents_in(tmp_path / "from-sqlite")
    expected = [doc.model_dump(mode="json", include={"id", "date", "title", "text", "source", "entities", "dates"})
                for doc in read_documents(slice_output)]
    assert from_jsonl == from_sqlite == expected
    assert sum(len(doc["entities"]) for doc in expected) > 1000  # the slice is really tagged
    # Same documents, so the same index data and the same corrections key.
    assert (tmp_path / "from-jsonl" / "data" / "index.js").read_text() == \
        (tmp_path / "from-sqlite" / "data" / "index.js").read_text()


def test_bad_records_are_named_and_no_site_is_written(cli: Any, tmp_path: Path) -> None:
    good, shifted = tricky_documents()[:2]
    shifted.entities[1].start += 1
    export = write_jsonl([good, shifted], tmp_path / "bad.jsonl")
    with open(export, "a", encoding="utf-8") as stream:
        stream.write('{"id": "broken", "title": \n')
    result = cli("review", str(export), "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    error = result.stderr.decode()
    assert "2 bad records" in error
    assert f"{export}:2: document 'markup-\"<script>': entities[1]" in error
    assert f"{export}:3: invalid JSON" in error
    assert not (tmp_path / "site").exists()


def test_sqlite_spans_without_their_document_are_reported(tmp_path: Path, slice_output: Path) -> None:
    database = tmp_path / "copy.db"
    database.write_bytes(slice_output.with_suffix(".db").read_bytes())
    with sqlite3.connect(database) as db:
        db.execute("INSERT INTO dates VALUES ('ghost', 'text', 0, 1, 'x', '2020', 'DATE')")
    with pytest.raises(ReviewInputError, match="spans of 'ghost', which is not in documents"):
        list(read_documents(database))


def test_a_new_build_replaces_the_old_site_but_never_another_folder(tmp_path: Path, tricky_jsonl: Path) -> None:
    site = tmp_path / "site"
    build_site(read_documents(tricky_jsonl), site, source="tricky")
    assert len(list((site / "data" / "docs").iterdir())) == 3
    build_site(iter(tricky_documents()[:1]), site, source="one")
    assert [path.name for path in (site / "data" / "docs").iterdir()] == ["0.js"]  # stale documents are gone
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(ReviewSiteError, match="is not a review site"):
        build_site(iter(tricky_documents()), tmp_path / "mine", source="x")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_the_site_references_nothing_outside_itself(tmp_path: Path, tricky_jsonl: Path) -> None:
    site = tmp_path / "site"
    build_site(read_documents(tricky_jsonl), site, source=str(tricky_jsonl))
    for page in site.rglob("*"):
        if page.suffix in (".html", ".js", ".css"):
            content = page.read_text()
            assert "http://" not in content and "https://" not in content, page
    assert (site / "assets" / "review.js").exists() and (site / "assets" / "doc.js").exists()
