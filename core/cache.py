"""Data a step builds at set-up (word sets, gazetteers), kept between runs so that start-up reads it in one go.

``cached(name, key, build)`` returns ``build()``'s value, pickled under the user's cache folder in a file named by
``name`` and a digest of ``key``: the caller puts in ``key`` everything the value depends on (the content of the data
files, the code's version), so a change makes a new file. The last few versions of each name are kept (checkouts or
installs of different versions that take turns each find their own), the least recently used removed beyond that.
The file is written under a temporary name and renamed, so concurrent processes (workers starting together) only
ever read a whole one. A file that cannot be read or unpickled is built again; a folder that cannot be written (a
read-only home) means building every time, never an error. Compiled regular expressions are kept compiled (as the
regex engine's code, which the key ties to this Python), so reading them back does not parse and compile them again.

Values read while ``sharing`` stay in this process and go to every later asker of the same name and key, here
and in the worker processes it forks: they inherit them copy-on-write instead of each reading the file again
(``pressroom.core.lifecycle.load_shared``), until ``release_shared``. Every asker, in every step and worker, then
gets the same object, where each call would otherwise unpickle its own copy: never change a cached value in place
(build a new one: ``frozenset(words) | extra``), or one step's change shows in another's output with
``--workers N`` only.

The folder is ``$PRESSROOM_CACHE_DIR``, else ``$XDG_CACHE_HOME/pressroom``, else ``~/.cache/pressroom``; setting
``PRESSROOM_CACHE_DIR`` to an empty string turns the cache off. Like byte code in ``__pycache__``, the files are
trusted as the user's own: the folder must not be writable by others.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the regex engine: no stubs
import hashlib
import os
import pickle
import re
import sys
from re import _compiler, _parser  # type: ignore[attr-defined]
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar, cast

from pressroom.core.atomic import AtomicFile
from pressroom.core.errors import StorageError

T = TypeVar("T")
CACHE_DIR_VARIABLE = "PRESSROOM_CACHE_DIR"
_DIGEST_LENGTH = 32
_NAME = re.compile(r"[A-Za-z0-9_.]+(?:-[A-Za-z0-9_.]+)*")
#: in every key: a pickle made by another Python may name classes or layouts this one lacks, or another regex engine
#: (the full version: a bug-fix release may compile a pattern to another program under the same engine MAGIC)
_RUNTIME = f"{sys.implementation.cache_tag} {sys.version} pickle {pickle.HIGHEST_PROTOCOL} sre {_sre.MAGIC}".encode()
#: versions kept per name
KEPT_VERSIONS = 8


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
    file_name = _file_name(name, key)
    value = _shared.get(file_name, _MISSING)
    if value is _MISSING:
        path = _path(file_name)
        value = _MISSING if path is None else _read(path)
        if value is _MISSING:
            global _building
            _building += 1
            try:
                value = build()
            finally:
                _building -= 1
            if path is not None:
                _store(path, name, value)
        if _sharing and not _building:  # what a build reads is in what it builds: kept once, not twice
            _shared[file_name] = value
    return cast(T, value)


def kept(name: str, key: bytes) -> Any:
    """The value ``cached(name, key, ...)`` stored, or None when none is (it builds nothing): for a caller that
    stores later what it built meanwhile."""
    file_name = _file_name(name, key)
    value = _shared.get(file_name, _MISSING)
    if value is _MISSING:
        path = _path(file_name)
        value = _MISSING if path is None else _read(path)
    return None if value is _MISSING else value


@contextmanager
def sharing() -> Iterator[None]:
    """What ``cached`` returns within the block is kept for every later asker in this process and the processes it
    forks, until ``release_shared``."""
    global _sharing
    _sharing = True
    try:
        yield
    finally:
        _sharing = False


def release_shared() -> None:
    """Later askers read the cache again; this process frees the shared values nothing else holds."""
    _shared.clear()


@contextmanager
def patterns_kept(name: str, key: bytes) -> Iterator[None]:
    """A block whose ``re.compile`` calls find their patterns compiled already: those an earlier run compiled in
    it, kept under ``name`` and ``key`` and put into the ``re`` module's own cache of compiled patterns before the
    block; after a first run, the patterns compiled in it are stored. For code that is not ours to change (a
    library's import); our own patterns are kept directly, as ``cached`` values. A pattern the block no longer
    compiles (another version) is never asked for, and one it compiles anew is compiled as usual."""
    compiled = getattr(re, "_cache", None)  # private: should a Python lack it, patterns are compiled as usual
    if not isinstance(compiled, dict):
        yield
        return
    earlier = kept(name, key)
    if earlier is not None:
        compiled.update(earlier)
    before = set(compiled)
    yield
    if earlier is None:
        made = {pattern_key: compiled[pattern_key] for pattern_key in set(compiled) - before}
        cached(name, key, lambda: made)


#: what ``_read`` gives for a file that is missing or cannot be read back
_MISSING = object()


#: values read while ``sharing``, by file name
_shared: dict[str, Any] = {}
#: one flag for the process: sharing is for the moment before it forks, not for threads running pipelines
_sharing = False
#: how many ``build`` calls are under way in this process
_building = 0


def _file_name(name: str, key: bytes) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(f"cache name {name!r}: use letters, digits, '_', '.' and inner '-'")
    digest = hashlib.sha256(_RUNTIME + b"\0" + key).hexdigest()[:_DIGEST_LENGTH]
    return f"{name}-{digest}.pickle"


def _path(file_name: str) -> Path | None:
    """The file of that name in the cache folder; None when the cache is turned off."""
    folder = cache_dir()
    return None if folder is None else folder / file_name


def _read(path: Path) -> Any:
    try:
        with open(path, "rb") as stream:
            value = pickle.load(stream)  # noqa: S301 - the user's own cache, written by cached() below
    except Exception:  # missing, cut short or from an incompatible build: built again
        return _MISSING
    with suppress(OSError):  # recently used: the last to be removed
        os.utime(path)
    return value


def _store(path: Path, name: str, value: object) -> None:
    try:
        target = AtomicFile(path)
    except StorageError:  # a folder we may not write: no cache, as when it is turned off
        return
    try:
        _Pickler(target.stream, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        target.commit()
    except StorageError:
        return
    except BaseException:  # a value that cannot be pickled is the caller's bug: said, with no temporary left
        target.discard()
        raise
    # Beyond KEPT_VERSIONS of the same name, the least recently used go. Digests have one length, so a longer
    # name's files never have this one.
    versions = []
    for other in path.parent.glob(f"{name}-*.pickle"):
        with suppress(OSError):
            if len(other.name) == len(path.name):
                versions.append((other.stat().st_mtime_ns, other == path, other))
    for *_, stale in sorted(versions, reverse=True)[KEPT_VERSIONS:]:
        with suppress(OSError):
            stale.unlink()


class _Pickler(pickle.Pickler):
    """Keeps a compiled regular expression as the engine's code: read back, it needs no parsing and compiling (a
    third of reading the entities tagger was compiling its patterns again)."""

    def reducer_override(self, obj: object) -> Any:
        if type(obj) is re.Pattern and not obj.flags & re.DEBUG:
            # private engine internals: should a Python change them, the pattern is pickled as usual
            with suppress(Exception):
                arguments = _program(obj)
                if _sre.compile(*arguments) == obj:  # the same program as re.compile made
                    return _sre.compile, arguments
        return NotImplemented


def _program(pattern: re.Pattern[Any]) -> tuple[Any, ...]:
    """``_sre.compile``'s arguments for ``pattern``, as ``re.compile`` builds them."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    groups = parsed.state.groupdict
    index_group = [None] * parsed.state.groups
    for group, index in groups.items():
        index_group[index] = group
    code = list(map(int, _compiler._code(parsed, pattern.flags)))  # plain ints: the opcodes are an int subclass
    return (pattern.pattern, pattern.flags | parsed.state.flags, code, parsed.state.groups - 1, groups,
            tuple(index_group))
