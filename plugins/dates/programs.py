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

from pressroom.core import cached, kept

_NAME = "dates-patterns"
_HERE = Path(__file__).resolve().parent
#: the files the patterns are made of
_CODE = (*sorted(_HERE.glob("*.py")), _HERE.parent / "word_trees.py")
_KEY = b"\0".join(path.read_bytes() for path in _CODE)
#: what processes before compiled; a process that had to compile any stores them all at set-up, at once
_kept: dict[tuple[Any, int], re.Pattern[Any]] = kept(_NAME, _KEY) or {}
_compiled_here = False


def program(source: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(source, flags)``, read back from the cache where a process before compiled it."""
    found: re.Pattern[AnyStr] | None = _kept.get((source, flags))
    if found is None:
        global _compiled_here
        found = _kept[source, flags] = re.compile(source, flags)
        _compiled_here = True
    return found


def keep_programs() -> None:
    """Store every program asked for, when this process had to compile any, for the processes after it."""
    global _compiled_here
    if _compiled_here:
        cached(_NAME, _KEY, lambda: dict(_kept))
        _compiled_here = False
