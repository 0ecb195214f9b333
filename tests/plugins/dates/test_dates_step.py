"""The `dates` step as a pipeline runs it: on the seed, on real releases, with its options."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from pathlib import Path

import pytest
from pydantic import ValidationError

from pressroom.core import Document
from pressroom.plugins import dates as dates_plugin
from pressroom.plugins.dates.step import DatesStep

DATA = Path(__file__).resolve().parents[2] / "data" / "dates"


def read_seed(path: Path) -> Document:
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    _, date, title = header.strip().split(" ", 2)
    return Document(id=path.stem, title=title, text=body, date=dt.date.fromisoformat(date))


def run(doc: Document, **options: object) -> Document:
    step = DatesStep(options)
    step.setup()
    result = step.process(doc)
    assert isinstance(result, Document)
    return result


def test_seed_last_month_and_no_false_dates(seed: Path) -> None:
    doc = read_seed(seed)
    out = run(doc)
    assert [(d.text, d.value, d.field) for d in out.dates] == [("last month", "2022-11", "text")]
    assert out.metadata["date_source"] == "reader"
    assert out.invalid_spans() == []
    assert doc.dates == []  # the input document is left as it was


def test_title_dates_index_the_title() -> None:
    doc = Document(id="t", title="Talks resume on 3 March", text="They met yesterday.", date=dt.date(2020, 2, 1))
    out = run(doc)
    assert [(d.field, d.text, d.value) for d in out.dates] == [
        ("title", "3 March", "2020-03-03"), ("text", "yesterday", "2020-01-31")]
    assert out.invalid_spans() == []


def test_times_of_day_are_timex3_times() -> None:
    text = "We met this morning, speak at 16:00 UTC today and will meet again on Friday night, not on 3 March."
    doc = Document(id="m", text=text, date=dt.date(2022, 12, 15))
    assert [(d.text, d.value, d.type) for d in run(doc).dates] == [
        ("this morning", "2022-12-15TMO", "TIME"), ("16:00 UTC today", "2022-12-15T16:00", "TIME"),
        ("Friday night", "2022-12-16TNI", "TIME"), ("3 March", "2023-03-03", "DATE")]


def test_release_date_from_a_dateline_resolves_relative_dates() -> None:
    doc = Document(id="d", text="KABUL, Afghanistan (Jan. 25, 2013) - The council met yesterday.")
    out = run(doc)
    assert out.date == dt.date(2013, 1, 25)
    assert out.metadata["date_source"] == "dateline"
    assert [d.value for d in out.dates] == ["2013-01-25", "2013-01-24"]


def test_date_inside_a_sentence_is_not_a_dateline() -> None:
    out = run(Document(id="s", text="We remember the blasts in Bali on 1 October 2005 and the victims."))
    assert out.date is None
    assert out.metadata["date_source"] == "none"
    assert [d.value for d in out.dates] == ["2005-10-01"]


def test_without_any_release_date_nothing_crashes() -> None:
    out = run(Document(id="n", text="Last month the minister said the plan starts next year, on Friday."))
    assert out.date is None and out.metadata["date_source"] == "none"
    assert [d.value for d in out.dates] == ["PAST_REF", "FUTURE_REF", "XXXX-WXX-5"]


def test_dateline_search_can_be_switched_off() -> None:
    out = run(Document(id="o", text="11 MAY 1996\n\nThe Prime Minister said today."), find_release_date=False)
    assert out.date is None and out.metadata["date_source"] == "none"
    assert [d.value for d in out.dates] == ["1996-05-11", "PRESENT_REF"]


def test_options_reach_the_extractor() -> None:
    doc = Document(id="x", text="Signed 03/04/2014, and last month.", date=dt.date(2014, 6, 1))
    assert [d.value for d in run(doc).dates] == ["2014-04-03", "2014-05"]
    assert [d.value for d in run(doc, numeric_order="month-first", types=["numeric"]).dates] == ["2014-03-04"]


def test_options_are_validated() -> None:
    with pytest.raises(ValidationError):
        DatesStep({"types": ["holidays"]})
    with pytest.raises(ValidationError):
        DatesStep({"dayfirst": True})


def test_step_is_registered_and_picklable() -> None:
    assert dates_plugin.pressroom_steps() == [DatesStep]
    step = pickle.loads(pickle.dumps(DatesStep({"prefer": "past"})))
    assert step.options.prefer == "past"
    assert DatesStep.reads == {"text", "title", "date"} and DatesStep.changes == {"dates", "date", "metadata"}


def releases() -> list[dict[str, str]]:
    return [json.loads(line) for line in (DATA / "au_pm_releases.jsonl").open(encoding="utf-8")]


def test_real_releases_give_valid_spans_and_keep_the_reader_date() -> None:
    for row in releases():
        doc = Document(id=row["id"], title=row["title"], text=row["text"], date=dt.date.fromisoformat(row["date"]))
        out = run(doc)
        assert out.invalid_spans() == []
        assert out.date == doc.date and out.metadata["date_source"] == "reader"
        assert all(d.value for d in out.dates)


def test_real_releases_datelines_agree_with_the_reader() -> None:
    found = right = 0
    for row in releases():
        out = run(Document(id=row["id"], title=row["title"], text=row["text"]))
        if out.date is not None:
            found += 1
            right += out.date.isoformat() == row["date"]
    assert found >= 6
    assert right / found >= 0.8


def test_dateparser_english_regression_table() -> None:
    cases = json.loads((DATA / "dateparser_en_cases.json").read_text(encoding="utf-8"))
    failures = []
    for case in cases:
        doc = Document(id="c", text=case["expression"], date=dt.date.fromisoformat(case["base"]))
        out = run(doc, prefer=case["prefer"])
        best = max(out.dates, key=lambda d: d.end - d.start, default=None)
        digits = {"day": 10, "week": 10, "month": 7, "year": 4}[case["precision"]]
        week = dt.date.fromisoformat(case["expected"]).strftime("%G-W%V")
        if best is None or best.value.split("T")[0][:digits] != case["expected"][:digits] and not (
                case["precision"] == "week" and best.value == week):
            failures.append((case["expression"], case["expected"], best.value if best else None))
    assert failures == []


def test_a_readers_own_date_source_is_kept() -> None:
    """The html reader records where the page's date came from; dates keeps that rather than saying `reader`."""
    doc = Document(id="page", text="Released today.", date=dt.date(2024, 3, 5),
                   metadata={"date_source": "html metadata"})
    out = run(doc)
    assert out.metadata["date_source"] == "html metadata"
    assert [(d.text, d.value) for d in out.dates] == [("today", "2024-03-05")]
