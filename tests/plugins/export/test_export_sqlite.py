"""SQLite export: read back with sqlite3; upserts by id, full-text search, one transaction per run."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from export_fixtures import export, input_with_awkward_text, read_releases, run_pipeline

from pressroom.core import Document
from pressroom.plugins.export.writers.sqlite import SPANS_PER_INSERT
from pressroom.plugins.export.writers.tables import date_rows, entity_rows


def query(db: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute(sql, args).fetchall()


def search(db: Path, match: str) -> set[object]:
    return {row[0] for row in query(db, "SELECT id FROM documents_fts WHERE documents_fts MATCH ?", match)}


def mentioning(docs: list[Document], word: str) -> set[str]:
    """What FTS5's default tokenizer should find: the word, case-insensitive, between non-alphanumerics."""
    pattern = re.compile(rf"(?<![^\W_]){word}(?![^\W_])", re.IGNORECASE)
    return {d.id for d in docs if pattern.search(d.title) or pattern.search(d.text)}


def dump(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as connection:
        return list(connection.iterdump())


def assert_index_consistent(db: Path) -> None:
    """FTS5 checks that its index matches the documents table (rank 1 compares with the content too)."""
    query(db, "INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)")


def test_tables_and_full_text_search_on_real_releases(tmp_path: Path, au_slice: Path) -> None:
    source = input_with_awkward_text(tmp_path, au_slice)
    db = tmp_path / "out" / "releases.db"
    run_pipeline(source, {"format": "sqlite", "path": str(db)})
    docs = read_releases(source)

    rows = query(db, "SELECT id, date, title, text, source, metadata, history FROM documents ORDER BY rowid")
    assert [r[:5] for r in rows] == [(d.id, d.date and d.date.isoformat(), d.title, d.text, d.source) for d in docs]
    assert [json.loads(str(r[5])) for r in rows] == [d.metadata for d in docs]
    assert {r[6] for r in rows} == {json.dumps([{"step": "tag-names", "plugin": "tag-names", "version": "0.0.0"}])}
    subjects = query(db, "SELECT json_extract(metadata, '$.prime_minister') FROM documents WHERE id = 'pmt-10045'")
    assert subjects == [(docs[0].metadata["prime_minister"],)]
    # In input order, as the rowids number them: the rows go SPANS_PER_INSERT to a statement, and then the rest.
    entities = query(db, 'SELECT doc_id, field, start, "end", text, label, canonical, kb_id FROM entities '
                         'ORDER BY rowid')
    assert entities == [r for d in docs for r in entity_rows(d)]
    assert len(entities) > SPANS_PER_INSERT and len(entities) % SPANS_PER_INSERT
    dates = query(db, 'SELECT doc_id, field, start, "end", text, value, type FROM dates ORDER BY rowid')
    assert dates == [r for d in docs for r in date_rows(d)]

    for word in ("Vietnam", "Wellington", "tariffs"):
        assert search(db, word) == mentioning(docs, word) != set()
    assert search(db, 'title:"Trans-Tasman"') == {"pmt-10045"}
    assert search(db, '"Hà Nội"') == {"awkward"}
    assert query(db, "PRAGMA journal_mode") == [("wal",)]
    assert_index_consistent(db)


def test_a_rerun_updates_documents_and_replaces_their_spans(tmp_path: Path, au_slice: Path) -> None:
    docs = read_releases(au_slice)
    db = tmp_path / "releases.db"
    export({"format": "sqlite", "path": str(db)}, docs[:80])
    revised = [d.model_copy(update={"title": f"Azerbaijan visit {i}", "entities": d.entities[:1], "dates": []})
               for i, d in enumerate(docs[:10])]
    export({"format": "sqlite", "path": str(db), "mode": "append"}, [*revised, *docs[10:]])

    assert query(db, "SELECT count(*), count(DISTINCT id) FROM documents") == [(120, 120)]
    assert query(db, "SELECT id, title FROM documents WHERE id IN (%s)" % ",".join("?" * 10),
                 *(d.id for d in revised)) == [(d.id, d.title) for d in revised]
    assert search(db, "Azerbaijan") == {d.id for d in revised}
    final = [*revised, *docs[10:]]
    assert query(db, "SELECT count(*) FROM entities") == [(sum(len(d.entities) for d in final),)]
    assert query(db, "SELECT count(*) FROM dates") == [(sum(len(d.dates) for d in final),)]
    assert query(db, "SELECT count(*) FROM dates WHERE doc_id = ?", revised[0].id) == [(0,)]
    # A term only in a replaced title is no longer found for that document.
    old_title_word = docs[0].title.split()[0]
    assert docs[0].id not in search(db, f'title:"{old_title_word}"')
    assert_index_consistent(db)


def test_a_discarded_run_leaves_the_database_as_it_was(tmp_path: Path, au_slice: Path) -> None:
    docs = read_releases(au_slice)
    db = tmp_path / "releases.db"
    export({"format": "sqlite", "path": str(db)}, docs[:30])
    before = dump(db)
    changed = [d.model_copy(update={"title": "Azerbaijan"}) for d in docs]
    export({"format": "sqlite", "path": str(db)}, changed, complete=False)
    assert dump(db) == before

    fresh = tmp_path / "fresh.db"
    export({"format": "sqlite", "path": str(fresh)}, docs, complete=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["releases.db"]  # no empty database left behind


KILLED_RUN = """
import os, signal, sys
sys.path.insert(0, sys.argv[3])
from pathlib import Path
from export_fixtures import read_releases
from pressroom.plugins.export.step import ExportStep
step = ExportStep({"format": "sqlite", "path": sys.argv[1]})
step.setup()
for doc in read_releases(Path(sys.argv[2])):
    step.process(doc.model_copy(update={"title": "Azerbaijan"}))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_killed_run_leaves_the_database_as_it_was(tmp_path: Path, au_slice: Path) -> None:
    db = tmp_path / "releases.db"
    export({"format": "sqlite", "path": str(db)}, read_releases(au_slice)[:30])
    before = dump(db)
    killed = subprocess.run([sys.executable, "-c", KILLED_RUN, str(db), str(au_slice), str(Path(__file__).parent)],
                            capture_output=True, timeout=120)
    assert killed.returncode == -9, killed.stderr.decode()
    assert dump(db) == before
    assert search(db, "Azerbaijan") == set()


def test_a_run_from_empty_numbers_rows_as_sqlite_does(
        tmp_path: Path, au_slice: Path) -> None:
    """From an empty database each new document gets the next rowid and a repeat keeps its row's (the full-text
    index points at rowids); FTS finds what the rows say, and the database written in place is the same."""
    docs = read_releases(au_slice)[:12]
    again = docs[3].model_copy(update={"title": "Azerbaijan again", "entities": docs[3].entities[:1]})
    db = tmp_path / "releases.db"
    export({"format": "sqlite", "path": str(db)}, [*docs[:10], again, *docs[10:]])

    assert query(db, "SELECT rowid, id, title FROM documents ORDER BY rowid") == [
        (n, d.id, d.title) for n, d in enumerate([*docs[:3], again, *docs[4:]], start=1)]
    assert query(db, "SELECT count(*) FROM entities WHERE doc_id = ?", again.id) == [(len(again.entities),)]
    assert search(db, "Azerbaijan") == {again.id}
    assert_index_consistent(db)
    in_place = tmp_path / "in-place.db"
    in_place.touch()  # written in place, in one run from empty too
    export({"format": "sqlite", "path": str(in_place)}, [*docs[:10], again, *docs[10:]])
    assert dump(in_place) == dump(db)


def test_refuses_a_database_with_other_tables_of_the_same_name(tmp_path: Path, au_slice: Path) -> None:
    db = tmp_path / "other.db"
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, body TEXT)")
    before = dump(db)
    with pytest.raises(ValueError, match=r"already has a table 'documents' with columns id, body, not rowid, id"):
        export({"format": "sqlite", "path": str(db)}, read_releases(au_slice)[:2])
    assert dump(db) == before


def test_index_built_batch_by_batch_then_triggers_follow_changes(tmp_path: Path, au_slice: Path) -> None:
    """From an empty database the writer indexes each batch of inserts itself; a document seen twice in the run
    keeps only its second spans and its second title in the index; afterwards the triggers keep the index in step
    with changes by hand."""
    docs = read_releases(au_slice)
    many = [d.model_copy(update={"id": f"{d.id}-{n}"}) for n in range(5) for d in docs]  # 600: two batches
    seen = next(i for i, d in enumerate(many) if len(d.entities) > 1)
    again = many[seen].model_copy(update={"title": "Azerbaijan again", "entities": many[seen].entities[:1]})
    db = tmp_path / "releases.db"
    export({"format": "sqlite", "path": str(db)}, [*many, again])

    assert query(db, "SELECT count(*) FROM documents") == [(600,)]
    assert query(db, "SELECT count(*) FROM entities WHERE doc_id = ?", again.id) == [(1,)]
    assert search(db, "Azerbaijan") == {again.id}
    assert search(db, "Vietnam") == mentioning([*many[:seen], again, *many[seen + 1:]], "Vietnam") != set()
    assert {row[0] for row in query(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'")} == {
        "documents_fts_insert", "documents_fts_delete", "documents_fts_update"}
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("UPDATE documents SET title = 'Zanzibar' WHERE id = ?", (many[0].id,))
    assert search(db, "Zanzibar") == {many[0].id}
    assert_index_consistent(db)


def test_a_new_database_is_built_aside_and_renamed_into_place_as_one_written_in_place(
        tmp_path: Path, au_slice: Path) -> None:
    from pressroom.plugins.export.writers.sqlite import SqliteOptions, SqliteWriter

    docs = read_releases(au_slice)
    in_place = tmp_path / "in-place.db"
    in_place.touch()  # an empty database: written in place, in WAL mode
    export({"format": "sqlite", "path": str(in_place)}, docs)
    new = tmp_path / "new.db"
    writer = SqliteWriter(SqliteOptions(path=str(new)))
    for doc in docs:
        writer.write(doc)
    assert not new.exists()  # nothing to read, and nothing half-written, until the run completes
    writer.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in-place.db", "new.db"]
    assert query(new, "PRAGMA journal_mode") == [("wal",)]
    assert new.read_bytes() == in_place.read_bytes()
    assert_index_consistent(new)
    assert search(new, "Vietnam") == mentioning(docs, "Vietnam") != set()


def test_a_killed_first_run_leaves_no_database_and_the_next_run_removes_its_temporary(
        tmp_path: Path, au_slice: Path) -> None:
    db = tmp_path / "releases.db"
    killed = subprocess.run([sys.executable, "-c", KILLED_RUN, str(db), str(au_slice), str(Path(__file__).parent)],
                            capture_output=True, timeout=120)
    assert killed.returncode == -9, killed.stderr.decode()
    assert not db.exists() and [p.name for p in tmp_path.glob(".releases.db.*.tmp")]
    export({"format": "sqlite", "path": str(db)}, read_releases(au_slice)[:30])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["releases.db"]
    assert len(query(db, "SELECT id FROM documents")) == 30
