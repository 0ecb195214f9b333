"""Span scoring: exact entity matches, TempEval-3 date matches, each span counted once, fields kept apart."""

from __future__ import annotations

from pressroom.core import DateSpan, EntitySpan
from pressroom.core.scoring import Score, date_scores, entity_scores


def test_scoring_counts_each_span_once_and_keeps_fields_apart() -> None:
    perth = EntitySpan(start=0, end=5, text="Perth", label="GPE")
    assert entity_scores([perth], [perth, perth]) == {"GPE": Score(1, 1, 1, 1)}
    on_text = DateSpan(start=0, end=5, text="today", value="2020-01-01")
    on_title = on_text.model_copy(update={"field": "title"})
    assert {name: s.correct for name, s in date_scores([on_text], [on_title]).items()} == {
        "strict": 0, "relaxed": 0, "value": 0}
    assert (Score().precision, Score().recall, Score().f1) == (0.0, 0.0, 0.0)
