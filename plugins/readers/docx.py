"""Word documents (python-docx): paragraphs and tables in order, headings listed, title and date from the
document's core properties when present."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from types import ModuleType
from typing import Any, BinaryIO

from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.preflight import Requirement
from pressroom.core.readers import Record, file_id
from pressroom.plugins.readers.common import ExtraReader


class DocxReader(ExtraReader):
    name = "docx"
    requires = (Requirement("docx", ("docx",)),)
    description = ("a Word .docx file: paragraphs and table rows in order; title and date from the core properties, "
                   "else the first heading; id from the file name")
    extensions = (".docx",)

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") and (b"word/" in head or b"[Content_Types].xml" in head)

    def read_with(self, docx: ModuleType, stream: BinaryIO, source: str) -> Iterator[Record]:
        try:
            document = docx.Document(io.BytesIO(stream.read()))
        except (zipfile.BadZipFile, KeyError, ValueError, docx.opc.exceptions.PackageNotFoundError) as exc:
            yield InputError(f"not a Word .docx file ({exc or type(exc).__name__}); a password-protected file or an "
                             "old .doc must be saved as .docx first", source=source)
            return
        yield _document(document, source)


def _document(document: Any, source: str) -> Record:
    paragraphs: list[str] = []
    headings: list[str] = []
    # Style names looked up once per style: python-docx's Paragraph.style searches every style for each paragraph.
    style_names: dict[str | None, str] = {None: ""}
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):  # a table: one paragraph per row
            paragraphs += [row for row in ("\t".join(cell.text.strip() for cell in r.cells) for r in block.rows)
                           if row.strip()]
            continue
        text = block.text.strip()
        if not text:
            continue
        style_id = block._p.style
        if style_id not in style_names:
            found = document.styles.element.get_by_id(style_id)
            # Built-in names as stored: "heading 1", "Title".
            style_names[style_id] = ((found.name_val if found is not None else "") or "").lower()
        style = style_names[style_id]
        if style == "title" or style.startswith("heading"):
            headings.append(text)
        paragraphs.append(text)
    properties = document.core_properties
    title = (properties.title or "").strip() or (headings[0] if headings else "")
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if not paragraphs:
        return InputError("the document has no text; check the file", source=source)
    created = properties.created
    metadata = {"headings": headings} if headings else {}
    return Document(id=file_id(source), title=title, text="\n\n".join(paragraphs),
                    date=created.date() if created else None, source=source, metadata=metadata)
