"""Calendar arithmetic and the TIMEX3 value formats (2022-12-15, 2022-11, 2013-W11, 2009-Q1, 199)."""

from __future__ import annotations

import calendar
import datetime as dt

PRESENT_REF, PAST_REF, FUTURE_REF = "PRESENT_REF", "PAST_REF", "FUTURE_REF"
MIN_YEAR, MAX_YEAR = 1000, 2199


def timex_type(value: str) -> str:
    """TIME for a value with a time of day (`2022-12-15TMO`, `this morning`), else DATE."""
    return "TIME" if value[:1].isdigit() and "T" in value else "DATE"


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the day does not exist (31 April, 29 February 2015)."""
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        return None
    if not 1 <= day <= days_in_month(year, month):
        return None
    return dt.date(year, month, day)


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """`calendar.monthrange(year, month)[1]` without the weekday it also works out."""
    return _MONTH_DAYS[month] + (month == 2 and calendar.isleap(year))


def day_value(date: dt.date) -> str:
    return date.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def year_value(year: int) -> str:
    return f"{year:04d}"


def week_value(date: dt.date) -> str:
    iso_year, week, _ = date.isocalendar()
    return f"{iso_year:04d}-W{week:02d}"


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def shift_date(date: dt.date, *, days: int = 0, months: int = 0, years: int = 0) -> dt.date:
    """Add calendar months/years (clamping the day: 31 March - 1 month = 28/29 February), then days."""
    year, month = shift_months(date.year, date.month, months + 12 * years)
    day = min(date.day, days_in_month(year, month))
    return dt.date(year, month, day) + dt.timedelta(days=days)


def quarter_of(date: dt.date) -> int:
    return (date.month - 1) // 3 + 1


def expand_two_digit_year(yy: int, anchor: dt.date | None, prefer: str) -> int:
    """19yy or 20yy: the century that puts the year nearest the anchor (at most 20 years ahead)."""
    pivot_year = anchor.year if anchor else dt.date.today().year
    if prefer == "past":
        limit = pivot_year
    elif prefer == "future":
        limit = pivot_year + 80
    else:
        limit = pivot_year + 20
    century = (limit // 100) * 100
    year = century + yy
    return year - 100 if year > limit else year
