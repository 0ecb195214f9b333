"""Keep a bounded number of chunks in flight and yield their results in submission order."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class FutureLike(Protocol):
    def result(self) -> Any: ...


def in_order(submit: Callable[[T], FutureLike], items: Iterable[T], in_flight: int) -> Iterator[Any]:
    """Bounded look-ahead keeps memory constant; ordered results keep output identical to a serial run."""
    pending: deque[FutureLike] = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
