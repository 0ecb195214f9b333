"""``pressroom eval --html``: per-label scores with TP/FP/FN, a label confusion table, and every false positive and
false negative in its context, linked into a review site when one is given.

Errors are found with the scorer's own matching (``pressroom.core.scoring``), so the lists add up to the table.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from pressroom.core.document import DateSpan, Document, EntitySpan
from pressroom.core.evaluation import MICRO, EvaluationReport
from pressroom.core.processing import Outcome
from pressroom.core.review.site import MARKER, ReviewSiteError
from pressroom.core.review.templating import environment
from pressroom.core.scoring import DATE_MATCHES, Score, date_scores, entity_scores

CONTEXT = 60  # characters shown on each side of an error
NONE = "(none)"
#: The date match that decides which dates are listed as errors: overlapping, with the same TIMEX3 value.
DATE_ERROR_MATCH = "value"
S = TypeVar("S", EntitySpan, DateSpan)


@dataclass(frozen=True)
class SpanError:
    kind: str  # "false positive" or "false negative"
    doc_id: str
    field: str
    start: int
    end: int
    text: str
    label: str  # entity label, or the date's TIMEX3 value
    before: str
    after: str
    link: str | None


@dataclass
class EvaluationErrors:
    """Collects each gold document with what the pipeline made of it (``evaluate(..., on_document=errors.add)``)."""

    pairs: list[tuple[Document, Document]] = field(default_factory=list)

    def add(self, gold: Document, outcome: Outcome) -> None:
        # A dropped or failed document found nothing, as the scores count it.
        self.pairs.append((gold, outcome if isinstance(outcome, Document) else Document(id=gold.id)))

    def confusion(self) -> dict[tuple[str, str], int]:
        """(gold label, system label) -> entity spans of one extent; NONE where one side has no span there."""
        table: Counter[tuple[str, str]] = Counter()
        for gold, system in self.pairs:
            extents: dict[tuple[str, int, int], tuple[set[str], set[str]]] = {}
            for side, spans in ((0, gold.entities), (1, system.entities)):
                for span in spans:
                    extents.setdefault((span.field, span.start, span.end), (set(), set()))[side].add(span.label)
            for gold_labels, system_labels in extents.values():
                for label in gold_labels & system_labels:
                    table[label, label] += 1
                missed, spurious = sorted(gold_labels - system_labels), sorted(system_labels - gold_labels)
                for pair in zip(missed, spurious):
                    table[pair] += 1
                for label in missed[len(spurious):]:
                    table[label, NONE] += 1
                for label in spurious[len(missed):]:
                    table[NONE, label] += 1
        return dict(table)

    def errors(self, review_link: str | None) -> tuple[list[SpanError], list[SpanError]]:
        """The entity errors and the date errors, in document order."""
        entity_errors: list[SpanError] = []
        date_errors: list[SpanError] = []
        for gold, system in self.pairs:
            link = f"{review_link}#doc={quote(gold.id, safe='')}" if review_link else None
            for kind, spans, others in (("false positive", system.entities, gold.entities),
                                        ("false negative", gold.entities, system.entities)):
                for entity in _unique(spans):
                    if not entity_scores(others, [entity])[entity.label].correct:
                        entity_errors.append(_error(kind, gold, entity, entity.label, link))
            for kind, dates, other_dates in (("false positive", system.dates, gold.dates),
                                             ("false negative", gold.dates, system.dates)):
                for date in _unique(dates):
                    if not date_scores(other_dates, [date])[DATE_ERROR_MATCH].correct:
                        date_errors.append(_error(kind, gold, date, date.value, link))
        return entity_errors, date_errors


def _unique(spans: Iterable[S]) -> list[S]:
    """One span per identity, as the scorer counts them, in offset order."""
    seen: dict[tuple[str, int, int, str], S] = {}
    for span in spans:
        kind = span.label if isinstance(span, EntitySpan) else span.value
        seen.setdefault((span.field, span.start, span.end, kind), span)
    return sorted(seen.values(), key=lambda s: (s.field != "title", s.start, s.end))


def _error(kind: str, doc: Document, span: EntitySpan | DateSpan, label: str, link: str | None) -> SpanError:
    text = doc.field_text(span.field)
    return SpanError(kind, doc.id, span.field, span.start, span.end, span.text, label,
                     text[max(0, span.start - CONTEXT):span.start], text[span.end:span.end + CONTEXT], link)


def write_html_report(report: EvaluationReport, errors: EvaluationErrors, path: Path,
                      review: Path | None = None) -> None:
    """Write the report as one self-contained HTML file; ``review`` is a site built by ``pressroom review``."""
    review_link = None
    if review is not None:
        if not (review / MARKER).exists():
            raise ReviewSiteError(f"{review} is not a review site; build one with `pressroom review OUTPUT --out "
                                  f"{review}` or leave out --review")
        review_link = Path(os.path.relpath(review.resolve() / "index.html", path.resolve().parent)).as_posix()
    entity_errors, date_errors = errors.errors(review_link)
    confusion = errors.confusion()
    gold_labels = sorted({g for g, _ in confusion} - {NONE}) + [NONE]
    system_labels = sorted({s for _, s in confusion} - {NONE}) + [NONE]
    html = environment().get_template("eval_report.html").render(
        report=report,
        entity_rows=[(label, report.entities[label]) for label in sorted(report.entities)]
        + [(MICRO, report.entities_micro)],
        date_rows=[(name, report.dates[name]) for name in DATE_MATCHES],
        confusion=confusion, gold_labels=gold_labels, system_labels=system_labels, no_span=NONE,
        entity_errors=entity_errors, date_errors=date_errors, date_match=DATE_ERROR_MATCH, counts=_counts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def _counts(score: Score) -> dict[str, int | float]:
    """TP, FP and FN as the table shows them: TP = system spans that match, FN = gold spans left unmatched."""
    return {"tp": score.correct, "fp": score.system - score.correct, "fn": score.gold - score.found,
            "p": score.precision, "r": score.recall, "f1": score.f1}
