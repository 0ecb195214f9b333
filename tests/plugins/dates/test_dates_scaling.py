"""`dates` does work in proportion to the text: counted in executed Python lines, not seconds, so the check
holds on a busy machine. Choosing among overlapping candidates was once quadratic in the number of mentions."""

from __future__ import annotations

import datetime as dt
import sys
from types import FrameType
from typing import Any

from pressroom.plugins.dates.extract import find_dates

PARAGRAPH = ("On 11 December 2009 the Minister said that last month exports rose, and on Friday the 1990s "
             "were recalled; talks resume in March 2010, 12/03/2010 at 9 am.\n")


def lines_executed(text: str) -> tuple[int, int]:
    """Python lines run by ``find_dates`` on ``text``, and the hits it found."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += event == "line"
        return trace

    sys.settrace(trace)
    try:
        hits = find_dates(text, dt.date(2010, 1, 15))
    finally:
        sys.settrace(None)
    return count, len(hits)


def test_work_grows_linearly_with_the_number_of_mentions() -> None:
    small_work, small_hits = lines_executed(PARAGRAPH * 150)
    large_work, large_hits = lines_executed(PARAGRAPH * 600)
    assert small_hits >= 900 and large_hits == 4 * small_hits
    # Four times the mentions: four times the work, with a margin for fixed costs; quadratic would be ~16.
    assert large_work / small_work < 4.5, (small_work, large_work)


def test_results_do_not_depend_on_the_length_of_the_text() -> None:
    """A mention is found the same way alone and among thousands of others."""
    one = find_dates(PARAGRAPH, dt.date(2010, 1, 15))
    many = find_dates(PARAGRAPH * 300, dt.date(2010, 1, 15))
    width = len(PARAGRAPH)
    assert [(h.start, h.end, h.value, h.kind) for h in many] == [
        (h.start + i * width, h.end + i * width, h.value, h.kind) for i in range(300) for h in one]
