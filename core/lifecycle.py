"""Set steps up, then close them after a complete run or abort them when it stops early."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named in hints: pressroom.core imports this module before its document models
    from pressroom.core.step import Step


@contextmanager
def building_long_lived() -> Iterator[None]:
    """For a block that builds objects which all live on (imported modules, pydantic models, set-up data): the
    cyclic garbage collector is paused meanwhile, as its passes would walk them again and again and free nothing,
    and when the block completes they are frozen (``gc.freeze``) before it resumes, else its first passes would walk
    all of them once more. ``Lifecycle.close`` unfreezes them. A block that raises freezes nothing."""
    with collector_paused():
        yield
        gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for a block that makes many objects and no garbage cycles (a step's
    batch of spans, data read back from a cache): its passes would walk them and free nothing."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class Lifecycle:
    """The steps of one process (the main one, a worker process, a Dask worker): each set up once, in order, then
    closed in reverse after a complete run, or aborted when the run stops early. Every executor uses this."""

    def __init__(self, steps: Sequence[Step]) -> None:
        self.steps = list(steps)
        self._ready: list[Step] = []

    def setup(self) -> None:
        """Set every step up; when one fails, the ones already set up are aborted.

        The cyclic garbage collector waits meanwhile: set-up builds long-lived data (gazetteers, models) that
        collections would only walk through again and again, a quarter of the entities step's set-up. Then that
        data is frozen (``gc.freeze``) until the steps close: else the first collections after set-up walk all of
        it once more, longer than processing a document takes."""
        with building_long_lived():
            try:
                for step in self.steps:
                    step.setup()
                    self._ready.append(step)
            except BaseException:
                self.abort()
                raise

    def close(self) -> None:
        """When a step fails to close (an output cannot be published), the steps not yet closed are aborted."""
        gc.unfreeze()  # what the steps built becomes garbage the collector may take (its cycles too)
        while self._ready:
            step = self._ready.pop()
            try:
                step.close()
            except BaseException:
                self.abort()
                raise

    def abort(self) -> None:
        gc.unfreeze()
        ready, self._ready = self._ready, []
        _abort(ready)


@contextmanager
def steps_set_up(steps: Sequence[Step]) -> Iterator[None]:
    """The steps set up for the block; closed when it completes, aborted when it raises."""
    lifecycle = Lifecycle(steps)
    lifecycle.setup()
    try:
        yield
    except BaseException:
        lifecycle.abort()
        raise
    lifecycle.close()


def load_shared(steps: Sequence[Step]) -> None:
    """What each step shares (``Step.load_shared``), loaded in this process for the worker processes it forks next:
    they inherit it copy-on-write, and their set-up finds the cached data (``pressroom.core.cache.sharing``)
    instead of reading it again, each. It lives on, as set-up data does (``building_long_lived``);
    ``pressroom.core.cache.release_shared`` lets the cached data go."""
    from pressroom.core.cache import sharing

    with building_long_lived(), sharing():
        for step in steps:
            step.load_shared()


def _abort(steps: list[Step]) -> None:
    """Abort every step, even when one of them fails to: the error that stopped the run is the one to report."""
    for step in reversed(steps):
        with suppress(Exception):
            step.abort()
