"""Dates relative to the release date: `today`, `last month`, `three weeks ago`, `on Friday`, `11 December`."""

from __future__ import annotations

import datetime as dt
import re

from pressroom.plugins.dates import timex
from pressroom.plugins.dates.absolute import full_dates
from pressroom.plugins.dates.matching import (
    DAY_FIRST_REACH, MONTH_FIRST_REACH, NUMBER, WEEKDAY_OR_DAY_FIRST, WEEKDAY_OR_MONTH_FIRST, WEEKDAY_PREFIX, Hit,
    Kind, Matcher, day, hit, is_capitalized, month, number_value, on, words_before,
)
from pressroom.plugins.dates.programs import program
from pressroom.plugins.dates.resolve import Context, day_month_date, month_year, weekday_date
from pressroom.plugins.dates.triggers import COUNTED_UNIT, MONTH_FIRST, NUMBERED_MONTH, SLASH_DIGITS, UNIT_DIGITS
from pressroom.plugins.dates.vocab import (
    COUNT_UNITS, DAY_PARTS, FULL_WEEKDAYS, MONTHS, STANDALONE_MONTHS, WEEKDAYS, alternation,
)

_BACK = {"last", "past", "previous", "yesterday", "earlier", "ago", "before"}
_AHEAD = {"next", "coming", "following", "tomorrow", "from now", "hence", "in"}


def _unanchored(word: str) -> str:
    """Without a release date only the direction of a relative expression is known."""
    word = word.lower()
    if word in _BACK:
        return timex.PAST_REF
    if word in _AHEAD:
        return timex.FUTURE_REF
    return timex.PRESENT_REF


def _named_day(m: re.Match[str], ctx: Context) -> list[Hit]:
    """`today`, `yesterday morning`, `the day after tomorrow`, `this evening`, `tonight`."""
    word = (m["w"] or "").lower()
    offsets = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "tomorrow": 1}
    if m["before"]:
        offset, word = -2, "yesterday"
    elif m["after"]:
        offset, word = 2, "tomorrow"
    else:
        offset = offsets[word]
    if ctx.anchor is None:
        return hit(m, _unanchored(word), "relative")
    value = timex.day_value(ctx.anchor + dt.timedelta(days=offset))
    return hit(m, value + ("TNI" if word == "tonight" else _part_of_day(m)), "relative")


def _unit_value(anchor: dt.date, unit: str, step: int) -> str:
    """The TIMEX3 value of the week/month/year/... `step` units away from the anchor's."""
    if unit in {"week", "weekend", "fortnight"}:
        days = 14 if unit == "fortnight" else 7
        value = timex.week_value(anchor + dt.timedelta(days=days * step))
        return value + "-WE" if unit == "weekend" else value
    if unit == "month":
        return timex.month_value(*timex.shift_months(anchor.year, anchor.month, step))
    if unit == "quarter":
        year, month_ = timex.shift_months(anchor.year, anchor.month, 3 * step)
        return f"{year:04d}-Q{(month_ - 1) // 3 + 1}"
    if unit == "decade":
        return f"{anchor.year // 10 + step:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + step:02d}"
    return timex.year_value(anchor.year + step)


_STEPS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "the": 0, "next": 1,
          "coming": 1, "following": 1}


def _unit(m: re.Match[str], ctx: Context) -> list[Hit]:
    """`last month`, `this week`, `earlier this year`, `the end of last year`, `the past decade`."""
    modifier = m["mod"].lower()
    if ctx.anchor is None:
        return hit(m, _unanchored(modifier), "relative")
    return hit(m, _unit_value(ctx.anchor, m["unit"].lower(), _STEPS[modifier]), "relative")


_UNIT_NAMES = {"d": "day", "w": "week", "wk": "week", "y": "year", "yr": "year", "centurie": "century"}
_UNIT_MONTHS = {"month": 1, "year": 12, "decade": 120, "century": 1200}
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}
_CLOCK_UNITS = {"hour", "hr", "minute", "min", "second", "sec"}
_DECIMAL = r"\d{1,4}\.\d{1,2}"
# A number word must end before its unit (`and` is not `an` + `d`); digits may touch it (`2y`).
_AMOUNT = program(rf"(?P<n>{_DECIMAL}|{NUMBER})(?:(?<=\d)|(?![a-z]))\s*(?P<unit>[a-z]+)", re.IGNORECASE)


