"""Readers for releases as they are published: web pages, feeds, PDF, Word and e-mail.

Registered through ``pressroom_readers`` like any third-party reader; each imports its library (an optional extra)
only when it reads a file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pressroom.core import hookimpl

if TYPE_CHECKING:
    from pressroom.core.readers import Reader


@hookimpl
def pressroom_readers() -> list[type[Reader]]:
    from pressroom.plugins.readers.docx import DocxReader
    from pressroom.plugins.readers.eml import EmlReader
    from pressroom.plugins.readers.feed import FeedReader
    from pressroom.plugins.readers.html import HtmlReader
    from pressroom.plugins.readers.pdf import PdfReader

    # Order matters for format "auto" when content decides: a feed is XML before it looks like a page.
    return [FeedReader, HtmlReader, PdfReader, DocxReader, EmlReader]
