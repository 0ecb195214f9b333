"""`pressroom eval`: the figures of a pipeline on the gold file tests/data/eval/gold.jsonl.

The test steps tag fixed phrases, so every expected count below is worked out by hand from that file: it has
6 documents with 50 gold entities (TITLE 14, PERSON 11, GPE 18, ORG 5, LOC 2) and 18 gold dates.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pydantic import BaseModel, ConfigDict, Field

from pressroom.core import DateSpan, Document, Drop, EntitySpan, Step
from pressroom.core.document import SpanField
from pressroom.core.errors import ConfigError
from pressroom.core.evaluation import EvaluationReport, GoldFileError, evaluate
from pressroom.core.pipeline import Pipeline
from pressroom.core.registry import Provided, Registry
from pressroom.core.scoring import Score

GOLD = Path(__file__).resolve().parent.parent / "data" / "eval" / "gold.jsonl"

# Right: every "Prime Minister" (6), "Sydney" (2), "Lockyer Valley", "Austrade", "Ilham Aliyev" (title and text),
# "Queensland" in one text and one title. Wrong: "Queensland" inside the TITLE "Premier of Queensland", "Canberra"
# as ORG (gold: GPE), "Murray-Darling" and "Bligh" (part of the gold "Murray-Darling Basin" and "Anna Bligh").
ENTITY_PHRASES = {"Prime Minister": "TITLE", "Sydney": "GPE", "Queensland": "GPE", "Canberra": "ORG",
                  "Murray-Darling": "LOC", "Lockyer Valley": "LOC", "Austrade": "ORG", "Ilham Aliyev": "PERSON",
                  "Bligh": "PERSON"}

# 10 system dates. Same extent as gold: the 3 "today", "1 September", "Friday", "Monday". Overlapping only:
# "April 2019" (in "2 April 2019"), "next three years" (in "the next three years") and the long span, which
# overlaps both "last month" and "next year". "100 million" overlaps nothing. Right values: "April 2019",
# the first "today", "1 September", the long span (the value of "last month") and "P3Y".
DATE_PHRASES = {"April 2019": "2019-04-02", "today": "2018-08-06", "1 September": "2018-09-01",
                "last month and agreed to meet again next year": "2022-11", "next three years": "P3Y",
                "Friday": "1987-03-13", "Monday": "2011-01-10", "100 million": "100"}


def occurrences(text: str, phrase: str) -> list[int]:
    starts, at = [], text.find(phrase)
    while at >= 0:
        starts.append(at)
        at = text.find(phrase, at + 1)
    return starts


class PhraseOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phrases: dict[str, str] = Field(default_factory=dict, description="phrase -> entity label or TIMEX3 value")
    fields: list[SpanField] = Field(default=["title", "text"], description="fields searched")


class PhraseTagger(Step):
    """Tags every occurrence of fixed phrases, like a gazetteer; the phrase table is 'loaded' in setup."""

    name = "phrase-tagger"
    Options = PhraseOptions
    reads = frozenset({"title", "text"})
    changes = frozenset({"entities"})
    #: The field spans are recorded on; None records each on the field it was found in.
    recorded_as: ClassVar[SpanField | None] = None
    options: PhraseOptions
    closed = False

    def setup(self) -> None:
        self.table = dict(self.options.phrases)

    def close(self) -> None:
        self.closed = True

    def process(self, doc: Document) -> Document:
        found = [(self.recorded_as or field, start, phrase, tag) for field in self.options.fields
                 for phrase, tag in self.table.items() for start in occurrences(doc.field_text(field), phrase)]
        return doc.model_copy(update={"entities": [
            EntitySpan(start=start, end=start + len(phrase), text=phrase, field=field, label=label)
            for field, start, phrase, label in found]})


class TitleOnText(PhraseTagger):
    """A buggy tagger: searches the title but records the spans as if they were on the text."""

    name = "title-on-text"
    recorded_as = "text"


class DateTagger(Step):
    name = "date-tagger"
    Options = PhraseOptions
    changes = frozenset({"dates"})
    options: PhraseOptions

    def process(self, doc: Document) -> Document:
        return doc.model_copy(update={"dates": [
            DateSpan(start=start, end=start + len(phrase), text=phrase, field=field, value=value)
            for field in self.options.fields for phrase, value in self.options.phrases.items()
            for start in occurrences(doc.field_text(field), phrase)]})


class IdsOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ids: list[str] = Field(default_factory=list, description="document ids")


class DropIds(Step):
    name = "drop-ids"
    Options = IdsOptions
    options: IdsOptions

    def process(self, doc: Document) -> Document | Drop:
        return Drop("excluded by the test") if doc.id in self.options.ids else doc


class FailIds(Step):
    name = "fail-ids"
    Options = IdsOptions
    options: IdsOptions

    def process(self, doc: Document) -> Document:
        if doc.id in self.options.ids:
            raise RuntimeError(f"cannot handle {doc.id}")
        return doc


class KeepSpans(Step):
    """Changes nothing: whatever spans the document arrives with are its output."""

    name = "keep-spans"

    def process(self, doc: Document) -> Document:
        return doc


class AddDateline(Step):
    name = "add-dateline"
    changes = frozenset({"text"})

    def process(self, doc: Document) -> Document:
        return doc.model_copy(update={"text": f"CANBERRA - {doc.text}"})


class ExplodingOutput(Step):
    name = "exploding-output"
    writes_output = True

    def setup(self) -> None:
        raise AssertionError("an evaluation must not set up output steps")


REGISTRY = Registry.discover()
for _step in (PhraseTagger, TitleOnText, DateTagger, DropIds, FailIds, KeepSpans, AddDateline, ExplodingOutput):
    REGISTRY.steps[_step.name] = Provided(_step, "test", "tests")


def pipeline_of(*steps: dict[str, Any], name: str = "eval.yaml") -> Pipeline:
    return Pipeline.from_yaml(json.dumps({"steps": list(steps)}), name, REGISTRY)


def run(*steps: dict[str, Any]) -> EvaluationReport:
    return evaluate(pipeline_of(*steps), GOLD)


def figures(score: Score) -> tuple[int, int, int, int, float, float, float]:
    return (score.gold, score.system, score.correct, score.found,
            round(score.precision, 4), round(score.recall, 4), round(score.f1, 4))


def expected(gold: int, system: int, correct: int, found: int | None = None) -> tuple[Any, ...]:
    """The figures from the counts: P over system spans, R over gold spans."""
    found = correct if found is None else found
    p, r = correct / system, found / gold
    return gold, system, correct, found, round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4)


ENTITIES = {"use": "phrase-tagger", "with": {"phrases": ENTITY_PHRASES}}
DATES = {"use": "date-tagger", "with": {"phrases": DATE_PHRASES}}


def test_entities_per_label_and_micro_total() -> None:
    report = run(ENTITIES)
    assert {label: figures(s) for label, s in report.entities.items()} == {
        "TITLE": expected(14, 6, 6),
        "PERSON": expected(11, 3, 2),
        "GPE": expected(18, 5, 4),
        "ORG": expected(5, 2, 1),
        "LOC": expected(2, 2, 1),
    }
    assert figures(report.entities_micro) == expected(50, 18, 14)
    assert (report.documents, report.dropped, report.failed, report.text_changed) == (6, [], [], [])


def test_dates_strict_relaxed_and_value() -> None:
    report = run(DATES)
    assert {name: figures(s) for name, s in report.dates.items()} == {
        "strict": expected(18, 10, 6),
        "relaxed": expected(18, 10, 9, 10),
        "value": expected(18, 10, 5),
    }
    assert report.entities_micro == Score(gold=50)


def test_title_spans_score_and_spans_recorded_on_the_wrong_field_fail_their_documents() -> None:
    title_phrases = {"Indonesia": "GPE", "Ilham Aliyev": "PERSON", "Queensland": "GPE"}
    right = run({"use": "phrase-tagger", "with": {"phrases": title_phrases, "fields": ["title"]}})
    assert figures(right.entities_micro) == expected(50, 3, 3)
    # offsets into the title recorded as the text's cover other words: the runner fails those documents, naming
    # the span, rather than scoring (or writing) spans that point at the wrong words
    misplaced = run({"use": "title-on-text", "with": {"phrases": title_phrases, "fields": ["title"]}})
    assert (misplaced.entities_micro.system, misplaced.entities_micro.correct) == (0, 0)
    assert len(misplaced.failed) == 3
    assert all(d.step == "title-on-text" and "offsets do not match its text: entities[0]" in d.reason
               for d in misplaced.failed), misplaced.failed


def test_dropped_and_failed_documents_found_nothing_and_are_listed() -> None:
    report = run({"use": "drop-ids", "with": {"ids": ["eval-06-notice"]}},
                 {"use": "fail-ids", "with": {"ids": ["eval-04-hospitals"]}}, ENTITIES)
    # Each lost document had a right "Prime Minister" and "Sydney".
    assert figures(report.entities["TITLE"]) == expected(14, 4, 4)
    assert figures(report.entities["GPE"]) == expected(18, 3, 2)
    assert figures(report.entities_micro) == expected(50, 14, 10)
    assert [(d.id, d.step, d.reason) for d in report.dropped] == [
        ("eval-06-notice", "drop-ids", "excluded by the test")]
    assert [(d.id, d.step, d.reason) for d in report.failed] == [
        ("eval-04-hospitals", "fail-ids", "RuntimeError: cannot handle eval-04-hospitals")]


def test_steps_never_see_the_gold_spans() -> None:
    report = run({"use": "keep-spans"})
    assert figures(report.entities_micro)[:4] == (50, 0, 0, 0)
    assert [figures(s)[:4] for s in report.dates.values()] == [(18, 0, 0, 0)] * 3


def test_steps_are_set_up_and_closed_and_outputs_are_not_run() -> None:
    pipeline = pipeline_of(ENTITIES, {"use": "exploding-output"}, {"use": "keep-spans"})
    report = evaluate(pipeline, GOLD)
    assert report.entities_micro.correct == 14
    assert pipeline.steps[0].closed  # type: ignore[attr-defined]


def test_steps_after_an_output_step_are_scored_as_the_run_makes_them() -> None:
    report = evaluate(pipeline_of({"use": "exploding-output"}, ENTITIES), GOLD)
    assert figures(report.entities_micro) == expected(50, 18, 14)


def test_a_pipeline_of_outputs_only_cannot_be_evaluated() -> None:
    with pytest.raises(ConfigError, match="no processing steps"):
        run({"use": "exploding-output"})


def test_rewritten_text_is_reported() -> None:
    report = run({"use": "add-dateline"}, ENTITIES)
    assert report.text_changed == [f"eval-0{n}" for n in ("1-trade", "2-drought", "3-summit", "4-hospitals",
                                                           "5-floods", "6-notice")]
    # Only the title spans still line up: "Prime Minister", "Ilham Aliyev" and "Queensland".
    assert report.entities_micro.correct == 3
    assert "warning: the pipeline rewrote the text or title of 6 documents" in report.format_table()


def test_json_form() -> None:
    report = run({"use": "drop-ids", "with": {"ids": ["eval-06-notice"]}}, DATES)
    data = json.loads(json.dumps(report.to_dict()))
    assert list(data) == ["pipeline", "gold", "documents", "entities", "dates", "dropped", "failed", "text_changed"]
    assert (data["pipeline"], data["gold"], data["documents"]) == ("eval.yaml", str(GOLD), 6)
    assert data["dates"]["relaxed"] == {"gold": 18, "system": 10, "correct": 9, "found": 10,
                                        "precision": 0.9, "recall": 0.5556, "f1": 0.687}
    assert list(data["dates"]) == ["strict", "relaxed", "value"]
    assert list(data["entities"]["labels"]) == ["GPE", "LOC", "ORG", "PERSON", "TITLE"]
    assert data["entities"]["micro"] == {"gold": 50, "system": 0, "correct": 0, "found": 0,
                                         "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert data["dropped"] == [{"id": "eval-06-notice", "step": "drop-ids", "reason": "excluded by the test"}]
    assert (data["failed"], data["text_changed"]) == ([], [])


def test_table() -> None:
    report = run({"use": "drop-ids", "with": {"ids": ["eval-06-notice"]}}, ENTITIES, DATES)
    assert report.format_table() == f"""\