def _amount(text: str) -> tuple[int, int, str] | None:
    """Months, days and the finest unit of `1 year, 2 months and 3 weeks`, `1.5 days` (whole days)."""
    months = days = 0.0
    finest = "year"
    for part in _AMOUNT.finditer(text):
        n = float(part["n"]) if "." in part["n"] else number_value(part["n"])
        unit = part["unit"].lower()
        unit = _UNIT_NAMES.get(unit, _UNIT_NAMES.get(unit.rstrip("s"), unit.rstrip("s")))
        if n is None:
            return None
        if unit in _CLOCK_UNITS:  # `... 1 day, 1 hour and 1 minute ago`: less than a day, left to the clock
            continue
        if unit in _UNIT_DAYS:
            days += n * _UNIT_DAYS[unit]
            finest = "day"
        else:
            months += n * _UNIT_MONTHS[unit]
            finest = "month" if unit == "month" and finest == "year" else finest
    whole_months = int(months)
    return whole_months, int(days + (months - whole_months) * 30), finest


def _count(m: re.Match[str], ctx: Context) -> list[Hit]:
    """`three weeks ago`, `1 year 2 months from now`, `(in) a week's time`; `several years ago` is PAST_REF.
    `Two days later` and `a year earlier` count from the last whole date written before them, if any."""
    direction_word = (m["dir"] or "").lower()
    if not direction_word and not _is_future_in(ctx.text, m.start()):
        return []
    back = direction_word in {"ago", "before", "earlier"}
    amount = _amount(m["amount"]) if m["amount"] else None
    reference = ctx.anchor
    if direction_word in {"later", "earlier"}:
        reference = _previous_date(ctx, m.start()) or ctx.anchor
    if amount is None or reference is None:
        return hit(m, timex.PAST_REF if back else timex.FUTURE_REF, "relative")
    months, days, finest = amount
    sign = -1 if back else 1
    try:
        moved = timex.shift_date(reference, months=sign * months, days=sign * days)
    except (OverflowError, ValueError):
        return []
    if finest == "day":
        return hit(m, timex.day_value(moved), "relative")
    if finest == "month":
        return hit(m, timex.month_value(moved.year, moved.month), "relative")
    return hit(m, timex.year_value(moved.year), "relative")


# How far back `two days later` looks for the date it counts from: a few sentences.
_REFERENCE_REACH = 300


def _previous_date(ctx: Context, start: int) -> dt.date | None:
    before = full_dates(ctx.text[max(0, start - _REFERENCE_REACH) : start], day_first=ctx.day_first)
    return dt.date.fromisoformat(before[-1].value) if before else None


_SUPERLATIVE = program(r"\b(?:first|last|\w+est|most|least|time|record|ever)\b[^.;]{0,40}$", re.IGNORECASE)


def _is_future_in(text: str, start: int) -> bool:
    """`in three weeks` points ahead, but `the lowest level in six years` is a duration."""
    before = text[max(0, start - 50) : start]
    return before.lower().rstrip().endswith(("in", "within")) and not _SUPERLATIVE.search(before[:-3])


def _weekday(m: re.Match[str], ctx: Context) -> list[Hit]:
    """`Friday`, `last Friday`, `Monday morning`: capitalised, dated by modifier or tense."""
    if not is_capitalized(ctx.text, m.start("wd")) or _is_named_day(ctx.text, m.start()):
        return []
    weekday = WEEKDAYS[m["wd"].lower()]
    if ctx.anchor is None:
        return hit(m, f"XXXX-WXX-{weekday + 1}", "weekday")
    date = weekday_date(ctx, weekday, (m["mod"] or "").lower(), m.start(), m.end())
    return hit(m, timex.day_value(date) + _part_of_day(m) if date else f"XXXX-WXX-{weekday + 1}", "weekday")


def _part_of_day(m: re.Match[str]) -> str:
    """`Friday morning` is a TIMEX3 time: `2010-07-16TMO`."""
    return f"T{DAY_PARTS[m['part']]}" if m["part"] else ""


