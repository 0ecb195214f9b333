"""Test data of the entities plugin, and reading a tagged document back as (field, text, label) triples."""

from __future__ import annotations

from pathlib import Path

from pressroom.core import Document
from pressroom.core.step import Result

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
