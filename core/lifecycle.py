"""Set steps up, then close them after a complete run or abort them when it stops early."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from pressroom.core.step import Step


@contextmanager
def steps_set_up(steps: Sequence[Step]) -> Iterator[None]:
    ready: list[Step] = []
    try:
        for step in steps:
            step.setup()
            ready.append(step)
        yield
    except BaseException:
        for step in reversed(ready):
            step.abort()
        raise
    else:
        for step in reversed(ready):
            step.close()