# Days named after a weekday: feasts, market crashes, shopping days, disasters (`Black Saturday` bushfires).
_DAY_NAMES = {"black", "good", "ash", "cyber", "super", "bloody", "easter", "palm", "holy", "maundy", "shrove",
              "whit", "blue", "fat", "giving", "low", "spy", "mothering", "remembrance", "trinity", "passion",
              "orange", "plough", "pancake"}
_NAME_BEFORE = program(r"\b([A-Za-z]+)\s+$")


def _is_named_day(text: str, start: int) -> bool:
    """`Black Monday`, `Good Friday`, `Ash Wednesday` are names; `Asia Monday`, `Obama said Monday` are dates."""
    before = _NAME_BEFORE.search(text, max(0, start - 20), start)
    return before is not None and before[1][:1].isupper() and before[1].lower() in _DAY_NAMES


_MONTH_CUES = {"in", "since", "until", "till", "by", "during", "of", "from", "through", "before", "after",
               "early", "late", "mid", "last", "next", "this", "and", "or", "to", "between", "end", "-"}


def _after_month_cue(text: str, start: int) -> bool:
    before = words_before(text, start)
    return bool(before) and before[0] in _MONTH_CUES


def _lone_month(m: re.Match[str], ctx: Context) -> list[Hit]:
    """`June`, `last September`, `early March`, `June last year`: the year from the modifier or tense."""
    if not is_capitalized(ctx.text, m.start("m")):
        return []
    name = m["m"].lower()
    if name == "may" and not m["mod"] and not _after_month_cue(ctx.text, m.start()):
        return []
    month_ = MONTHS[name]
    modifier = (m["mod"] or "").lower()
    relative_year = (m["rel"] or m["rel_of"] or "").lower()  # `June last year`, `October of next year`
    kind: Kind = "relative" if modifier in {"last", "next", "this"} or relative_year else "partial"
    if ctx.anchor is None:
        return hit(m, f"XXXX-{month_:02d}", kind)
    anchor = ctx.anchor
    if relative_year:
        year = anchor.year + _STEPS[relative_year]
    elif modifier == "last":
        year = anchor.year if month_ < anchor.month else anchor.year - 1
    elif modifier == "next":
        year = anchor.year if month_ > anchor.month else anchor.year + 1
    elif modifier == "this":
        year = anchor.year
    else:
        year = month_year(ctx, month_, m.start(), m.end()) or anchor.year
    return hit(m, timex.month_value(year, month_), kind)


# Lower-case `may` and `mar` next to a number are verbs (`the top 5 may fall`).
_MODAL_LOOKALIKES = {"may", "mar"}


def _day_month(m: re.Match[str], ctx: Context) -> list[Hit]:
    """`11 December`, `June 18`, `the 5th of May` without a year: nearest the release date by tense."""
    if not is_capitalized(ctx.text, m.start("m")) and m["m"].lower().rstrip(".") in _MODAL_LOOKALIKES:
        return []
    month_, day_ = MONTHS[m["m"].lower().rstrip(".")], int(m["d"])
    if timex.make_date(2000, month_, day_) is None:  # 2000 is a leap year: only truly impossible days fail
        return []
    return _tensed_day(m, ctx, month_, day_, "partial")


def _tensed_day(m: re.Match[str], ctx: Context, month_: int, day_: int, kind: Kind) -> list[Hit]:
    """The hit of a day and month without a year, dated by the tense around it."""
    date = day_month_date(ctx, month_, day_, m.start(), m.end())
    return hit(m, timex.day_value(date) if date else f"XXXX-{month_:02d}-{day_:02d}", kind)


def _numeric_day_month(m: re.Match[str], ctx: Context) -> list[Hit]:
    """`29/02`, `02/29`: a zero-padded day and month without a year, read like `13/03/2014`."""
    a, b = int(m["a"]), int(m["b"])
    day_, month_ = (a, b) if ctx.day_first else (b, a)
    if month_ > 12:
        day_, month_ = month_, day_
    if timex.make_date(2000, month_, day_) is None:
        return []
    return _tensed_day(m, ctx, month_, day_, "numeric")


