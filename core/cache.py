"""Data a step builds at set-up (word sets, gazetteers), kept between runs so that start-up reads it in one go.

``cached(name, key, build)`` returns ``build()``'s value, pickled under the user's cache folder in a file named by
``name`` and a digest of ``key``: the caller puts in ``key`` everything the value depends on (the content of the data
files, the code's version), so a change makes a new file and the old one is removed. The file is written under a
temporary name and renamed, so concurrent processes (workers starting together) only ever read a whole one. A file
that cannot be read or unpickled is built again; a folder that cannot be written (a read-only home) means building
every time, never an error.

The folder is ``$PRESSROOM_CACHE_DIR``, else ``$XDG_CACHE_HOME/pressroom``, else ``~/.cache/pressroom``; setting
``PRESSROOM_CACHE_DIR`` to an empty string turns the cache off. Like byte code in ``__pycache__``, the files are
trusted as the user's own: the folder must not be writable by others.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

from pressroom.core.atomic import AtomicFile
from pressroom.core.errors import StorageError

T = TypeVar("T")
CACHE_DIR_VARIABLE = "PRESSROOM_CACHE_DIR"
_DIGEST_LENGTH = 32
_NAME = re.compile(r"[A-Za-z0-9_.]+(?:-[A-Za-z0-9_.]+)*")
#: in every key: a pickle made by another Python may name classes or layouts this one lacks
_RUNTIME = f"{sys.implementation.cache_tag} pickle {pickle.HIGHEST_PROTOCOL}".encode()


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # no home folder (a bare container): no cache, rather than one in the working folder
        return None
    return Path(base) / "pressroom"


def cached(name: str, key: bytes, build: Callable[[], T]) -> T:
    """``build()``'s value, read from the cache when a run with the same ``name`` and ``key`` stored it.

    ``name`` (letters, digits, ``_``, ``.``, inner ``-``) says what the value is, e.g. ``entities-given_names.txt``."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"cache name {name!r}: use letters, digits, '_', '.' and inner '-'")
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.sha256(_RUNTIME + b"\0" + key).hexdigest()[:_DIGEST_LENGTH]
    path = folder / f"{name}-{digest}.pickle"
    try:
        with open(path, "rb") as stream:
            value: T = pickle.load(stream)  # noqa: S301 - the user's own cache, written by cached() below
        return value
    except Exception:  # missing, cut short or from an incompatible build: build it again
        pass
    value = build()
    _store(path, name, value)
    return value


def _store(path: Path, name: str, value: object) -> None:
    try:
        target = AtomicFile(path)
    except StorageError:  # a folder we may not write: no cache, as when it is turned off
        return
    try:
        pickle.dump(value, target.stream, protocol=pickle.HIGHEST_PROTOCOL)
        target.commit()
    except StorageError:
        return
    except BaseException:  # a value that cannot be pickled is the caller's bug: said, with no temporary left
        target.discard()
        raise
    # Earlier versions of the same name: digests have one length, so a longer name's files never have this one.
    for stale in path.parent.glob(f"{name}-*.pickle"):
        if stale != path and len(stale.name) == len(path.name):
            with suppress(OSError):
                stale.unlink()
