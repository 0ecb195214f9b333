"""The contract suite catches each kind of broken step, and passes a correct one."""

from __future__ import annotations

import random
import threading
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from pressroom.core import Document, EntitySpan, Step
from pressroom.core.testing import StepContract, check_contract


class GoodOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str = Field(default="WORD", description="label of the first word")


class Good(Step):
    name = "good"
    Options = GoodOptions
    reads = frozenset({"text"})
    changes = frozenset({"entities"})

    def process(self, doc: Document) -> Document:
        word = doc.text.split(" ", 1)[0]
        spans = [EntitySpan(start=0, end=len(word), text=word, label=self.options.label)] if word else []
        return doc.model_copy(update={"entities": [*doc.entities, *spans]})


class TestGoodStepKeepsTheContract(StepContract, step=Good, options={"label": "FIRST"}):
    pass


class Undocumented(Good):
    class Options(BaseModel):  # type: ignore[no-redef]
        needed: int
        loose: str = "x"


class Mutating(Good):
    def process(self, doc: Document) -> Document:
        doc.metadata["seen"] = True
        return super().process(doc)


class Undeclared(Good):
    def process(self, doc: Document) -> Document:
        return super().process(doc).model_copy(update={"title": doc.title.upper()})


class BadSpans(Good):
    def process(self, doc: Document) -> Document:
        return doc.model_copy(update={"entities": [EntitySpan(start=0, end=3, text="xyz", label="X")]})


class Unpicklable(Good):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lock = threading.Lock()


class Random(Good):
    changes: ClassVar[frozenset[str]] = frozenset({"metadata"})

    def process(self, doc: Document) -> Document:
        return doc.model_copy(update={"metadata": {"roll": random.random()}})


def test_each_violation_is_named() -> None:
    assert check_contract(Good) == []
    assert check_contract(Undocumented) == [
        "options: option 'needed' has no default",
        "options: option 'needed' has no description",
        "options: option 'loose' has no description",
        "options: unknown option keys are accepted; set model_config = ConfigDict(extra='forbid')",
        "picklable: could not run: ValidationError: 1 validation error for Options",
        "deterministic: could not run: ValidationError: 1 validation error for Options",
        "no_input_mutation: could not run: ValidationError: 1 validation error for Options",
        "declared_changes: could not run: ValidationError: 1 validation error for Options",
    ]
    assert "no_input_mutation: document 'sample-visit' was changed in place; return doc.model_copy(update=...) " \
           "instead" in check_contract(Mutating)
    assert "declared_changes: document 'sample-visit': changed ['title'] without declaring them in changes" \
           in check_contract(Undeclared)
    # the runner itself fails a document whose spans do not cover their text
    assert "declared_changes: document 'sample-visit' failed: ValueError: step 'good' returned a span whose offsets " \
           "do not match its text: entities[0] 0:3 is 'Pre', not 'xyz'" in check_contract(BadSpans)
    assert check_contract(Unpicklable)[0].startswith("picklable: the step cannot be pickled before setup: TypeError")
    assert "deterministic: two instances with the same options give different results" in check_contract(Random)
