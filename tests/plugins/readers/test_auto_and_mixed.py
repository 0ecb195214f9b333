"""Choosing readers (extension, then content) and a folder of every format through the default pipeline."""

from __future__ import annotations

import gzip
import json
import lzma
import random
import re
from pathlib import Path
from types import ModuleType
from typing import Any

from conftest import READERS, Read

from pressroom.core import Document
from pressroom.core.errors import InputError
from pressroom.core.inputs import choose_reader, count_documents

EXPECTED = {"announcement.eml": "eml", "archive.jsonl.gz": "jsonl", "budget-page.html": "html", "media.rss": "feed",
            "release.pdf": "pdf", "statement.docx": "docx"}


def test_auto_picks_by_extension_then_by_content(tmp_path: Path, make: ModuleType, read: Read) -> None:
    make.mixed_folder(tmp_path / "mixed")
    for name, reader in EXPECTED.items():
        data = (tmp_path / "mixed" / name).read_bytes()
        if name.endswith(".gz"):
            continue  # decompressed before choosing: see tests/core/readers/test_compressed.py
        by_name = choose_reader(name, data[:2048], READERS)
        by_content = choose_reader("download", data[:2048], READERS)  # no extension: sniffed
        assert (by_name and by_name.name, by_content and by_content.name) == (reader, reader), name
        (tmp_path / f"sniffed-{reader}").write_bytes(data)
    sniffed = read(*sorted((tmp_path).glob("sniffed-*")))
    assert [type(r).__name__ for r in sniffed] == ["Document"] * (len(EXPECTED) - 1 + 19)  # the feed has 20 items
    # Progress counts the feed's items and the compressed JSONL's lines.
    assert count_documents([str(tmp_path / "mixed")], READERS) == 26
    # An extension decides before content: a feed saved as .html is read as a page, not as a feed.
    assert choose_reader("feed.html", (tmp_path / "mixed" / "media.rss").read_bytes()[:2048], READERS).name == "html"


def test_folder_of_every_format_through_the_default_pipeline(project: Path, make: ModuleType, cli: Any) -> None:
    tmp_path = project
    expected = make.mixed_folder(tmp_path / "releases")
    result = cli("run", "configs/releases.yaml", "--input", "releases", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in (tmp_path / "out" / "releases.jsonl").read_text().splitlines()]
    assert sorted(row["id"] for row in rows) == sorted(expected)
    for row in rows:
        release = expected[row["id"]]
        assert (row["title"], row["date"]) == (release.title, release.date.isoformat()), row["source"]
        first_words = " ".join(re.findall(r"\w+", release.paragraphs[0])[:12])  # clean may straighten quotes
        assert first_words in " ".join(re.findall(r"\w+", row["text"])), row["source"]
        assert row["entities"] and row["history"][-1]["step"] == "entities", row["source"]
    assert "read 26, written 26, dropped 0, quarantined 0" in result.stderr.decode()


def test_a_broken_file_in_the_folder_is_quarantined_and_the_rest_carry_on(project: Path, make: ModuleType,
                                                                          cli: Any) -> None:
    tmp_path = project
    expected = make.mixed_folder(tmp_path / "releases")
    (tmp_path / "releases" / "cut.pdf").write_bytes((tmp_path / "releases" / "release.pdf").read_bytes()[:200])
    config = tmp_path / "configs" / "releases.yaml"
    config.write_text(config.read_text().replace("max_failures: 1%", "max_failures: 1"))
    result = cli("run", "configs/releases.yaml", "--input", "releases", cwd=tmp_path)
    assert result.returncode == 1 and b"Traceback" not in result.stderr  # exit 1: a document failed
    assert (tmp_path / "out" / "releases.jsonl").read_text().count("\n") == len(expected)
    [entry] = [json.loads(line) for line in (tmp_path / "out" / "quarantine.jsonl").read_text().splitlines()]
    assert (entry["source"], entry["step"]) == ("releases/cut.pdf", "read")
    assert entry["error"].startswith("releases/cut.pdf: not a readable PDF (")


def test_compressed_pages_and_pdfs_are_read_by_their_inner_extension(tmp_path: Path, make: ModuleType,
                                                                     read: Read) -> None:
    make.mixed_folder(tmp_path / "mixed")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress((tmp_path / "mixed" / "budget-page.html").read_bytes()))
    (tmp_path / "release.pdf.xz").write_bytes(lzma.compress((tmp_path / "mixed" / "release.pdf").read_bytes()))
    page, pdf = read(tmp_path / "page.html.gz", tmp_path / "release.pdf.xz")
    assert isinstance(page, Document) and (page.id, page.metadata["language"]) == ("page", "en-AU")
    assert isinstance(pdf, Document) and (pdf.id, pdf.metadata["pages"]) == ("release", 2)


def test_no_damaged_file_ends_the_read(tmp_path: Path, make: ModuleType, read: Read) -> None:
    """Every fixture cut short at several points, and noise under each extension: each file gives documents or
    located input errors, never an exception."""
    make.mixed_folder(tmp_path / "mixed")
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    noise = random.Random(14).randbytes(3000)
    for path in sorted((tmp_path / "mixed").iterdir()):
        data = path.read_bytes()
        for share in (0.1, 0.5, 0.9):
            (damaged / f"cut{share}-{path.name}").write_bytes(data[: int(len(data) * share)])
        (damaged / f"noise-{path.name}").write_bytes(noise)
    records = read(damaged)
    errors = [r for r in records if isinstance(r, InputError)]
    assert all(str(e).startswith(str(damaged / "")) for e in errors)
    named = {Path(e.source.split(":")[0]).name for e in errors}
    assert {f"noise-{p.name}" for p in (tmp_path / "mixed").iterdir()} <= named