eval.yaml on {GOLD}: 6 documents, 1 dropped, 0 failed

entities       gold  system  correct      P      R     F1
GPE              18       4        3  0.750  0.167  0.273
LOC               2       2        1  0.500  0.500  0.500
ORG               5       2        1  0.500  0.200  0.286
PERSON           11       3        2  0.667  0.182  0.286
TITLE            14       5        5  1.000  0.357  0.526
all (micro)      50      16       12  0.750  0.240  0.364

dates          gold  system  correct      P      R     F1
strict           18      10        6  0.600  0.333  0.429
relaxed          18      10     9/10  0.900  0.556  0.687
value            18      10        5  0.500  0.278  0.357
(correct n/m: n system dates match a gold date, m gold dates are matched)
dropped: eval-06-notice in step 'drop-ids': excluded by the test"""


def test_built_in_dates_and_entities_plugins(tmp_path: Path) -> None:
    output = tmp_path / "never-written.jsonl"
    pipeline = pipeline_of({"use": "dates"}, {"use": "entities"},
                           {"use": "export", "with": {"path": str(output)}})
    data = evaluate(pipeline, GOLD).to_dict()
    assert not output.exists()
    assert set(data["entities"]["labels"]) <= {"PERSON", "TITLE", "ORG", "GPE", "LOC"}
    scores = [*data["entities"]["labels"].values(), data["entities"]["micro"], *data["dates"].values()]
    assert all(0.0 <= s[key] <= 1.0 for s in scores for key in ("precision", "recall", "f1"))
    # Loose floors: a broken hand-over between the pipeline and the scoring drops these to zero.
    assert data["entities"]["micro"]["f1"] > 0.5
    assert data["dates"]["value"]["f1"] > 0.5
    assert data["dates"]["strict"]["f1"] <= data["dates"]["relaxed"]["f1"]


def write_gold(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def test_bad_gold_lines_are_all_named_with_file_and_line(tmp_path: Path) -> None:
    span = {"start": 0, "end": 5, "text": "Perth", "label": "GPE"}
    path = write_gold(
        tmp_path,
        json.dumps({"id": "ok", "text": "Perth today", "entities": [span]}),
        '{"id": "broken" "text": "x"}',
        "",
        json.dumps({"id": "shifted", "text": "In Perth", "entities": [span]}),
        json.dumps({"id": "undated", "text": "x", "dates": [{"start": 0, "end": 1, "text": "x"}]}),
    )
    with pytest.raises(GoldFileError) as error:
        evaluate(pipeline_of(ENTITIES), path)
    assert error.value.problems == [
        f"{path}:2: invalid JSON at column 17: Expecting ',' delimiter",
        f"{path}:4: gold entities[0] 0:5 is 'In Pe', not 'Perth'",
        f"{path}:5: not a valid document: dates.0.value: Field required",
    ]
    assert str(error.value).startswith(f"{path}: invalid gold file (3 problems); fix it before evaluating:\n  ")


def test_empty_or_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match="no documents"):
        evaluate(pipeline_of(ENTITIES), write_gold(tmp_path, ""))
    with pytest.raises(ConfigError, match="cannot read the gold file"):
        evaluate(pipeline_of(ENTITIES), tmp_path / "missing.jsonl")

