"""Score the `dates` step on the dev sets and print the figures.

* MEANTIME (TempEval-3 value F1): gold TIMEX3 of type DATE except the creation time, first 6 lines of
  each article (title, creation-date line, 4 sentences). A system date counts when it overlaps a gold
  date and has the same value; P over system dates, R over gold dates. System dates overlapping the
  creation-time TIMEX3 are left out, as the gold leaves it out. `dct` is the reader's release date.
* dateparser's English test tables: single expressions with their base date; a case passes when the
  longest date found gives the expected day, month or year, at least as precise as dateparser's own
  period for it. Which cases are English date cases is explained above `_cases` below; the cases that
  are not dates (times of day, bare durations, `+`/`-` arithmetic) are counted apart and printed.
* Release dates: share of au-pm releases whose date is recovered from the text alone (reader date hidden).

Usage: python benchmarks/score_dates.py [--meantime PATH] [--dateparser DIR] [--corpus PATH] [--show-errors]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from pressroom.core import Document
from pressroom.plugins.dates.step import DatesStep

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


# --- MEANTIME -------------------------------------------------------------------------------------

def _parse_dct(raw: str | None) -> dt.date | None:
    if not raw:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            pass
    return None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_meantime(path: Path, show_errors: bool) -> dict[str, float]:
    step = DatesStep()
    step.setup()
    system_total = system_correct = gold_total = gold_found = spans_found = 0
    for line in path.open(encoding="utf-8"):
        article = json.loads(line)
        lines = article["text"].split("\n")
        head = "\n".join(lines[:6])
        creation = [(t["start"], t["end"]) for t in article["timex3"]
                    if t.get("functionInDocument") == "CREATION_TIME" and "start" in t]
        gold = [t for t in article["timex3"] if t["type"] == "DATE" and "start" in t
                and t.get("functionInDocument") != "CREATION_TIME" and t["end"] <= len(head)]
        doc = step.process(Document(id=article["id"], text=head, date=_parse_dct(article.get("dct"))))
        system = [d for d in doc.dates if d.type == "DATE"
                  and not any(_overlaps((d.start, d.end), c) for c in creation)]
        system_total += len(system)
        gold_total += len(gold)
        for d in system:
            ok = any(_overlaps((d.start, d.end), (g["start"], g["end"])) and g["value"] == d.value for g in gold)
            system_correct += ok
            if show_errors and not ok:
                print(f"  FP {doc.date} {d.text!r} -> {d.value}")
        for g in gold:
            found = [d for d in system if _overlaps((d.start, d.end), (g["start"], g["end"]))]
            gold_found += any(d.value == g["value"] for d in found)
            spans_found += bool(found)
            if show_errors and not any(d.value == g["value"] for d in found):
                print(f"  FN {doc.date} {g['text']!r} -> {g['value']} (system: {[d.value for d in found]})")
    precision = system_correct / system_total if system_total else 0.0
    recall = gold_found / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": gold_total, "system": system_total, "precision": precision, "recall": recall,
            "value_f1": f1, "span_recall": spans_found / gold_total if gold_total else 0.0}


# --- dateparser tables ----------------------------------------------------------------------------

_PRECISION = {"year": 0, "month": 1, "week": 2, "day": 3}

# Which cases are "English absolute and relative date cases":
# * English: dateparser's tables list English first (`# English dates`), then other languages. The first
#   block of each test is read: it ends at the first case after a gap in line numbers (a comment line or a
#   multi-line case) that English's locale rejects or that is not plain English text (`11 Mai 2014`,
#   `²⁰¹⁵`). Inside it, cases the English locale rejects are left out too (`2 Tage 18:50` is mixed in).
# * Date cases: one expression and a known base date. Counted apart, as not dates: times of day (`10:04am`,
#   `2 hours ago`: the base's clock, which a release date lacks, decides the day), bare durations
#   (`1 decade`, `15 hr`: TIMEX3 DURATION, no direction), `+`/`-` arithmetic (`-1 decade`), and cases
#   whose input the test computes in code.
_BASE_ABSOLUTE = dt.datetime(2012, 11, 13)
_BASE_PREFERENCE = dt.datetime(2015, 2, 15)
_BASE_FRESHNESS = dt.datetime(2014, 9, 1, 10, 30)
_BASE_FRESHNESS_RELATIVE = dt.datetime(2010, 6, 4, 13, 15)
_PLAIN = re.compile(r"[\x20-\x7e’‘–]*")
_PURE_TIME = re.compile(r"\s*\d{1,2}(?:(?:[:.]\d\d){1,2}\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?)\s*", re.IGNORECASE)
_TIME_UNIT = re.compile(r"\d\s*(?:h|hrs?|hours?|mins?|minutes?|s|secs?|seconds?)\b|\b(?:hours?|minutes?|seconds?)\b",
                        re.IGNORECASE)
_DATE_WORD = re.compile(r"\b(?:days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies)|today|tonight|"
                        r"yesterday|tomorrow|date|\d+\s*(?:d|w|y|yrs?))\b", re.IGNORECASE)
_ARITHMETIC = re.compile(r"(?:^|\s|now)\s*[+-]\s*\d", re.IGNORECASE)
_DIRECTION = re.compile(r"\b(?:ago|in|later|before|after|back|hence|from now|last|next|yesterday|today|tomorrow|"
                        r"now|date)\b", re.IGNORECASE)
_TIMEDELTA = re.compile(r"(\w+)=([\d.]+)")


class Case(NamedTuple):
    group: str  # absolute | relative
    expression: str
    base: dt.datetime
    prefer: str
    expected: dt.datetime
    period: str | None  # the precision dateparser gives the expected date, when the test states it


def _rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    tests: dict[str, list[dict[str, Any]]] = {}
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        tests.setdefault(row["test"], []).append(row)
    return tests


def _english_block(rows: list[dict[str, Any]], english: Any, settings: Any) -> Iterator[dict[str, Any]]:
    def accepted(row: dict[str, Any]) -> bool:
        text = row["args"][0] if row["args"] else None
        return not isinstance(text, str) or english.is_applicable(text, strip_timezone=True, settings=settings)

    def plain(row: dict[str, Any]) -> bool:
        text = row["args"][0] if row["args"] else None
        return not isinstance(text, str) or _PLAIN.fullmatch(text) is not None

    for i, row in enumerate(rows):
        if i and row["line"] - rows[i - 1]["line"] > 1 and not (accepted(row) and plain(row)):
            return
        if accepted(row):
            yield row


def _cases(directory: Path) -> Iterator[Case]:
    from dateparser.conf import settings
    from dateparser.languages.loader import default_loader
    from dateutil.relativedelta import relativedelta

    english = default_loader.get_locale("en")
    when = dt.datetime.fromisoformat
    parser_tests = _rows(directory / "test_date_parser.cases.jsonl")
    freshness_tests = _rows(directory / "test_freshness_date_parser.cases.jsonl")
    for test, rows in parser_tests.items():
        prefer = "past" if "_past_" in test else "future" if "_future_" in test else "tense"
        for r in _english_block(rows, english, settings):
            args, kw = r["args"], r["kwargs"]
            if test in ("test_dates_parsing", "test_dates_parsing_with_normalization"):
                yield Case("absolute", args[0], _BASE_ABSOLUTE, "tense", when(args[1]), None)
            elif test in ("test_preferably_past_dates", "test_preferably_future_dates",
                          "test_dates_without_preference"):
                yield Case("absolute", args[0], _BASE_PREFERENCE, prefer, when(args[1]), None)
            elif test.endswith("_leap_year"):
                yield Case("absolute", args[0], when(args[1]), prefer, when(args[2]), None)
            elif test == "test_extracted_period":
                yield Case("absolute", args[0], _BASE_PREFERENCE, "tense", when(kw["expected"]), kw["period"])
            elif test.startswith("test_dates_with_day_missing"):
                yield Case("absolute", args[0], when(kw["today"]), "tense", when(kw["expected"]), "month")
            elif test == "test_dates_with_no_day_or_month":
                yield Case("absolute", args[0], when(kw["today"]), "tense", when(kw["expected"]), "year")
            elif test.startswith("test_word_numbers"):  # `two days later`: against the test's own `now`
                delta = dt.timedelta(**{k: float(v) for k, v in _TIMEDELTA.findall(args[1]["expr"])})
                yield Case("relative", args[0], _BASE_FRESHNESS, "tense", _BASE_FRESHNESS + delta, None)
    for test, rows in freshness_tests.items():
        for r in _english_block(rows, english, settings):
            args, kw = r["args"], r["kwargs"]
            if test.startswith(("test_relative_past_dates", "test_relative_future_dates",
                                "test_normalized_relative_dates")):
                delta = kw.get("ago") or kw.get("in_future") or {}
                sign = -1 if "ago" in kw else 1
                moved = _BASE_FRESHNESS + sign * relativedelta(**{k: float(v) for k, v in delta.items()})
                yield Case("relative", args[0], _BASE_FRESHNESS, "tense", moved, kw.get("period"))
            elif test in ("test_freshness_date_with_relative_base", "test_freshness_date_with_time"):
                base = _BASE_FRESHNESS_RELATIVE if "relative_base" in test else _BASE_FRESHNESS
                yield Case("relative", args[0], base, "tense", when(args[1]), None)


def _not_a_date(case: Case) -> str | None:
    """Why a case is not a date expression, if it is not."""
    if not isinstance(case.expression, str):
        return "input computed by the test"
    if _PURE_TIME.fullmatch(case.expression) or (_TIME_UNIT.search(case.expression)
                                             and not _DATE_WORD.search(case.expression)):
        return "time of day"
    if _ARITHMETIC.search(case.expression):
        return "+/- arithmetic"
    if case.group == "relative" and not _DIRECTION.search(case.expression):
        return "bare duration"
    return None


def _matches(value: str, expected: dt.date, required: str | None) -> bool:
    """Does the TIMEX3 value give the expected day/week/month/year, at least as precisely as required?"""
    value = value.split("T")[0]
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value):
        precision, ok = "day", dt.date(int(m[1]), int(m[2]), int(m[3])) == expected
    elif m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
        precision, ok = "week", tuple(expected.isocalendar())[:2] == (int(m[1]), int(m[2]))
    elif m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        precision, ok = "month", (expected.year, expected.month) == (int(m[1]), int(m[2]))
    elif m := re.fullmatch(r"(\d{4})", value):
        precision, ok = "year", expected.year == int(m[1])
    else:
        return False
    return ok and _PRECISION[precision] >= _PRECISION.get(required or "year", 0)


def score_dateparser(directory: Path, show_errors: bool) -> dict[str, Any]:
    from dateparser import DateDataParser

    totals: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    seen: set[tuple[str, dt.datetime, str]] = set()
    for case in _cases(directory):
        if (str(case.expression), case.base, case.prefer) in seen:
            continue
        seen.add((str(case.expression), case.base, case.prefer))
        reason = _not_a_date(case)
        if reason:
            totals[f"not a date: {reason}"] += 1
            continue
        period = case.period
        if period is None:  # as precise as dateparser itself reads the expression
            parser = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": case.base})
            period = {"time": "day"}.get(p := parser.get_date_data(case.expression).period, p)
        step = DatesStep({"prefer": case.prefer})
        doc = step.process(Document(id="case", text=case.expression, date=case.base.date()))
        best = max(doc.dates, key=lambda d: d.end - d.start, default=None)
        ok = best is not None and _matches(best.value, case.expected.date(), period)
        totals[case.group] += 1
        passed[case.group] += ok
        if show_errors and not ok:
            print(f"  {case.group} {case.expression!r} base {case.base} prefer {case.prefer}: expected "
                  f"{case.expected.date()} ({period}), got {best.value if best else None}")
    return {"totals": dict(totals), "passed": dict(passed)}


# --- release dates --------------------------------------------------------------------------------

def score_release_dates(corpus: Path, limit: int) -> dict[str, float]:
    step = DatesStep()
    found = correct = total = 0
    for line in corpus.open(encoding="utf-8"):
        row = json.loads(line)
        if not row.get("date"):
            continue
        total += 1
        doc = step.process(Document(id=row["id"], title=row.get("title") or "", text=row["text"] or ""))
        if doc.date is not None:
            found += 1
            correct += doc.date == dt.date.fromisoformat(row["date"])
        if total >= limit:
            break
    return {"releases": total, "found": found / total, "correct_of_found": correct / found if found else 0.0,
            "correct": correct / total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--meantime", type=Path, default=SHARED / "dev/meantime/meantime_en_intradoc.jsonl")
    parser.add_argument("--dateparser", type=Path, default=SHARED / "dev/dateparser")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora/au-pm-media-releases.jsonl")
    parser.add_argument("--releases", type=int, default=2000, help="au-pm releases for the release-date check")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()

    mt = score_meantime(args.meantime, args.show_errors)
    print(f"MEANTIME  gold {mt['gold']}  system {mt['system']}  P {mt['precision']:.3f}  R {mt['recall']:.3f}  "
          f"value F1 {mt['value_f1']:.3f}  (span recall {mt['span_recall']:.3f}; target F1 >= 0.80)")
    dp = score_dateparser(args.dateparser, args.show_errors)
    for group in ("absolute", "relative"):
        n, ok = dp["totals"].get(group, 0), dp["passed"].get(group, 0)
        print(f"dateparser English {group}: {ok}/{n} = {100 * ok / max(n, 1):.1f}%")
    n = sum(dp["totals"].get(g, 0) for g in ("absolute", "relative"))
    ok = sum(dp["passed"].values())
    print(f"dateparser English absolute+relative: {ok}/{n} = {100 * ok / max(n, 1):.1f}%  (target >= 95%)")
    for reason, count in sorted(dp["totals"].items()):
        if reason.startswith("not a date"):
            print(f"  {reason}: {count} cases")
    durations = dp["totals"].get("not a date: bare duration", 0)
    print(f"  (with the bare durations counted as misses: {ok}/{n + durations} = "
          f"{100 * ok / max(n + durations, 1):.1f}%)")
    rd = score_release_dates(args.corpus, args.releases)
    print(f"release date from text, au-pm first {rd['releases']}: found {100 * rd['found']:.1f}%, "
          f"right when found {100 * rd['correct_of_found']:.1f}%, right overall {100 * rd['correct']:.1f}%")


if __name__ == "__main__":
    main()
