"""PDF releases (pypdf, in layout mode: of pypdf and pdfplumber it kept the most paragraphs whole on real releases,
see benchmarks/bench_readers.py): text per page with page breaks recorded as form feeds."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any, BinaryIO

from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.preflight import Requirement
from pressroom.core.readers import Record, file_id
from pressroom.plugins.readers.common import ExtraReader

#: Between the text of two pages, so that ``clean`` can rejoin a paragraph split by a page break and drop running
#: headers, footers and page numbers.
PAGE_BREAK = "\f"
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})(\d{2})")
# Titles that tools write for every file.
_NO_TITLE = re.compile(r"^(untitled|microsoft word - .*|.*\.(docx?|pdf))$", re.IGNORECASE)


class PdfReader(ExtraReader):
    name = "pdf"
    requires = (Requirement("pdf", ("pypdf",)),)
    description = ("a PDF with a text layer: pages' paragraphs, page breaks as form feeds; title and date from the "
                   "document properties; id from the file name")
    extensions = (".pdf",)

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def read_with(self, pypdf: ModuleType, stream: BinaryIO, source: str) -> Iterator[Record]:
        # pypdf logs what it repairs without naming the file; what cannot be read becomes a located error here.
        logging.getLogger("pypdf").setLevel(logging.ERROR)
        try:
            pdf = pypdf.PdfReader(io.BytesIO(stream.read()))
            if pdf.is_encrypted and not pdf.decrypt(""):
                yield InputError("the PDF is encrypted with a password; save a decrypted copy", source=source)
                return
            pages = [_page_paragraphs(page.extract_text(extraction_mode="layout")) for page in pdf.pages]
            info = pdf.metadata or {}
        except pypdf.errors.PdfReadError as exc:
            yield InputError(f"not a readable PDF ({exc}); check the file", source=source)
            return
        yield _document(pages, info, source)


def _document(pages: list[list[str]], info: Any, source: str) -> Record:
    if not any(pages):
        return InputError(f"no text in the PDF's {len(pages)} page(s): it holds only images (a scan); run OCR on "
                          "it first (for example ocrmypdf)", source=source)
    title = " ".join(str(info.get("/Title") or "").split())
    if _NO_TITLE.match(title):
        title = ""
    first = next(page for page in pages if page)
    if not title:
        title = first[0]
    if title in first:  # the title is shown on the page: it is not body text
        first.remove(title)
    text = PAGE_BREAK.join("\n\n".join(page) for page in pages)
    return Document(id=file_id(source), title=title, text=text, date=_pdf_date(info.get("/CreationDate")),
                    source=source, metadata={"pages": len(pages)})


def _page_paragraphs(text: str) -> list[str]:
    """Layout text's paragraphs (blocks between blank lines), each one line; a line ending in a hyphen joins the
    next without a space."""
    paragraphs = []
    for block in _BLANK_LINES.split(text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        joined = ""
        for line in lines:
            joined += line if not joined or joined.endswith("-") else " " + line
        if joined:
            paragraphs.append(" ".join(joined.split()))
    return paragraphs


def _pdf_date(value: object) -> dt.date | None:
    match = _PDF_DATE.match(str(value or ""))
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None
