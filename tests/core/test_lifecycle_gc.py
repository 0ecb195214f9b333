"""Set-up pauses the cyclic garbage collector (it would only walk the long-lived data being built) and always
gives it back as it found it, also when a step fails to set up; what set-up built is frozen until the steps close."""

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


class Building(Step):
    """Builds long-lived data at set-up, as a gazetteer does, and notes whether the collector still tracks it."""

    name = "building"

    def setup(self) -> None:
        self.data = [[f"place {i}"] for i in range(1000)]

    def process(self, doc: Document) -> Document:
        return doc


@pytest.mark.usefixtures("collector_on")
def test_what_setup_built_is_frozen_until_the_steps_close() -> None:
    gc.unfreeze()
    step = Building()
    lifecycle = Lifecycle([step])
    lifecycle.setup()
    try:
        # frozen: no collection walks it again while the steps run
        assert gc.is_tracked(step.data[0])
        assert gc.get_freeze_count() >= len(step.data)
        assert not any(entry is step.data[0] for generation in range(3) for entry in gc.get_objects(generation))
    finally:
        lifecycle.close()
    assert gc.get_freeze_count() == 0  # given back to the collector: the closed steps' cycles can be collected


@pytest.mark.usefixtures("collector_on")
def test_an_aborted_run_unfreezes_too() -> None:
    lifecycle = Lifecycle([Building()])
    lifecycle.setup()
    lifecycle.abort()
    assert gc.get_freeze_count() == 0
