"""The pdf reader on PDF releases written with reportlab."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from conftest import Read, documents

from pressroom.core.errors import InputError


def test_pdf_release_over_pages(tmp_path: Path, make: ModuleType, read: Read) -> None:
    release = max(make.releases(20), key=lambda r: len(" ".join(r.paragraphs)))
    make.pdf(release, tmp_path / "release.pdf")
    [doc] = documents(read(tmp_path / "release.pdf"))
    assert (doc.id, doc.title, doc.date) == ("release", release.title, release.date)
    pages = doc.text.split("\f")
    assert len(pages) == doc.metadata["pages"] >= 2
    paragraphs = [p for page in pages for p in page.split("\n\n")]
    # Every paragraph whole, except one split by a page break; the running header and page numbers are there for
    # clean to drop.
    assert sum(p in paragraphs for p in release.paragraphs) >= len(release.paragraphs) - (len(pages) - 1)
    assert paragraphs.count("PRIME MINISTER OF AUSTRALIA - MEDIA RELEASE") == len(pages)
    assert "Page 2" in paragraphs


def test_encrypted_scanned_and_broken_pdfs_are_located_errors(tmp_path: Path, make: ModuleType, read: Read) -> None:
    from pypdf import PdfReader, PdfWriter

    [release] = make.releases(1)
    make.pdf(release, tmp_path / "a-good.pdf")
    locked = PdfWriter(clone_from=PdfReader(tmp_path / "a-good.pdf"))
    locked.encrypt("secret")
    locked.write(tmp_path / "b-locked.pdf")
    blank = PdfWriter()
    blank.add_blank_page(595, 842)
    blank.write(tmp_path / "c-scan.pdf")
    (tmp_path / "d-cut.pdf").write_bytes((tmp_path / "a-good.pdf").read_bytes()[:300])
    good, *errors = read(tmp_path)
    assert not isinstance(good, InputError) and good.title == release.title
    assert [str(e) for e in errors[:2]] == [
        f"{tmp_path / 'b-locked.pdf'}: the PDF is encrypted with a password; save a decrypted copy",
        f"{tmp_path / 'c-scan.pdf'}: no text in the PDF's 1 page(s): it holds only images (a scan); run OCR on it "
        "first (for example ocrmypdf)",
    ]
    assert len(errors) == 3 and str(errors[2]).startswith(f"{tmp_path / 'd-cut.pdf'}: not a readable PDF (")


def test_clean_rejoins_pages_and_drops_running_header_and_page_numbers(tmp_path: Path, make: ModuleType,
                                                                       read: Read) -> None:
    from pressroom.core import Document
    from pressroom.plugins.clean.step import CleanStep

    release = max(make.releases(20), key=lambda r: len(" ".join(r.paragraphs)))
    make.pdf(release, tmp_path / "release.pdf")
    [doc] = documents(read(tmp_path / "release.pdf"))
    step = CleanStep()
    step.setup()
    cleaned = step.process(doc)
    paragraphs = cleaned.text.split("\n\n")
    assert "\f" not in cleaned.text
    assert "PRIME MINISTER OF AUSTRALIA - MEDIA RELEASE" not in cleaned.text
    assert not [p for p in paragraphs if p.startswith("Page ")]
    # The paragraph the page break split is whole again: every paragraph of the release is there, cleaned as it
    # would be on its own (clean also uncurls quotes).
    expected = [step.process(Document(id="p", text=p)).text for p in release.paragraphs]
    assert [p for p in expected if p not in paragraphs] == []
    counts = cleaned.metadata["clean"]
    pages = doc.metadata["pages"]
    assert (counts["page_breaks"], counts["running_headers"], counts["page_numbers"]) == (pages - 1, pages, pages)
