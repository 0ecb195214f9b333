"""What a failed write means, in words a user can act on: the path and the cause, never a traceback."""

from __future__ import annotations

import errno
import os
import resource
import sqlite3
from pathlib import Path

from pressroom.core.errors import StorageError

_OS_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file grew larger than this system allows",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EIO: "input/output error (a failing disk or a lost network share?)",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.EISDIR: "it is a folder, not a file",
}

_SQLITE_REASONS = {
    "SQLITE_FULL": "the disk is full",
    "SQLITE_READONLY": "the database or its folder is read-only",
    "SQLITE_BUSY": "another process holds the database",
    "SQLITE_LOCKED": "another process holds the database",
}


def is_storage_failure(exc: BaseException) -> bool:
    """A failure of the storage itself (OSError, any SQLite error), not of the data being written."""
    return isinstance(exc, (OSError, sqlite3.Error)) and not isinstance(exc, BrokenPipeError)


def cannot_write(path: str | Path, exc: BaseException) -> StorageError:
    """The StorageError to raise when writing ``path`` failed with ``exc``."""
    filename = getattr(exc, "filename", None)
    target = Path(path)
    if isinstance(filename, str) and Path(filename) not in target.parents:  # another file of the same output
        target = Path(filename)
    return StorageError(f"cannot write {target}: {reason(target, exc)}")


def reason(path: Path, exc: BaseException) -> str:
    blocker = _file_in_the_way(path)
    if blocker is not None:
        return f"{blocker} is a file, not a folder"
    if isinstance(exc, OSError) and exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "")
        if name in _SQLITE_REASONS:
            return f"{_SQLITE_REASONS[name]} ({exc})"
        if path.is_dir():
            return _OS_REASONS[errno.EISDIR]
        folder = _existing_folder(path)
        if not os.access(folder, os.W_OK):
            return f"the folder {folder} is read-only"
        if name.startswith("SQLITE_IOERR"):
            # SQLite does not pass the system's error on: look for the likely causes.
            return _OS_REASONS[_io_cause(path, folder)]
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _io_cause(path: Path, folder: Path) -> int:
    try:
        if os.statvfs(folder).f_bavail == 0:
            return errno.ENOSPC
    except OSError:
        pass
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit != resource.RLIM_INFINITY:
        for suffix in ("", "-wal", "-journal"):
            grown = Path(f"{path}{suffix}")
            if grown.exists() and grown.stat().st_size >= limit:
                return errno.EFBIG
    return errno.EIO


def _file_in_the_way(path: Path) -> Path | None:
    """The nearest ancestor of ``path`` that exists as something other than a folder, if any."""
    for parent in path.parents:
        if parent.exists() or parent.is_symlink():
            return None if parent.is_dir() else parent
    return None


def _existing_folder(path: Path) -> Path:
    return next((p for p in path.parents if p.is_dir()), Path("."))
