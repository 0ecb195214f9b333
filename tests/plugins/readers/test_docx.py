"""The docx reader on Word releases written with python-docx."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from conftest import Read, documents

from pressroom.core.errors import InputError


def test_word_release(tmp_path: Path, make: ModuleType, read: Read) -> None:
    [release] = make.releases(1)
    make.docx(release, tmp_path / "statement.docx")
    [doc] = documents(read(tmp_path / "statement.docx"))
    assert (doc.id, doc.title, doc.date) == ("statement", release.title, release.date)
    assert doc.text.split("\n\n") == release.paragraphs
    assert doc.metadata == {"headings": [release.title]}


def test_without_core_title_the_first_heading_and_broken_files(tmp_path: Path, read: Read) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Heading as title", level=1)
    document.add_paragraph("Body text.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Region", "Funding"
    document.save(str(tmp_path / "a.docx"))
    (tmp_path / "b.docx").write_bytes(b"PK\x03\x04 not really a zip")
    doc, error = read(tmp_path)
    assert not isinstance(doc, InputError)
    assert (doc.title, doc.text, doc.date is not None) == ("Heading as title", "Body text.\n\nRegion\tFunding", True)
    assert isinstance(error, InputError) and str(error).startswith(f"{tmp_path / 'b.docx'}: not a Word .docx file (")
