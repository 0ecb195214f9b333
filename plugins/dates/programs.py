"""The plugin's regular expressions, compiled once and kept in the set-up cache: compiling them (the matchers'
patterns in their Unicode and ASCII forms, and those the modules use around them) took some 60 ms of a first
process's start, and the module-level ones about 9 ms of every process's; reading them back takes about 1 ms.

The modules ask ``program(source, flags)`` as they are imported. The kept programs are looked up by their source
and flags, so a program is never one of another pattern; they are kept in a file keyed by the plugin's code (the
patterns are made of it, word lists included), so that changed code stores its own. A process that had to compile
any (the first, or one of changed code) stores them all at the step's set-up (``keep_programs``), once every module
has made its patterns."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, AnyStr

from pressroom.core import cached

_NAME = "dates-patterns"
_HERE = Path(__file__).resolve().parent
#: the files the patterns are made of
_CODE = (*sorted(_HERE.glob("*.py")), *_HERE.parent.glob("word_trees.py"))


class _NoneKept(Exception):
    """No programs are kept for this code yet: they are compiled as they are asked for."""


def _none_kept() -> dict[tuple[Any, int], re.Pattern[Any]]:
    raise _NoneKept


_KEY = b"\0".join(path.read_bytes() for path in _CODE)
try:  # a build that fails stores nothing: what this process compiles is stored at set-up, all of it at once
    _kept = cached(_NAME, _KEY, _none_kept)
except _NoneKept:
    _kept = {}
_compiled: list[tuple[Any, int]] = []  # by this process


def program(source: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(source, flags)``, read back from the cache where a process before compiled it."""
    found: re.Pattern[AnyStr] | None = _kept.get((source, flags))
    if found is None:
        found = _kept[source, flags] = re.compile(source, flags)
        _compiled.append((source, flags))
    return found


def keep_programs() -> None:
    """Store every program asked for, when this process had to compile any, for the processes after it."""
    if _compiled:
        cached(_NAME, _KEY, lambda: dict(_kept))
        _compiled.clear()
