"""Fixtures of the reader tests: real releases written as pages, feeds, PDF, DOCX and e-mail by
tests/data/readers/make_fixtures.py, and reading files as ``pressroom run`` does."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from pressroom.core import Document
from pressroom.core.errors import InputError
from pressroom.core.inputs import read_all
from pressroom.core.registry import Registry

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "data" / "readers"))
import make_fixtures  # noqa: E402

READERS = Registry.discover().reader_classes()

Read = Callable[..., list[Document | InputError]]


@pytest.fixture
def make() -> ModuleType:
    return make_fixtures


@pytest.fixture
def read() -> Read:
    """Every record of the given paths, with the installed readers, as ``pressroom run`` reads them."""

    def read_paths(*paths: Path, fmt: str = "auto") -> list[Document | InputError]:
        return list(read_all([str(p) for p in paths], READERS, fmt))

    return read_paths


def documents(records: list[Document | InputError]) -> list[Document]:
    assert all(isinstance(r, Document) for r in records), [str(r) for r in records if isinstance(r, InputError)]
    return [r for r in records if isinstance(r, Document)]
