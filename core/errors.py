"""One flat hierarchy: catch ``PressroomError`` for everything Pressroom raises on purpose."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


class PressroomError(Exception):
    """Base of every error Pressroom reports to users."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pipeline or job file, as data: where it is, which key, what is wrong and what to do.

    ``file``, ``line`` and ``column`` locate it (line and column count from 1; None when unknown), ``path`` is the
    key path inside the file (``("steps", 1, "with", "path")``)."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: tuple[str | int, ...] = ()
    hint: str = ""

    def render(self) -> str:
        """``file:line:column: key.path: message; hint``, leaving out what is unknown."""
        where = ":".join(str(part) for part in (self.file, self.line, self.column) if part is not None)
        key = format_path(self.path) if self.path else ""
        return ": ".join(part for part in (where, key, self.message) if part) + (f"; {self.hint}" if self.hint else "")

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column,
                "path": format_path(self.path) if self.path else "",
                "message": self.message, "hint": self.hint}

    def sort_key(self) -> tuple[int, int]:
        """File order (line, column); problems without a position go first."""
        return (self.line or 0, self.column or 0)


def format_path(path: Sequence[str | int]) -> str:
    """``steps[1].with.prefer`` from ``("steps", 1, "with", "prefer")``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out or "(top level)"


class ConfigError(PressroomError):
    """A pipeline file or command line is invalid; nothing has been read yet. Exit code 2.

    ``details`` holds the problems as data; ``problems`` the same rendered as lines. A plain string counts as a
    problem with no known position."""

    def __init__(self, problems: Sequence[Problem | str], source: str = "") -> None:
        self.details = [p if isinstance(p, Problem) else Problem(p) for p in problems]
        self.problems = [p.render() for p in self.details]
        self.source = source
        heading = f"{source}: invalid pipeline" if source else "invalid pipeline"
        count = len(self.problems)
        super().__init__("\n".join([f"{heading} ({count} problem{'s' * (count != 1)}):"]
                                   + [f"  {p}" for p in self.problems]))


class InputError(PressroomError):
    """One input record could not be read; names the file and line and carries the raw record."""

    def __init__(self, message: str, *, source: str, raw: str | None = None) -> None:
        self.source = source
        self.raw = raw
        super().__init__(f"{source}: {message}")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...], dict[str, Any]]:
        """Rebuilt from its args and attributes without calling ``__init__``, whose arguments differ among the
        subclasses (a worker that read the record sends it to the main process)."""
        return type(self).__new__, (type(self), *self.args), self.__dict__


class PluginError(PressroomError):
    """A plugin could not be loaded or declares something invalid."""


class StepError(PressroomError):
    """A step raised on a document; the document id and step are in the message."""


class FailureBudgetExceeded(PressroomError):
    """More documents failed than the pipeline's ``max_failures`` allows."""


class StorageError(PressroomError):
    """An output, the quarantine or the ledger could not be written (a full disk, a read-only folder, a file where
    a folder should be). A run failure, not a document failure: the run stops and replaces no output."""


class OutputsLocked(PressroomError):
    """Another run holds the lock on an output, the quarantine or the ledger of this one."""
