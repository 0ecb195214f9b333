import datetime as dt

from pressroom.core import DateSpan, Document, EntitySpan, HistoryEntry


def full_document() -> Document:
    return Document(
        id="r1", title="President meets Secretary General", text="On Friday, Ilham Aliyev met him in Baku.",
        date=dt.date(2022, 12, 15), source="seeds/r1.txt", metadata={"url": "https://x", "tags": [1, {"a": None}]},
        entities=[EntitySpan(start=11, end=23, text="Ilham Aliyev", label="PERSON", canonical="Ilham Aliyev"),
                  EntitySpan(start=0, end=9, text="President", label="TITLE", field="title")],
        dates=[DateSpan(start=3, end=9, text="Friday", value="2022-12-09")],
        history=[HistoryEntry(step="dates", plugin="dates", version="1.0.0")],
    )


def test_json_round_trip_is_lossless() -> None:
    doc = full_document()
    assert Document.model_validate_json(doc.model_dump_json()) == doc


def test_spans_index_text_or_title() -> None:
    doc = full_document()
    assert doc.invalid_spans() == []
    broken = doc.model_copy(update={"dates": [DateSpan(start=0, end=6, text="Friday", value="2022-12-09")]})
    assert broken.invalid_spans() == ["dates[0] 0:6 is 'On Fri', not 'Friday'"]


def test_unknown_fields_are_rejected() -> None:
    import pydantic
    import pytest

    with pytest.raises(pydantic.ValidationError, match="extra"):
        Document.model_validate({"id": "x", "titel": "typo"})
