"""HTML to paragraphs, with the standard library: the one conversion the html, feed and e-mail readers share."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from html.parser import HTMLParser

# Elements whose start or end begins a new paragraph.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "td", "th", "tr", "ul", "body",
})
_SKIPPED = frozenset({"script", "style", "noscript", "template", "head"})
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")


@functools.cache
def _paragraph_parser() -> type[HTMLParser]:
    """The parser class, defined on first use: html.parser (with its table of entities) loads only for runs that
    read HTML."""
    from html.parser import HTMLParser

    class Paragraphs(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.paragraphs: list[str] = []
            self._lines: list[str] = [""]
            self._skipping = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in _SKIPPED:
                self._skipping += 1
            elif tag == "br":
                self._lines.append("")
            elif tag in _BLOCKS:
                self._end_paragraph()

        def handle_endtag(self, tag: str) -> None:
            if tag in _SKIPPED:
                self._skipping = max(0, self._skipping - 1)
            elif tag in _BLOCKS:
                self._end_paragraph()

        def handle_data(self, data: str) -> None:
            if not self._skipping:
                self._lines[-1] += data

        def close(self) -> None:
            super().close()
            self._end_paragraph()

        def _end_paragraph(self) -> None:
            lines = [_SPACES.sub(" ", line).strip() for line in self._lines]
            paragraph = "\n".join(line for line in lines if line)
            if paragraph:
                self.paragraphs.append(paragraph)
            self._lines = [""]

    return Paragraphs


def html_paragraphs(html: str) -> list[str]:
    """The paragraphs of an HTML page or fragment: block elements end one, ``<br>`` breaks a line; scripts, styles
    and the head are left out."""
    parser = _paragraph_parser()()
    parser.feed(html)
    parser.close()
    return parser.paragraphs
