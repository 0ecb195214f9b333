"""The base class of output formats (writers): an output step hands them documents; they publish all at once."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from pressroom.core.document import Document
from pressroom.core.preflight import Requirement


class WriterOptions(BaseModel):
    """Options most writers share; a writer's own ``Options`` model subclasses this one and adds its fields."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(default="-", description="output file (a folder for some formats), or '-' for standard output "
                                               "(formats that stream only)")
    mode: Literal["replace", "append"] = Field(
        default="replace", description="replace the output, or add to what an earlier run wrote")


class Writer:
    """One output in one format, chosen by its ``name``.

    Subclasses set ``name``, ``description`` and ``Options`` (a pydantic model; ``WriterOptions`` or a subclass
    for file outputs). ``write`` receives documents in input order; ``commit`` publishes everything at once and
    ``discard`` leaves the previous output untouched, so a failed or killed run never leaves a truncated file
    that looks complete. A heavy library is imported in ``__init__``, not at module level, so that naming
    another format never loads it.
    """

    name: ClassVar[str]
    description: ClassVar[str] = ""
    Options: ClassVar[type[BaseModel]] = WriterOptions
    #: Whether this format can write to standard output (path '-'): the document stream that ``--output`` means.
    streams: ClassVar[bool] = False

    #: Optional extras this format needs, e.g. ``(Requirement("parquet", ("pyarrow",)),)``: an output step using it
    #: declares them too, so ``validate`` (and ``run`` before reading) prints the ``pip install`` line.
    requires: ClassVar[tuple[Requirement | str, ...]] = ()

    @classmethod
    def outputs(cls, options: BaseModel) -> list[str]:
        """Files or folders written with these options (a run locks them); by default ``path``, unless '-'."""
        path = getattr(options, "path", None)
        return [path] if isinstance(path, str) and path != "-" else []

    def __init__(self, options: BaseModel) -> None:
        self.options = options

    def write(self, doc: Document) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def discard(self) -> None:
        raise NotImplementedError
