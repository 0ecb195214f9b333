"""One flat hierarchy: catch ``PressroomError`` for everything Pressroom raises on purpose."""

from __future__ import annotations


class PressroomError(Exception):
    """Base of every error Pressroom reports to users."""


class ConfigError(PressroomError):
    """A pipeline file or command line is invalid; nothing has been read yet. Exit code 2."""

    def __init__(self, problems: list[str], source: str = "") -> None:
        self.problems = problems
        self.source = source
        heading = f"{source}: invalid pipeline" if source else "invalid pipeline"
        super().__init__("\n".join([f"{heading} ({len(problems)} problem{'s' * (len(problems) != 1)}):"]
                                   + [f"  {p}" for p in problems]))


class InputError(PressroomError):
    """One input record could not be read; names the file and line and carries the raw record."""

    def __init__(self, message: str, *, source: str, raw: str | None = None) -> None:
        self.source = source
        self.raw = raw
        super().__init__(f"{source}: {message}")


class PluginError(PressroomError):
    """A plugin could not be loaded or declares something invalid."""


class StepError(PressroomError):
    """A step raised on a document; the document id and step are in the message."""


class FailureBudgetExceeded(PressroomError):
    """More documents failed than the pipeline's ``max_failures`` allows."""
