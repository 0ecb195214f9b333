"""Documents that try to break offsets and markup, and small helpers of the review tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pressroom.core import DateSpan, Document, EntitySpan


def entity(doc_text: str, text: str, label: str, field: str = "text", occurrence: int = 0, **extra: Any) -> EntitySpan:
    start = _find(doc_text, text, occurrence)
    return EntitySpan(start=start, end=start + len(text), text=text, label=label, field=field, **extra)  # type: ignore[arg-type]


def date(doc_text: str, text: str, value: str, field: str = "text") -> DateSpan:
    start = _find(doc_text, text, 0)
    return DateSpan(start=start, end=start + len(text), text=text, value=value, field=field)  # type: ignore[arg-type]


def _find(haystack: str, needle: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = haystack.index(needle, start + 1)
    return start


def tricky_documents() -> list[Document]:
    """Non-BMP characters (emoji, a flag, mathematical letters) before spans; markup and quotes as text."""
    title = "Cup won 🏆 in 𝔖ydney"
    text = ("Team 🇦🇺 wins 𝔘 the cup 😀 in Canberra on 3 May 2021.\n\n"
            "The Minister, Jane Doe, thanked the Australian Sports Commission.")
    markup_title = 'A <script>window.pwned = 1</script> "quoted" title'
    markup_text = ('He wrote </mark><b>bold</b> and "quotes" & <img src=x onerror="window.pwned=2"> '
                   "before meeting Kevin Rudd in Brisbane <script>window.pwned = 3</script> yesterday.")
    return [
        Document(id="tricky-unicode", date="2021-05-04", title=title, text=text,
                 entities=[entity(title, "𝔖ydney", "GPE", "title"), entity(text, "Canberra", "GPE"),
                           entity(text, "Minister", "TITLE"), entity(text, "Jane Doe", "PERSON"),
                           entity(text, "Australian Sports Commission", "ORG", canonical="ASC")],
                 dates=[date(text, "3 May 2021", "2021-05-03")]),
        Document(id='markup-"<script>', date="2010-06-24", title=markup_title, text=markup_text,
                 entities=[entity(markup_title, "script", "ORG", "title"), entity(markup_text, "Kevin Rudd", "PERSON"),
                           entity(markup_text, "Brisbane", "GPE"), entity(markup_text, "mark", "LOC")],
                 dates=[date(markup_text, "yesterday", "2010-06-23")]),
        Document(id="nested-and-undated", title="", text="Prime Minister Kevin Rudd spoke in June 2008.",
                 entities=[EntitySpan(start=0, end=25, text="Prime Minister Kevin Rudd", label="PERSON"),
                           EntitySpan(start=0, end=14, text="Prime Minister", label="TITLE"),
                           EntitySpan(start=15, end=25, text="Kevin Rudd", label="PERSON")],
                 dates=[DateSpan(start=35, end=44, text="June 2008", value="2008-06")]),
    ]


def write_jsonl(documents: list[Document], path: Path) -> Path:
    path.write_text("".join(json.dumps(doc.model_dump(mode="json", exclude_defaults=True), ensure_ascii=False) + "\n"
                            for doc in documents), encoding="utf-8")
    return path


def wait_ready(driver: Any) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
