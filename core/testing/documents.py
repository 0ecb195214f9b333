"""Documents for tests: a builder, and samples that exercise the usual trouble spots of real releases."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pressroom.core.document import Document


def make_document(text: str = "", title: str = "", id: str = "doc", date: dt.date | str | None = None,
                  **fields: Any) -> Document:
    """A document from keyword arguments; ``date`` may be a ``YYYY-MM-DD`` string."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    return Document(id=id, title=title, text=text, date=date, **fields)


def sample_documents() -> list[Document]:
    """Short releases written for Pressroom's tests: dated and undated, clean and messy, empty and title-only."""
    return [
        make_document(
            id="sample-visit", date="2022-12-15",
            title="President Ilham Aliyev received Secretary General of the Organization of Turkic States",
            text=("President of the Republic of Azerbaijan Ilham Aliyev has received Secretary General Kubanychbek "
                  "Omuraliev on 15 December 2022.\n\nThey discussed the summit held in Samarkand last month and "
                  "agreed to meet again next year. Omuraliev thanked the President.")),
        make_document(
            id="sample-ocr", date="1987-03-04",
            title="PRIME MINISTER - MEDIA RELEASE",
            text=("FOR PRESS\n\n4 March 1987\n\nThe Prime Minister, Mr Hawke, announced today that the Government "
                  "will\n\nprovide $100 million to the states over the next three\n\nyears for hos-\npitals in "
                  "Sydney, Melbourne and Perth.\n\nE&EO")),
        make_document(
            id="sample-mojibake",
            title="Minister\u2019s statement",
            text=("The Ministerâ€™s office said on Friday that the 2nd quarter figures\u00a0were "
                  "\u201cencouraging\u201d.\u200b Talks with the European Union resume in January 2023.")),
        make_document(id="sample-title-only", title="Statement by the Prime Minister on 11 May 1996"),
        make_document(id="sample-empty"),
    ]
