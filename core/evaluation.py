"""``pressroom eval``: run a pipeline's processing steps on gold documents and score the spans it finds.

Entities are scored per label on exact matches (field, start, end, label), with the micro total; dates by
TempEval-3's strict, relaxed and value matches (see ``pressroom.core.scoring``). The steps see the gold
documents without their spans. The pipeline's processing steps run, as ``pressroom test`` runs them
(``pressroom.core.outputs``); its output steps never do, so an evaluation writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pressroom.core.document import Document
from pressroom.core.errors import ConfigError, InputError
from pressroom.core.lifecycle import steps_set_up
from pressroom.core.outputs import split_steps
from pressroom.core.pipeline import Pipeline
from pressroom.core.processing import Dropped, Failed, Outcome, process_chunk
from pressroom.core.readers.jsonl import JsonlReader
from pressroom.core.scoring import DATE_MATCHES, Score, date_scores, entity_scores

MICRO = "all (micro)"


class GoldFileError(InputError):
    """The gold file has lines that are not documents, or spans whose offsets do not match their text."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.problems = problems
        count = f"{len(problems)} problem{'s' * (len(problems) != 1)}"
        super().__init__(f"invalid gold file ({count}); fix it before evaluating:\n"
                         + "\n".join(f"  {p}" for p in problems), source=path)


@dataclass(frozen=True)
class LostDocument:
    """A gold document the pipeline dropped or failed on; it counts as having no spans."""

    id: str
    step: str
    reason: str


@dataclass
class EvaluationReport:
    pipeline: str
    gold: str
    documents: int = 0
    entities: dict[str, Score] = field(default_factory=dict)  # by label
    dates: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in DATE_MATCHES})
    dropped: list[LostDocument] = field(default_factory=list)
    failed: list[LostDocument] = field(default_factory=list)
    #: Documents whose text or title a step rewrote: their span offsets no longer index the gold text.
    text_changed: list[str] = field(default_factory=list)

    @property
    def entities_micro(self) -> Score:
        return sum(self.entities.values(), Score())

    def add(self, gold: Document, outcome: Outcome) -> None:
        """Score one document; a dropped or failed one found nothing."""
        self.documents += 1
        system = outcome if isinstance(outcome, Document) else Document(id=gold.id)
        if isinstance(outcome, Dropped):
            self.dropped.append(LostDocument(gold.id, outcome.step, outcome.reason))
        elif isinstance(outcome, Failed):
            self.failed.append(LostDocument(gold.id, outcome.step, outcome.error))
        elif (system.text, system.title) != (gold.text, gold.title):
            self.text_changed.append(gold.id)
        for label, score in entity_scores(gold.entities, system.entities).items():
            self.entities[label] = self.entities.get(label, Score()) + score
        for name, score in date_scores(gold.dates, system.dates).items():
            self.dates[name] += score

    def to_dict(self) -> dict[str, Any]:
        return {
            "pipeline": self.pipeline,
            "gold": self.gold,
            "documents": self.documents,
            "entities": {"labels": {label: self.entities[label].to_dict() for label in sorted(self.entities)},
                         "micro": self.entities_micro.to_dict()},
            "dates": {name: self.dates[name].to_dict() for name in DATE_MATCHES},
            "dropped": [{"id": d.id, "step": d.step, "reason": d.reason} for d in self.dropped],
            "failed": [{"id": d.id, "step": d.step, "error": d.reason} for d in self.failed],
            "text_changed": list(self.text_changed),
        }

    def format_table(self) -> str:
        lines = [f"{self.pipeline} on {self.gold}: {self.documents} documents, "
                 f"{len(self.dropped)} dropped, {len(self.failed)} failed", ""]
        entity_rows = [(label, self.entities[label]) for label in sorted(self.entities)]
        date_rows = [(name, self.dates[name]) for name in DATE_MATCHES]
        width = max(len(name) for name, _ in [*entity_rows, *date_rows, (MICRO, Score())])
        lines += _block("entities", [*entity_rows, (MICRO, self.entities_micro)], width)
        lines += [""] + _block("dates", date_rows, width)
        if any(score.correct != score.found for _, score in date_rows):
            lines.append("(correct n/m: n system dates match a gold date, m gold dates are matched)")
        for kind, lost in (("dropped", self.dropped), ("failed", self.failed)):
            lines += [f"{kind}: {d.id} in step {d.step!r}: {d.reason}" for d in lost]
        if self.text_changed:
            lines.append(f"warning: the pipeline rewrote the text or title of {len(self.text_changed)} documents "
                         f"({', '.join(self.text_changed)}), so their spans cannot line up with the gold; "
                         "write the gold on the rewritten text or leave the rewriting steps out")
        return "\n".join(lines)


def _block(heading: str, rows: list[tuple[str, Score]], width: int) -> list[str]:
    lines = [f"{heading:<{width}}  {'gold':>6}  {'system':>6}  {'correct':>7}  {'P':>5}  {'R':>5}  {'F1':>5}"]
    for name, s in rows:
        correct = str(s.correct) if s.correct == s.found else f"{s.correct}/{s.found}"
        lines.append(f"{name:<{width}}  {s.gold:>6}  {s.system:>6}  {correct:>7}  "
                     f"{s.precision:5.3f}  {s.recall:5.3f}  {s.f1:5.3f}")
    return lines


def evaluate(pipeline: Pipeline, gold_path: Path,
             on_document: Callable[[Document, Outcome], None] | None = None) -> EvaluationReport:
    """Run the pipeline's processing steps on the gold documents, stripped of their spans, and score the spans.

    ``on_document(gold, outcome)`` sees each gold document with what the steps made of it (the HTML report).
    """
    gold = read_gold(gold_path)
    steps = split_steps(pipeline.steps).processing
    if not steps:
        raise ConfigError(["the pipeline has no processing steps, only outputs; nothing to evaluate"],
                          pipeline.source)
    report = EvaluationReport(pipeline.source, str(gold_path))
    size = pipeline.config.batch_size
    with steps_set_up(steps):
        for start in range(0, len(gold), size):
            chunk = gold[start : start + size]
            # The steps must not see the answers.
            outcomes, _ = process_chunk(steps, [doc.model_copy(update={"entities": [], "dates": []}) for doc in chunk])
            for doc, outcome in zip(chunk, outcomes):
                report.add(doc, outcome)
                if on_document:
                    on_document(doc, outcome)
    return report


def read_gold(path: Path) -> list[Document]:
    """Every document of a gold JSONL file; raises GoldFileError naming each bad line."""
    documents, problems = [], []
    try:
        with open(path, "rb") as stream:
            for lineno, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{lineno}"
                record = JsonlReader.parse_line(line, where)
                if isinstance(record, InputError):
                    problems.append(str(record))
                    continue
                problems += [f"{where}: gold {problem}" for problem in record.invalid_spans()]
                documents.append(record)
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read the gold file: {exc.strerror}"]) from None
    if not problems and not documents:
        problems.append(f"{path}: no documents; a gold file has one JSON document per line")
    if problems:
        raise GoldFileError(str(path), problems)
    return documents
