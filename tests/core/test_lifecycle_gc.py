"""Set-up pauses the cyclic garbage collector (it would only walk the long-lived data being built) and always
gives it back as it found it, also when a step fails to set up."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from pressroom.core import Document, Step
from pressroom.core.lifecycle import Lifecycle


class Watching(Step):
    """Notes whether the collector ran while it was set up, and fails there when asked to."""

    name = "watching"
    fail = False

    def setup(self) -> None:
        self.collecting = gc.isenabled()
        if self.fail:
            raise RuntimeError("set-up failed")

    def process(self, doc: Document) -> Document:
        return doc


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_setup_pauses_the_collector_and_restores_it() -> None:
    step = Watching()
    Lifecycle([step]).setup()
    assert step.collecting is False
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_a_failed_setup_restores_the_collector_too() -> None:
    failing = Watching()
    failing.fail = True
    with pytest.raises(RuntimeError, match="set-up failed"):
        Lifecycle([Watching(), failing]).setup()
    assert gc.isenabled()


def test_a_collector_switched_off_stays_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        Lifecycle([Watching()]).setup()
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()
