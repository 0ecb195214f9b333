"""The entities package's code as this process runs it: part of the key of what the set-up cache keeps built from
the package (``packaged.prebuilt``).

Read once, before the package's modules are imported (the package's ``__init__`` asks for it first): a module file that
changes while a process starts (an upgrade under a starting run, an edit while tests run) must not key objects
built by the old code with the new code's digest, or every later process would read them back as new.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path


def digest(path: Path) -> bytes:
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:  # then whoever reads it reports the file its own way, and nothing is stored
        return b"unreadable"


@cache
def code_digests() -> tuple[bytes, ...]:
    """A digest of every module of the package, in a fixed order, taken the first time it is asked for."""
    root = Path(__file__).parent
    return tuple(path.name.encode() + digest(path) for path in sorted(root.glob("*.py")))
