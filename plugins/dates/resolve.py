"""Anchoring underspecified dates (no year, a weekday, `last month`) on the release date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pressroom.plugins.dates import tense, timex

Prefer = Literal["tense", "past", "future"]


@dataclass(frozen=True)
class Context:
    """What every pattern handler needs: the string, the release date and the options."""

    text: str
    anchor: dt.date | None
    day_first: bool = True
    prefer: Prefer = "tense"

    def direction(self, start: int, end: int) -> tense.Direction:
        """`past`/`future` from the options, or from the tense of the sentence when they say `tense`."""
        if self.prefer != "tense":
            return self.prefer
        return tense.direction(self.text, start, end)

    def two_digit_year(self, yy: int) -> int:
        return timex.expand_two_digit_year(yy, self.anchor, self.prefer)


def month_year(ctx: Context, month: int, start: int, end: int) -> int | None:
    """The year of a month named without one: the release year, moved back or on by the tense."""
    if ctx.anchor is None:
        return None
    year, current = ctx.anchor.year, ctx.anchor.month
    way = ctx.direction(start, end)
    if way == "past" and month > current:
        return year - 1
    if way == "future" and month < current:
        return year + 1
    return year


def day_month_date(ctx: Context, month: int, day: int, start: int, end: int) -> dt.date | None:
    """The date of `11 December` without a year, nearest the release date in the tense's direction."""
    if ctx.anchor is None:
        return None
    anchor = ctx.anchor
    way = ctx.direction(start, end)
    year = anchor.year
    candidate = timex.make_date(year, month, day)
    if way == "past" and (candidate is None or candidate > anchor):
        year -= 1
    elif way == "future" and (candidate is None or candidate < anchor):
        year += 1
    # 29 February falls back to the nearest leap year in the same direction, or either way without one.
    steps = {"future": (1,), "past": (-1,)}.get(way, (1, -1))
    for distance in range(9):
        for step in steps:
            date = timex.make_date(year + step * distance, month, day)
            if date is not None:
                return date
    return None


def weekday_date(ctx: Context, weekday: int, modifier: str, start: int, end: int) -> dt.date | None:
    """The date of `Friday`, `last Friday`, `next Friday`: past inclusive of the release day, future not."""
    if ctx.anchor is None:
        return None
    anchor = ctx.anchor
    modifier = modifier.lower()
    if modifier in {"last", "past"}:
        back = (anchor.weekday() - weekday) % 7 or 7
        return anchor - dt.timedelta(days=back)
    if modifier in {"next", "coming"}:
        ahead = (weekday - anchor.weekday()) % 7 or 7
        return anchor + dt.timedelta(days=ahead)
    if modifier == "this":
        return anchor + dt.timedelta(days=weekday - anchor.weekday())
    way = ctx.direction(start, end)
    if way == "future":
        ahead = (weekday - anchor.weekday()) % 7 or 7
        return anchor + dt.timedelta(days=ahead)
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and ctx.prefer == "past":
        back = 7
    return anchor - dt.timedelta(days=back)
