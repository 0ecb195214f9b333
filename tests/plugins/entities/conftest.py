"""Fixtures of the entities tests: the rules step built once per module, the real releases copied here."""

from __future__ import annotations

import json

import pytest

from pressroom.core import Document
from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import DATA, read_release


@pytest.fixture(scope="module")
def rules_step() -> EntitiesStep:
    step = EntitiesStep()
    step.setup()
    return step


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    return read_release(DATA / "seed_release.txt")


@pytest.fixture(scope="module")
def au_docs() -> list[Document]:
    rows = [json.loads(line) for line in (DATA / "au_pm_sample.jsonl").read_text(encoding="utf-8").splitlines()]
    return [Document(id=r["id"], title=r["title"], text=r["text"]) for r in rows]
