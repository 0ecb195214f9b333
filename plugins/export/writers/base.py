"""What every output format implements: write documents as they come, publish on commit, or discard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pressroom.core import Document

if TYPE_CHECKING:
    from pressroom.plugins.export.step import ExportOptions


class Writer:
    """One output of the export step. ``commit`` publishes everything at once; ``discard`` leaves the previous
    output untouched, so a failed or killed run never leaves a truncated file that looks complete."""

    #: Whether this format can write to standard output (path '-').
    streams: bool = False

    @classmethod
    def unavailable(cls) -> str | None:
        """Why this format cannot be used here (a missing optional library), or None; checked when the
        pipeline is validated, before any document is read."""
        return None

    def __init__(self, options: ExportOptions) -> None:
        self.options = options

    def write(self, doc: Document) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def discard(self) -> None:
        raise NotImplementedError
