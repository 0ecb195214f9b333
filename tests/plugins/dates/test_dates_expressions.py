"""Single expressions against a fixed release date: one row per form a release may use."""

from __future__ import annotations

import datetime as dt

import pytest

from pressroom.plugins.dates.extract import find_dates

RELEASE = dt.date(2022, 12, 15)  # a Thursday, in ISO week 50


def values(text: str, anchor: dt.date | None = RELEASE, **options: object) -> list[tuple[str, str]]:
    return [(text[h.start : h.end], h.value) for h in find_dates(text, anchor, **options)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # absolute dates in their common written forms
        ("It was signed on 25 January 2013.", [("25 January 2013", "2013-01-25")]),
        ("KABUL, Afghanistan (Jan. 25, 2013) -", [("Jan. 25, 2013", "2013-01-25")]),
        ("Washington, March 3, 2009", [("March 3, 2009", "2009-03-03")]),
        ("11 MAY 1996", [("11 MAY 1996", "1996-05-11")]),
        ("on Tuesday, 22nd June, 2016.", [("Tuesday, 22nd June, 2016", "2016-06-22")]),
        ("the 5th of May 2001", [("the 5th of May 2001", "2001-05-05")]),
        ("in November 2006 and May of 2008", [("November 2006", "2006-11"), ("May of 2008", "2008-05")]),
        ("9 and 10 July 1970", [("9", "1970-07-09"), ("10 July 1970", "1970-07-10")]),
        # numeric dates
        ("Dated 13/03/2014.", [("13/03/2014", "2014-03-13")]),
        ("8.12.75 In a statement", [("8.12.75", "1975-12-08")]),
        ("ISO 2014-12-12T12:33", [("2014-12-12", "2014-12-12")]),
        # years, decades, centuries, periods
        ("since 1998, and by 2030 too", [("1998", "1998"), ("2030", "2030")]),
        ("in the 1990s and the 70s", [("1990s", "199"), ("70s", "197")]),
        ("the 20th century", [("the 20th century", "19")]),
        ("profit in the first quarter of 2009", [("the first quarter of 2009", "2009-Q1")]),
        ("Q3 2021 results", [("Q3 2021", "2021-Q3")]),
        ("summer 2010", [("summer 2010", "2010-SU")]),
        ("the first half of 2020", [("the first half of 2020", "2020-H1")]),
        # relative to the release date
        ("They met today.", [("today", "2022-12-15")]),
        ("He arrived yesterday.", [("yesterday", "2022-12-14")]),
        ("It opens tomorrow.", [("tomorrow", "2022-12-16")]),
        ("held in Samarkand last month", [("last month", "2022-11")]),
        ("due next year", [("next year", "2023")]),
        ("earlier this year", [("earlier this year", "2022")]),
        ("this week", [("this week", "2022-W50")]),
        ("last week", [("last week", "2022-W49")]),
        ("three weeks ago", [("three weeks ago", "2022-11-24")]),
        ("two years ago", [("two years ago", "2020")]),
        ("the end of last year", [("the end of last year", "2021")]),
        ("early 2009", [("early 2009", "2009")]),
        ("the past decade", [("the past decade", "201")]),
        # underspecified dates read from tense
        ("They met on Monday.", [("Monday", "2022-12-12")]),
        ("They will meet on Monday.", [("Monday", "2022-12-19")]),
        ("It was agreed in October.", [("October", "2022-10")]),
        ("The talks were held on 11 December.", [("11 December", "2022-12-11")]),
        ("The summit will be held on 3 February.", [("3 February", "2023-02-03")]),
        # `indeed`, `speed`, `hundred` are no past forms: the future cue before them decides
        ("Talks are scheduled, indeed, for Friday.", [("Friday", "2022-12-16")]),
        ("Talks are planned at full speed for Friday.", [("Friday", "2022-12-16")]),
        # TIMEX3 references
        ("It is now clear and recently agreed.", [("now", "PRESENT_REF"), ("recently", "PAST_REF")]),
        ("in the near future", [("the near future", "FUTURE_REF")]),
        ("the recent floods, worst in recent years", [("recent", "PAST_REF"), ("recent years", "PAST_REF")]),
        # a weekday after a capitalised word that does not name a day (`Black Monday` does)
        ("Shares fell in Europe and Asia Monday.", [("Monday", "2022-12-12")]),
        # a year between capitalised words is a name, unless a date follows
        ("Developers Conference 2010 June 8", [("2010", "2010"), ("June 8", "2022-06-08")]),
        # the month takes its year from `of next year`, which stays a date of its own
        ("renewed after October of next year", [("October", "2023-10"), ("next year", "2023")]),
        # `later`/`earlier` count from the last whole date before them, else from the release date
        ("It arrived on 3 March 2020 and left two days later.", [("3 March 2020", "2020-03-03"),
                                                                 ("two days later", "2020-03-05")]),
        ("It will open two weeks later.", [("two weeks later", "2022-12-29")]),
        ("1 year, 1 month, 1 week, 1 day, 1 hour and 1 minute ago",
         [("1 year, 1 month, 1 week, 1 day, 1 hour and 1 minute ago", "2021-11-07")]),
        # more numeric forms: spaced, zero-padded day and month without a year, a bracketed month
        ("26. 10.21", [("26. 10.21", "2021-10-26")]),
        ("30 . 09 . 22", [("30 . 09 . 22", "2022-09-30")]),
        ("due on 29/02", [("29/02", "2024-02-29")]),
        ("[Sept] 04, 2014.", [("Sept] 04, 2014", "2014-09-04")]),
        # a clock beside a day makes a time; an amount does not
        ("December 13, 2014 at midnight", [("December 13, 2014 at midnight", "2014-12-13T24:00")]),
        ("10:06am Dec 11, 2014", [("10:06am Dec 11, 2014", "2014-12-11T10:06")]),
        ("rose on 3 March 4.30 per cent", [("3 March", "2022-03-03")]),
    ],
)
def test_expression_value(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the 9th Summit of the Organization",
        "the 44-day Patriotic War",
        "a $100 million package",
        "6,400 apprentices",
        "about 2000 people attended",
        "Resolution 1441 was adopted",
        "the top 5 may fall",
        "they march on",
        "in their 70s",
        "Black Monday",
        "the Russell 2000 Index fell",
        "Good Friday",
        "the now-cancelled deal and the soon-to-open terminal",
        "three days later than planned",
        "a 10/10 score, open 24/7",
        "formerly state-owned",
        "their most recent model",
        "the now-cancelled deal",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert values(text) == []


def test_a_long_list_of_durations_is_read_in_linear_time() -> None:
    # A pattern that could split the spaces between amounts many ways backtracked exponentially here.
    assert values("7 years\n\n" * 40 + "list of attachments") == []


def test_spans_leave_out_leading_prepositions_but_keep_modifiers() -> None:
    found = values("It began in mid-June, on Friday and since last year.")
    assert [span for span, _ in found] == ["mid-June", "Friday", "last year"]


def test_without_a_release_date_relative_dates_keep_their_direction() -> None:
    found = values("He left yesterday, returns next month, and signs on 11 December.", anchor=None)
    assert found == [("yesterday", "PAST_REF"), ("next month", "FUTURE_REF"), ("11 December", "XXXX-12-11")]


def test_types_select_expression_kinds() -> None:
    text = "On 3 March 2020, last month and now."
    assert values(text, kinds=["relative"]) == [("last month", "2022-11")]
    assert values(text, kinds=["absolute", "reference"]) == [("3 March 2020", "2020-03-03"), ("now", "PRESENT_REF")]


def test_numeric_order_option() -> None:
    assert values("03/04/2014", day_first=True) == [("03/04/2014", "2014-04-03")]
    assert values("03/04/2014", day_first=False) == [("03/04/2014", "2014-03-04")]
    # 06-17-2014 can only be month-first, whatever the option says
    assert values("06-17-2014", day_first=True) == [("06-17-2014", "2014-06-17")]


def test_29_february_without_a_year_falls_on_the_nearest_leap_year() -> None:
    assert values("29 Feb", anchor=dt.date(1702, 3, 1)) == [("29 Feb", "1704-02-29")]
    assert values("29 Feb", anchor=dt.date(1699, 3, 1)) == [("29 Feb", "1696-02-29")]
    assert values("29/02", anchor=dt.date(2020, 3, 30), prefer="future") == [("29/02", "2024-02-29")]


def test_a_weekday_ending_a_line_is_not_part_of_the_date_below_it() -> None:
    found = values("Markets to remain closed until Friday\nSeptember 18, 2008", anchor=dt.date(2008, 9, 18))
    assert found == [("Friday", "2008-09-19"), ("September 18, 2008", "2008-09-18")]


def test_prefer_option_for_ambiguous_dates() -> None:
    text = "10 December"
    assert values(text, prefer="past") == [(text, "2022-12-10")]
    assert values(text, prefer="future") == [(text, "2023-12-10")]
    assert values("Friday", prefer="past") == [("Friday", "2022-12-09")]
    assert values("Friday", prefer="future") == [("Friday", "2022-12-16")]
