"""Page breaks (form feeds, as the pdf reader and pdftotext write them): drop what a printer repeats on every page
(running headers and footers, page numbers) and leave a paragraph break, which ``rejoin`` closes again when a
sentence ran on across the page."""

from __future__ import annotations

import re
from collections import Counter

PAGE_BREAK = "\f"
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_PAGE_NUMBER = re.compile(r"(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
# A line at the top or bottom of this many pages is the printer's, not the author's.
_RUNNING_MIN_PAGES = 2


def _shape(line: str) -> str:
    """A running header's shape: page numbers and dates in it change from page to page."""
    return _DIGITS.sub("#", " ".join(line.split())).casefold()


def _edges(page: list[str]) -> list[int]:
    """Indexes of a page's first and last paragraphs, where printers put headers, footers and numbers."""
    return sorted({0, len(page) - 1}) if page else []


def remove_page_furniture(text: str, counts: Counter[str]) -> str:
    """The text with its pages joined by paragraph breaks, less page numbers and lines repeated at page edges."""
    if PAGE_BREAK not in text:
        return text
    pages = [[p.strip() for p in _PARAGRAPHS.split(page) if p.strip()] for page in text.split(PAGE_BREAK)]
    seen: Counter[str] = Counter(_shape(page[i]) for page in pages for i in _edges(page))
    kept_pages = []
    for page in pages:
        drop = set()
        for i in _edges(page):
            if _PAGE_NUMBER.fullmatch(page[i]):
                counts["page_numbers"] += 1
                drop.add(i)
            elif len(pages) > 1 and seen[_shape(page[i])] >= _RUNNING_MIN_PAGES:
                counts["running_headers"] += 1
                drop.add(i)
        kept_pages.append([p for i, p in enumerate(page) if i not in drop])
    counts["page_breaks"] += len(pages) - 1
    return "\n\n".join(p for page in kept_pages for p in page)
