"""English calendar words shared by the patterns: months, weekdays, seasons, number words."""

from __future__ import annotations

from collections.abc import Iterable

from pressroom.plugins.word_trees import word_tree

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
FULL_MONTHS = {name for name, number in MONTHS.items() if len(name) > 4 or name in {"may", "june", "july"}}
# Names that are safe on their own ("in June"); abbreviations and "May" need a day or year beside them.
STANDALONE_MONTHS = {name for name in MONTHS if len(name) > 4 or name in {"june", "july"}} | {"march", "april"}

WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
FULL_WEEKDAYS = {name for name in WEEKDAYS if name.endswith("day")}

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

#: The units a count of time ends in: `three weeks`, `a year and two months`.
COUNT_UNITS = {"day", "days", "week", "weeks", "fortnight", "fortnights", "month", "months", "year", "years",
               "decade", "decades", "century", "centuries"}

DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100,
}

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty first": 21,
}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words as a tree (``word_tree``); a space in a word also matches a hyphen
    (`twenty-first`)."""
    return word_tree(words, space=r"[\s-]+")
