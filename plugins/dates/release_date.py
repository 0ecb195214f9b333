"""The release date written in the text itself: a dateline (`KABUL, Afghanistan (Jan. 25, 2013)`,
`11 MAY 1996`, `Washington, March 3, 2009`) near the start."""

from __future__ import annotations

import datetime as dt
import re

from pressroom.plugins.dates.absolute import full_dates
from pressroom.plugins.dates.programs import program

# A date after one of these words is an event in a sentence (`the blasts in Bali on 1 October 2005`).
_IN_SENTENCE = program(
    r"\b(?:on|in|at|since|from|until|till|by|of|to|before|after|between|and|during|for|than)\s+"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


def find_release_date(text: str, *, window: int, day_first: bool = True) -> dt.date | None:
    """The first complete date (day, month and year) in the first ``window`` characters that stands as
    a dateline rather than inside a sentence, if any."""
    head = text[:window]
    for hit in full_dates(head, day_first=day_first):
        if not _IN_SENTENCE.search(head, max(0, hit.start - 30), hit.start):
            return dt.date.fromisoformat(hit.value)
    return None