_REFERENCES = {
    "now": timex.PRESENT_REF, "right now": timex.PRESENT_REF, "currently": timex.PRESENT_REF,
    "at present": timex.PRESENT_REF, "presently": timex.PRESENT_REF, "nowadays": timex.PRESENT_REF,
    "these days": timex.PRESENT_REF, "the time being": timex.PRESENT_REF, "at the moment": timex.PRESENT_REF,
    "recently": timex.PAST_REF, "lately": timex.PAST_REF, "the past": timex.PAST_REF,
    # TimeML dates the adjective too: `the recent floods`, `in recent years`
    "recent": timex.PAST_REF, "recent years": timex.PAST_REF, "recent months": timex.PAST_REF,
    "recent weeks": timex.PAST_REF, "recent days": timex.PAST_REF, "recent times": timex.PAST_REF,

    "the future": timex.FUTURE_REF, "soon": timex.FUTURE_REF, "the near future": timex.FUTURE_REF,
    "the near term": timex.FUTURE_REF, "the long term": timex.FUTURE_REF, "the short term": timex.FUTURE_REF,
    "shortly": timex.FUTURE_REF, "the years ahead": timex.FUTURE_REF, "the coming years": timex.FUTURE_REF,
}


# Words too common in releases to be good triggers for the phrases they are part of.
_COMMON_WORDS = {"the", "at", "right", "years", "months", "weeks", "days", "times"}


def _distinctive_word(phrase: str) -> str:
    """The trigger of a phrase: its longest uncommon word (`coming`, not `years`; `now` for `right now`)."""
    words = [word for word in phrase.split() if word not in _COMMON_WORDS]
    return max(reversed(words), key=len)


_DURATION_AFTER = program(rf"\s+(?:{NUMBER}|few|several|many)\b", re.IGNORECASE)


_THAT_NEXT = program(r"\s+that\b")


def _reference(m: re.Match[str], ctx: Context) -> list[Hit]:
    phrase = re.sub(r"[\s-]+", " ", m[0].lower())
    if phrase == "now" and _THAT_NEXT.match(ctx.text, m.end()):
        return []  # `now that` is causal, not temporal
    if ctx.text[m.end() : m.end() + 1] == "-":
        return []  # `the now-cancelled deal`, `the soon-to-open terminal`
    if phrase == "recent" and words_before(ctx.text, m.start()) == ["most"]:
        return []  # `the most recent model` is the latest one, not a time
    if phrase == "the past" and _DURATION_AFTER.match(ctx.text, m.end()):
        return []  # `the past nine days` is a duration
    return hit(m, _REFERENCES[phrase], "reference")


_UNITS = r"week|weekend|fortnight|month|year|decade|century|quarter"
_UNIT_WORDS = rf"(?:{alternation(COUNT_UNITS)})"
_AMOUNT_UNIT = rf"(?:{_DECIMAL}|{NUMBER})\s*(?:{_UNIT_WORDS}|(?<=\d)(?:d|w|wks?|y|yrs?))\b"
# Between the parts of one amount: `1 year, 2 months and 3 days`, `1 year,09 months`. Each way of writing
# it can match only one way: `\s*(?:,|and)?\s*` could split a run of spaces anywhere, which makes a
# long list of durations (`7 years\n\n7 years ...`) backtrack exponentially.
_AMOUNT_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+)"
# Hours and minutes may trail the calendar units of one amount, never stand alone (that is a time).
_CLOCK_AMOUNT = rf"{NUMBER}\s*(?:hours?|hrs?|minutes?|mins?|seconds?|secs?)\b"
_PARTS = alternation(DAY_PARTS)
_STANDALONE = alternation(STANDALONE_MONTHS)
_UNIT_TRIGGERS = _UNITS.split("|")

