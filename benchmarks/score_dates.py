"""Score the `dates` step on the dev sets and print the figures.

* MEANTIME (TempEval-3 value F1): gold TIMEX3 of type DATE except the creation time, first 6 lines of
  each article (title, creation-date line, 4 sentences). A system date counts when it overlaps a gold
  date and has the same value; P over system dates, R over gold dates. System dates overlapping the
  creation-time TIMEX3 are left out, as the gold leaves it out. `dct` is the reader's release date.
* dateparser's English test tables: single expressions with their base date; a case passes when the
  longest date found gives the expected day, month or year, at least as precise as dateparser's own
  period for it. "English" is what dateparser's English locale accepts; cases that are times of day,
  bare durations (`1 decade`) or dateparser's arithmetic syntax (`-1 decade`) are not dates and are
  counted apart.
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
from typing import Any

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
_PURE_TIME = re.compile(r"^[\d:.\s]*(?:[ap]\.?m\.?)?$", re.IGNORECASE)
_TIME_UNITS = re.compile(r"\d\s*(?:h|hrs?|hours?|min|mins|minutes?|s|secs?|seconds?)\b|\b(?:an?|one)\s+(?:hour|minute)\b|"
                         r"\b(?:at|by)\s+\d|\d:\d\d|\b(?:noon|midnight)\b", re.IGNORECASE)
_ARITHMETIC = re.compile(r"(?:^|\s)[+-]\s*\d")
_DIRECTION = re.compile(r"\b(?:ago|in|before|after|back|hence|last|next|yesterday|today|tomorrow|now|date)\b",
                        re.IGNORECASE)


def _cases(directory: Path) -> Iterator[tuple[str, str, dt.date, str, dt.date, str | None]]:
    """(group, expression, base date, prefer, expected date, expected period) for each case."""
    from dateutil.relativedelta import relativedelta

    def rows(name: str) -> Iterator[dict[str, Any]]:
        for line in (directory / name).open(encoding="utf-8"):
            yield json.loads(line)

    date = dt.date.fromisoformat
    # Base dates of the test classes, read off their own cases (`10:04am` -> 2012-11-13, `Sunday` -> 2015-02-15).
    absolute_base, preference_base, fresh_base = date("2012-11-13"), date("2015-02-15"), dt.datetime(2014, 9, 1, 10, 30)
    for r in rows("test_date_parser.cases.jsonl"):
        test, args, kw = r["test"], r["args"], r["kwargs"]
        if test in ("test_dates_parsing", "test_dates_parsing_with_normalization"):
            yield "absolute", args[0], absolute_base, "tense", date(args[1][:10]), None
        elif test in ("test_preferably_past_dates", "test_preferably_future_dates", "test_dates_without_preference"):
            prefer = "past" if "past" in test else "future" if "future" in test else "tense"
            yield "absolute", args[0], preference_base, prefer, date(args[1][:10]), None
        elif test == "test_extracted_period":
            yield "absolute", args[0], preference_base, "tense", date(kw["expected"][:10]), kw["period"]
        elif test.startswith("test_dates_with_day_missing"):
            yield "absolute", args[0], date(kw["today"][:10]), "tense", date(kw["expected"][:10]), "month"
        elif test == "test_dates_with_no_day_or_month":
            yield "absolute", args[0], date(kw["today"][:10]), "tense", date(kw["expected"][:10]), "year"
    for r in rows("test_freshness_date_parser.cases.jsonl"):
        test, args, kw = r["test"], r["args"], r["kwargs"]
        if test in ("test_relative_past_dates", "test_relative_future_dates", "test_normalized_relative_dates"):
            delta = kw.get("ago") or kw.get("in_future") or {}
            if any(unit in delta for unit in ("hours", "minutes", "seconds")) or not isinstance(args[0], str):
                continue  # a time of day, not a date
            sign = -1 if "ago" in kw else 1
            moved = fresh_base + sign * relativedelta(**{k: int(v) for k, v in delta.items()})
            yield "relative", args[0], fresh_base.date(), "tense", moved.date(), kw.get("period")
        elif test in ("test_freshness_date_with_relative_base", "test_freshness_date_with_time"):
            base = date("2010-06-04") if "relative_base" in test else fresh_base.date()
            yield "relative", args[0], base, "tense", date(args[1]), None


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
    from dateparser.conf import settings
    from dateparser.languages.loader import default_loader

    english = default_loader.get_locale("en")
    totals: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    seen: set[tuple[str, dt.date, str]] = set()
    for group, expression, base, prefer, expected, period in _cases(directory):
        if not isinstance(expression, str):
            continue
        if (expression, base, prefer) in seen or not english.is_applicable(expression, strip_timezone=True,
                                                                            settings=settings):
            continue
        seen.add((expression, base, prefer))
        if _PURE_TIME.match(expression) or (group == "relative" and _TIME_UNITS.search(expression)):
            totals["excluded: time of day"] += 1
            continue
        if group == "relative" and (_ARITHMETIC.search(expression) or not _DIRECTION.search(expression)):
            totals["excluded: bare duration or +/- syntax"] += 1
            continue
        if period is None:  # as precise as dateparser itself reads the expression
            parser = DateDataParser(languages=["en"],
                                    settings={"RELATIVE_BASE": dt.datetime.combine(base, dt.time())})
            period = {"time": "day"}.get(p := parser.get_date_data(expression).period, p)
        step = DatesStep({"prefer": prefer})
        doc = step.process(Document(id="case", text=expression, date=base))
        best = max(doc.dates, key=lambda d: d.end - d.start, default=None)
        ok = best is not None and _matches(best.value, expected, period)
        totals[group] += 1
        passed[group] += ok
        if show_errors and not ok:
            print(f"  {group} {expression!r} base {base} prefer {prefer}: expected {expected} ({period}), "
                  f"got {best.value if best else None}")
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
        if reason.startswith("excluded"):
            print(f"  {reason}: {count} cases")
    rd = score_release_dates(args.corpus, args.releases)
    print(f"release date from text, au-pm first {rd['releases']}: found {100 * rd['found']:.1f}%, "
          f"right when found {100 * rd['correct_of_found']:.1f}%, right overall {100 * rd['correct']:.1f}%")


if __name__ == "__main__":
    main()
