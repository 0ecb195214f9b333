"""Spans a step returns: a third-party step's are checked where they enter the framework (validated when built, and
the runner refuses what is no span); the built-in steps build theirs without validation, and must give what
validation would have built."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from pydantic import TypeAdapter

from pressroom.core import DateSpan, Document, EntitySpan, Step
from pressroom.core.pipeline import Pipeline
from pressroom.core.processing import Failed, process_chunk
from pressroom.core.registry import Provided, Registry
from pressroom.core.runner import Runner
from pressroom.core.step import Result
from pressroom.plugins.dates.step import DatesStep
from pressroom.plugins.entities.step import EntitiesStep


class Careless(Step):
    """A third-party tagger with the usual mistakes: spans as plain dicts, a negative offset."""

    name = "careless"
    changes: ClassVar[frozenset[str]] = frozenset({"entities"})

    def process(self, doc: Document) -> Document:
        start = doc.text.index("Prime Minister")
        if doc.id.endswith("1"):
            found: list[object] = [{"start": start, "end": start + 14, "text": "Prime Minister", "label": "TITLE"}]
        else:
            found = [EntitySpan(start=start - len(doc.text), end=start + 14, text="Prime Minister", label="TITLE")]
        return doc.model_copy(update={"entities": [*doc.entities, *found]})


def releases(au_slice: Path, count: int) -> list[Document]:
    records = (json.loads(line) for line in au_slice.read_text().splitlines())
    chosen = [r for r in records if "Prime Minister" in r["text"]][:count]
    return [Document(id=f"r{i}", title=r["title"], text=r["text"]) for i, r in enumerate(chosen)]


def test_a_third_party_step_returning_bad_spans_fails_the_document_with_what_is_wrong(au_slice: Path) -> None:
    docs = releases(au_slice, 3)
    outcomes, stats = process_chunk([Careless()], docs)
    assert all(isinstance(o, Failed) for o in outcomes)
    assert stats["careless"].failed == 3
    as_dict, negative = outcomes[1], outcomes[0]
    assert isinstance(as_dict, Failed) and isinstance(negative, Failed)
    assert as_dict.error == ("ValueError: step 'careless' returned entities[0] is a dict, not EntitySpan; "
                             "build it with EntitySpan(...), which checks its fields")
    assert negative.error.startswith("ValidationError: 1 validation error for EntitySpan\nstart\n  "
                                     "Input should be greater than or equal to 0")
    assert as_dict.original is docs[1]


class InPlace(Step):
    """Appends a dict to the list it was given and returns the same document."""

    name = "in-place"
    mutates_input = True

    def process(self, doc: Document) -> Document:
        doc.entities.append({"start": 0, "end": 1, "text": doc.text[0], "label": "ORG"})  # type: ignore[arg-type]
        return doc


class TaggerWithExtras(EntitiesStep):
    """A third party's subclass of the built-in tagger that adds spans of its own, as dicts."""

    name = "tagger-with-extras"

    def process_batch(self, docs: Sequence[Document]) -> list[Result]:
        extra = {"start": 0, "end": 1, "text": docs[0].text[0], "label": "ORG"}
        return [tagged.model_copy(update={"entities": [*tagged.entities, extra]}) if isinstance(tagged, Document)
                else tagged for tagged in super().process_batch(docs)]


def test_spans_appended_in_place_or_by_a_subclass_of_a_built_in_step_are_checked(au_slice: Path) -> None:
    tagger = TaggerWithExtras()
    tagger.setup()
    for step in (InPlace(), tagger):
        outcomes, _ = process_chunk([step], releases(au_slice, 2))
        assert all(isinstance(o, Failed) and "is a dict, not EntitySpan" in o.error for o in outcomes), outcomes


class OffByOne(Step):
    """Finds `Prime Minister` but records the offsets one character late."""

    name = "off-by-one"

    def process(self, doc: Document) -> Document:
        start = doc.text.index("Prime Minister") + 1
        found = EntitySpan(start=start, end=start + 14, text="Prime Minister", label="TITLE")
        return doc.model_copy(update={"entities": [*doc.entities, found]})


def test_a_span_whose_offsets_cover_other_words_fails_the_document(au_slice: Path) -> None:
    outcomes, _ = process_chunk([OffByOne()], releases(au_slice, 1))
    failed = outcomes[0]
    assert isinstance(failed, Failed)
    assert failed.error.startswith("ValueError: step 'off-by-one' returned a span whose offsets do not match its "
                                   "text: entities[0] ")
    start = releases(au_slice, 1)[0].text.index("Prime Minister") + 1
    assert failed.error.endswith(f"{start}:{start + 14} is 'rime Minister,', not 'Prime Minister'")


def test_spans_kept_from_the_input_pass(au_slice: Path) -> None:
    """A step that keeps the spans it was given and adds right ones passes them on."""
    doc = releases(au_slice, 1)[0]
    earlier = DateSpan(start=0, end=1, text=doc.text[0], value="2001")
    outcomes, _ = process_chunk([_Adding()], [doc.model_copy(update={"dates": [earlier]})])
    out = outcomes[0]
    assert isinstance(out, Document) and out.dates == [earlier] and len(out.entities) == 1


class _Adding(Step):
    """Adds a right span, keeping what the document had."""

    name = "adding"

    def process(self, doc: Document) -> Document:
        start = doc.text.index("Prime Minister")
        found = EntitySpan(start=start, end=start + 14, text="Prime Minister", label="TITLE")
        return doc.model_copy(update={"entities": [*doc.entities, found]})


def test_a_run_quarantines_the_document_with_the_message(tmp_path: Path, au_slice: Path) -> None:
    registry = Registry.discover()
    registry.steps["careless"] = Provided(Careless, "test", "tests")
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(d.model_dump(mode="json")) + "\n" for d in releases(au_slice, 2)))
    pipeline = Pipeline.from_dict({
        "quarantine": str(tmp_path / "q.jsonl"), "ledger": None,
        "steps": [{"use": "careless"}, {"use": "export", "with": {"path": str(tmp_path / "out.jsonl")}}],
    }, registry)
    stats = Runner(pipeline, [str(source)], log=io.StringIO()).run()
    assert (stats.read, stats.quarantined, stats.written) == (2, 2, 0)
    errors = [json.loads(line)["error"] for line in (tmp_path / "q.jsonl").read_text().splitlines()]
    assert errors[1].startswith("ValueError: step 'careless' returned entities[0] is a dict, not EntitySpan")


def test_built_in_steps_build_the_spans_validation_would(au_slice: Path) -> None:
    """The dates and entities steps skip validating their spans: every span must be what validating its fields
    builds, and serialize the same."""
    docs = releases(au_slice, 40)
    dates, entities = DatesStep(), EntitiesStep()
    dates.setup()
    entities.setup()
    outcomes, _ = process_chunk([dates, entities], docs)
    spans = 0
    for out in outcomes:
        assert isinstance(out, Document) and out.invalid_spans() == []
        for kind, model in (("entities", EntitySpan), ("dates", DateSpan)):
            built = getattr(out, kind)
            adapter = TypeAdapter(list[model])  # type: ignore[valid-type]
            validated = adapter.validate_python([s.model_dump() for s in built])
            assert built == validated
            assert [s.model_dump_json() for s in built] == [s.model_dump_json() for s in validated]
            assert all(s.model_fields_set == v.model_fields_set for s, v in zip(built, validated))
            spans += len(built)
        assert Document.model_validate_json(out.model_dump_json()) == out
    assert spans > 500