MATCHERS = [
    Matcher((
        rf"\b(?:(?:the\s+)?day\s+(?:(?P<before>before\s+yesterday)|(?P<after>after\s+tomorrow))"
        rf"|(?:(?:earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>{_PARTS}))?"
        rf"|(?P<w2>this)\s+(?P<part2>morning|afternoon|evening))\b"
    ), lambda m, ctx: _named_day_or_part(m, ctx),
        on("today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening")),
    Matcher((
        rf"\b(?:(?:earlier|later)\s+|(?:early|late|mid)[\s-]+)?(?:the\s+)?"
        rf"(?P<mod>last|past|previous|this|current|next|coming|following)\s+(?P<unit>{_UNITS})\b"
    ), _unit, on(_UNIT_TRIGGERS)),
    Matcher((
        rf"\b(?:the\s+)?(?:end|start|beginning|middle|turn)\s+of\s+(?P<mod>the)\s+(?P<unit>{_UNITS})\b"
    ), _unit, on(_UNIT_TRIGGERS)),
    Matcher((
        rf"\b(?<!\d[.,])(?:(?P<amount>{_AMOUNT_UNIT}(?:{_AMOUNT_SEP}(?:{_AMOUNT_UNIT}|{_CLOCK_AMOUNT}))*)"
        rf"|(?:a\s+few|several|many|some)\s+{_UNIT_WORDS})"
        rf"(?:\s+(?P<dir>ago|from\s+now|hence|(?:later|earlier)(?!\s+than)|before(?=\s*[.,;:)]|\s*$))"
        rf"|['’]?s?\s+time\b|(?=\s*[.,;:)]|\s*$))"
    ), _count, on(UNIT_DIGITS, COUNTED_UNIT), reach=(16, 32)),
    Matcher(rf"\b(?P<dir>after)\s+(?P<span>(?P<amount>{_AMOUNT_UNIT}))(?=\s*[.,;:)]|\s*$)", _count,
            on(UNIT_DIGITS, COUNTED_UNIT), reach=(20, 4), needs="after"),
    Matcher(r"\btill\s+date\b", lambda m, ctx: hit(
        m, timex.day_value(ctx.anchor) if ctx.anchor else timex.PRESENT_REF, "relative"), on("date"), needs="till"),
    Matcher((
        rf"\b(?:(?P<mod>last|next|this|coming|past)\s+)?(?P<wd>{alternation(FULL_WEEKDAYS)})"
        rf"(?:\s+(?P<part>{_PARTS}))?\b"
    ), _weekday, on(FULL_WEEKDAYS), reach=(8, 12)),
    Matcher((
        rf"\b(?:(?P<mod>last|next|this|early|late|mid)[\s-]+)?(?P<m>{_STANDALONE}|may)\b"
        rf"(?!\s*\d)(?:\s+(?P<rel>last|next|this)\s+year\b|(?=\s+of\s+(?P<rel_of>last|next|this)\s+year\b))?"
    ), _lone_month, on(STANDALONE_MONTHS, "may"), reach=(8, 16)),
    Matcher((
        rf"\b{WEEKDAY_OR_DAY_FIRST}{WEEKDAY_PREFIX}(?:the\s+)?{day('d')}(?:\s+of)?\s+{month('m')}"
    ), _day_month, on(NUMBERED_MONTH), reach=DAY_FIRST_REACH),
    Matcher((
        rf"\b{WEEKDAY_OR_MONTH_FIRST}{WEEKDAY_PREFIX}{month('m')}\s+(?:the\s+)?{day('d')}"
        rf"(?![\d,.:/]\d|\s*(?:%|per\s*cent|million|billion|m\b|bn\b))"
    ), _day_month, on(MONTH_FIRST), reach=MONTH_FIRST_REACH),
    # one part zero-padded, so that scores and fractions (`10/10`, `24/7`) are not dates; the assertions come
    # after the first digit, so that the regex engine skips from digit to digit (see the numeric dates)
    Matcher(r"(?P<a>\d(?<![\w./:,-]\d)\d)(?:(?<=0\d)|(?=/0))/(?P<b>\d\d)(?![\w/]|[.:,-]\d)", _numeric_day_month,
            on(SLASH_DIGITS), anchored=True),
    Matcher(rf"\b(?:{alternation(_REFERENCES)})\b", _reference,
            on(_distinctive_word(phrase) for phrase in _REFERENCES), reach=(16, 16)),
]


def _named_day_or_part(m: re.Match[str], ctx: Context) -> list[Hit]:
    if m["w2"]:  # `this morning`: the release day at that part of the day
        if ctx.anchor is None:
            return hit(m, timex.PRESENT_REF, "relative")
        return hit(m, f"{timex.day_value(ctx.anchor)}T{DAY_PARTS[m['part2'].lower()]}", "relative")
    return _named_day(m, ctx)
