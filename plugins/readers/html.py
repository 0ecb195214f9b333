"""Saved web pages: the main text (trafilatura) without navigation, footers and banners; title, date (htmldate),
canonical URL and language from the page."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any, BinaryIO

from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.preflight import Requirement
from pressroom.core.readers import Record, file_id
from pressroom.plugins.readers.common import ExtraReader
from pressroom.plugins.readers.markup import html_paragraphs

_SNIFF = re.compile(rb"\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html)", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"\s+")
# htmldate's default earliest date is 1995; archived releases are older.
_EARLIEST = "1900-01-01"


class HtmlReader(ExtraReader):
    name = "html"
    requires = (Requirement("html", ("trafilatura", "htmldate", "lxml_html_clean")),)
    description = ("a saved web page: its main text as paragraphs, title from og:title, <h1> or <title>, date from "
                   "the page's metadata or visible date; id from the file name")
    extensions = (".html", ".htm", ".xhtml")

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return _SNIFF.match(head) is not None

    def read_with(self, trafilatura: ModuleType, stream: BinaryIO, source: str) -> Iterator[Record]:
        yield _page(trafilatura, stream.read(), source)


def _page(trafilatura: ModuleType, data: bytes, source: str) -> Record:
    """The document of one HTML page, or the InputError saying why it has none."""
    import htmldate  # a dependency of trafilatura

    tree = trafilatura.load_html(data)
    if tree is None:
        return InputError("not an HTML page that can be parsed; check the file", source=source)
    title = page_title(tree)
    date, date_source = page_date(htmldate, tree)
    main = trafilatura.extract(copy.deepcopy(tree), output_format="html", include_comments=False,
                               include_tables=True, favor_precision=True)
    paragraphs = html_paragraphs(main) if main else []
    if paragraphs and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    if not paragraphs:
        return InputError("no main text found on the page (only navigation, or content loaded by scripts); "
                          "save the release's own page", source=source)
    metadata: dict[str, Any] = {"date_source": date_source} if date else {}
    canonical = _first(tree, '//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content')
    language = _first(tree, "/html/@lang", "//html/@lang", '//meta[@http-equiv="content-language"]/@content')
    metadata |= {key: value for key, value in (("url", canonical), ("language", language)) if value}
    return Document(id=file_id(source), title=title, text="\n\n".join(paragraphs), date=date, source=source,
                    metadata=metadata)


def page_title(tree: Any) -> str:
    """``og:title``, else the first ``<h1>``, else ``<title>``."""
    for path in ('//meta[@property="og:title"]/@content', "//h1", "//title"):
        for found in tree.xpath(path):
            text = _SPACES.sub(" ", found if isinstance(found, str) else found.text_content()).strip()
            if text:
                return text
    return ""


def page_date(htmldate: Any, tree: Any) -> tuple[dt.date | None, str]:
    """The release date from the page's metadata, else from a date shown on the page, and which it was."""
    for extensive, where in ((False, "html metadata"), (True, "html text")):
        found = htmldate.find_date(copy.deepcopy(tree), extensive_search=extensive, original_date=True,
                                   min_date=_EARLIEST)
        if found:
            return dt.date.fromisoformat(found), where
    return None, "none"


def _first(tree: Any, *paths: str) -> str:
    return next((str(value).strip() for path in paths for value in tree.xpath(path) if str(value).strip()), "")


def _same(paragraph: str, title: str) -> bool:
    return _SPACES.sub(" ", paragraph).strip().casefold() == title.casefold()
