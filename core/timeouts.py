"""Bound the time a step may spend on documents, so that a hung step fails its documents instead of the run.

In a process's main thread (one worker, or ``--workers N``) a timer signal interrupts the step even in a blocking
call such as ``sleep``; in another thread (a Dask worker) the exception is raised asynchronously, at the step's next
Python instruction. Code that never returns to Python (a C extension stuck in a loop) cannot be interrupted either way.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class StepTimedOut(BaseException):
    """Raised inside a step past its time limit. Not an Exception, so that the step's own ``except Exception``
    cannot swallow it."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    if seconds is None:
        yield
    elif threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _async_exception(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise StepTimedOut

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _async_exception(seconds: float) -> Iterator[None]:
    import ctypes  # here: only steps timed in a thread (a Dask worker) need it, not every start-up

    target = ctypes.c_ulong(threading.get_ident())
    guard = threading.Lock()
    state = {"done": False, "fired": False}

    def expire() -> None:
        with guard:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(StepTimedOut))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with guard:
            state["done"] = True
        timer.cancel()
        if state["fired"]:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)  # one still pending must not escape
