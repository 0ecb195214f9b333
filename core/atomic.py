"""Write a file so that readers see either the old complete file or the new complete one, never a truncated one."""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path
from typing import IO

from pressroom.core.storage import cannot_write


class AtomicFile:
    """A binary file written under a temporary name in the same folder and renamed over the target on commit.

    The temporary name carries the writer's process id, so a later run can remove what a killed run left behind.
    Failing to create, write or publish it raises StorageError and leaves no temporary behind.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.temp_path = temporary_path(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(self.path)
            self.stream: IO[bytes] = open(self.temp_path, "wb")
        except OSError as exc:
            raise cannot_write(self.path, exc) from None

    def prepare(self) -> None:
        """Put every byte on disk under the temporary name: after this, only the rename is left."""
        if self.stream.closed:
            return
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
        except OSError as exc:
            self.discard()
            raise cannot_write(self.path, exc) from None

    def publish(self) -> None:
        try:
            os.replace(self.temp_path, self.path)
        except OSError as exc:
            self.discard()
            raise cannot_write(self.path, exc) from None

    def commit(self) -> None:
        self.prepare()
        self.publish()

    def discard(self) -> None:
        """Remove the temporary; never raises, since it runs while another error is being reported."""
        with suppress(OSError):
            self.stream.close()  # flushing may fail on a full disk; the bytes are unwanted anyway
        with suppress(OSError):
            self.temp_path.unlink(missing_ok=True)


def temporary_path(path: Path) -> Path:
    """Where this process writes ``path`` before renaming it into place (``remove_stale_temporaries`` reads the
    process id back from the name)."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporaries of ``path`` whose writing process no longer runs."""
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        pid = temp.name[len(path.name) + 2 : -len(".tmp")]
        if pid.isdigit() and not _running(int(pid)):
            temp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
