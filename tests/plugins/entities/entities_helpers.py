"""Test data and fixtures of the entities plugin (imported by its test modules; no conftest.py, so
`from conftest import ...` elsewhere keeps meaning tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pressroom.core import Document
from pressroom.core.step import Result
from pressroom.plugins.entities.step import EntitiesStep

DATA = Path(__file__).resolve().parents[2] / "data" / "entities"


def read_release(path: Path) -> Document:
    """A release file: ` date YYYY-MM-DD title` on the first line, a blank line, the body."""
    first, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    _, _, title = first.strip().split(" ", 2)
    return Document(id=path.stem, title=title, text=body)


def tagged(result: Result) -> list[tuple[str, str, str]]:
    assert isinstance(result, Document)
    return [(e.field, e.text, e.label) for e in result.entities]


def labels_of(result: Result, text: str) -> set[str]:
    return {label for _, t, label in tagged(result) if t == text}


def text_spans(step: EntitiesStep, text: str) -> list[tuple[str, str]]:
    return [(t, label) for _, t, label in tagged(step.process(Document(id="t", text=text)))]


@pytest.fixture(scope="module")
def rules_step() -> EntitiesStep:
    step = EntitiesStep()
    step.setup()
    return step


@pytest.fixture(scope="module")
def spacy_step() -> EntitiesStep:
    step = EntitiesStep({"backend": "spacy"})
    step.setup()
    return step


@pytest.fixture(scope="module")
def hybrid_step(spacy_step: EntitiesStep) -> EntitiesStep:
    step = EntitiesStep({"backend": "hybrid"})
    step.setup()  # the model is cached per process: this reuses the one spacy_step loaded
    return step


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    return read_release(DATA / "seed_release.txt")


@pytest.fixture(scope="module")
def au_docs() -> list[Document]:
    rows = [json.loads(line) for line in (DATA / "au_pm_sample.jsonl").read_text(encoding="utf-8").splitlines()]
    return [Document(id=r["id"], title=r["title"], text=r["text"]) for r in rows]
