"""One run at a time per output: a lock beside each file a run writes (outputs, quarantine, ledger).

The lock is a POSIX record lock on ``.NAME.lock`` next to the file, so the kernel releases it when its process dies
(even by SIGKILL); it is not inherited by worker processes. The file holds the owner's pid and command line, for the
message another run gives; the owner removes it when done.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TextIO

from pressroom.core.errors import OutputsLocked
from pressroom.core.storage import cannot_write

_BUSY = (errno.EACCES, errno.EAGAIN)


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


class OutputsLock:
    """Held from before anything is read until the outputs are published. Without ``wait``, a path held by
    another run raises OutputsLocked naming that run; with it, one line says what is awaited."""

    def __init__(self, paths: Iterable[str | Path], *, wait: bool = False, log: TextIO = sys.stderr,
                 poll: float = 0.2) -> None:
        # In one order for every run, so that two waiting runs cannot each hold what the other waits for.
        self.paths = sorted({Path(os.path.abspath(p)) for p in paths})
        self.wait = wait
        self.log = log
        self.poll = poll
        self._held: list[tuple[Path, int]] = []

    def __enter__(self) -> OutputsLock:
        try:
            for path in self.paths:
                self._held.append((path, self._acquire(path)))
        except BaseException:
            self.release()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.release()

    def release(self) -> None:
        while self._held:
            path, fd = self._held.pop()
            try:
                lock_path(path).unlink(missing_ok=True)  # while still holding it: see _acquire
            except OSError:
                pass
            os.close(fd)

    def _acquire(self, path: Path) -> int:
        lock = lock_path(path)
        announced = False
        while True:
            try:
                lock.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError as exc:
                raise cannot_write(path, exc) from None
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in _BUSY:
                    os.close(fd)
                    raise cannot_write(path, exc) from None
                holder = _holder(fd)
                os.close(fd)
                if not self.wait:
                    raise OutputsLocked(f"{path} is in use by another run ({holder}); wait for it to end, or pass "
                                        "--wait-lock to wait for it") from None
                if not announced:
                    print(f"pressroom: waiting for {path}, in use by another run ({holder})", file=self.log)
                    announced = True
                time.sleep(self.poll)
                continue
            if not _is_current(fd, lock):
                os.close(fd)  # the previous owner removed the file after we opened it: lock the one there now
                continue
            try:
                os.ftruncate(fd, 0)
                os.write(fd, json.dumps({"pid": os.getpid(), "command": " ".join(sys.argv)}).encode())
            except OSError as exc:
                os.close(fd)
                raise cannot_write(path, exc) from None
            return fd


def _holder(fd: int) -> str:
    try:
        owner = json.loads(os.pread(fd, 65536, 0))
        return f"pid {owner['pid']}: {owner['command']}"
    except (OSError, ValueError, TypeError, KeyError):
        return "a process that is just starting"


def _is_current(fd: int, lock: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(lock))
    except FileNotFoundError:
        return False
