"""Write a file so that readers see either the old complete file or the new complete one, never a truncated one."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO


class AtomicFile:
    """A binary file written under a temporary name in the same folder and renamed over the target on commit.

    The temporary name carries the writer's process id, so a later run can remove what a killed run left behind.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(self.path)
        self.temp_path = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self.stream: IO[bytes] = open(self.temp_path, "wb")

    def commit(self) -> None:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        os.replace(self.temp_path, self.path)

    def discard(self) -> None:
        self.stream.close()
        self.temp_path.unlink(missing_ok=True)


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
