"""RSS and Atom feeds: every item is a document (feedparser), its HTML turned into paragraphs like a page's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePath
from types import ModuleType
from typing import Any, BinaryIO

from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.preflight import Requirement
from pressroom.core.readers import Record
from pressroom.plugins.readers.common import ExtraReader, header_date, paragraphs_from_text
from pressroom.plugins.readers.markup import html_paragraphs

_SNIFF = re.compile(rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<\?[^>]*>\s*)*<(rss|feed|rdf:RDF)\b", re.DOTALL)
_ITEM = re.compile(rb"<(item|entry)[\s>]")


class FeedReader(ExtraReader):
    name = "feed"
    requires = (Requirement("feed", ("feedparser",)),)
    description = ("an RSS 2.0 or Atom feed: one document per item; id from guid/id (else the link), date from "
                   "pubDate/published/updated, text from content:encoded or description")
    extensions = (".rss", ".atom", ".xml")

    @classmethod
    def accepts(cls, suffix: str, head: bytes) -> bool:
        # ".xml" is any XML: take it only when it is a feed.
        return suffix in (".rss", ".atom") or (suffix == ".xml" and cls.sniff(head))

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return _SNIFF.match(head.lstrip(b"\xef\xbb\xbf")) is not None

    @classmethod
    def count(cls, stream: BinaryIO) -> int:
        return len(_ITEM.findall(stream.read()))

    def read_with(self, feedparser: ModuleType, stream: BinaryIO, source: str) -> Iterator[Record]:
        parsed = feedparser.parse(stream.read())
        broken = parsed.get("bozo_exception") if parsed.get("bozo") else None
        line = getattr(broken, "getLineNumber", lambda: None)()
        if not parsed.get("version"):
            where = f"{source}:{line}" if line else source
            reason = f" ({broken})" if broken else ""
            yield InputError(f"not an RSS or Atom feed{reason}; check the file or set input.format", source=where)
            return
        for number, entry in enumerate(parsed.entries, start=1):
            yield _item(entry, source, number)
        if line:  # the XML breaks here: what came after it may be missing
            yield InputError(f"the feed's XML is broken at line {line} ({broken.getMessage()}); "
                             f"{len(parsed.entries)} items were found before it, the last perhaps cut short, and any "
                             "after it are missing: fix the file and read it again", source=f"{source}:{line}")


def _item(entry: Any, source: str, number: int) -> Record:
    where = f"{source}:item {number}"
    link = entry.get("link") or ""
    # content:encoded (or Atom content), else the description (or Atom summary), each with its type.
    body = (entry.get("content") or [entry.get("summary_detail") or {}])[0]
    markup = body.get("value") or ""
    paragraphs = paragraphs_from_text(markup) if body.get("type") == "text/plain" else html_paragraphs(markup)
    title = (entry.get("title") or "").strip()
    if not paragraphs and not title:
        return InputError("the item has neither title nor text; fill it in or remove it", source=where)
    raw_date = entry.get("published") or entry.get("updated") or ""
    metadata = {key: found for key, found in (("url", link), ("date_raw", raw_date)) if found}
    return Document(id=entry.get("id") or link or f"{PurePath(source).name}:item {number}", title=title,
                    text="\n\n".join(paragraphs), date=header_date(raw_date), source=where, metadata=metadata)
