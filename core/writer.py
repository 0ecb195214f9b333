"""The base class of output formats (writers): an output step hands them documents; they publish all at once."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from pressroom.core.document import Document
from pressroom.core.packed import document_from_json
from pressroom.core.preflight import Requirement


class WriterOptions(BaseModel):
    """Options most writers share; a writer's own ``Options`` model subclasses this one and adds its fields."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(default="-", description="output file (a folder for some formats), or '-' for standard output "
                                               "(formats that stream only)")
    mode: Literal["replace", "append"] = Field(
        default="replace", description="replace the output, or add to what an earlier run wrote")


class ShardableOptions(WriterOptions):
    """Options of a format that workers can write as part files of one output (``Writer.part`` and ``merge``)."""

    shards: bool = Field(default=False, description="the workers write part files into the folder 'path', listed "
                                                    "in input order in its .manifest.json; `pressroom merge PATH "
                                                    "FILE` makes the one file")


class Writer:
    """One output in one format, chosen by its ``name``.

    Subclasses set ``name``, ``description`` and ``Options`` (a pydantic model; ``WriterOptions`` or a subclass
    for file outputs). ``write`` receives documents in input order; ``commit`` publishes everything at once and
    ``discard`` leaves the previous output untouched, so a failed or killed run never leaves a truncated file
    that looks complete. A heavy library is imported in ``__init__``, not at module level, so that naming
    another format never loads it.

    With worker processes, the one process writing an output in input order receives each document as its JSON
    (``write_packed``): a format that needs more than that bytes-for-bytes (rows of its tables) computes it in the
    workers with ``prepare``, rather than have the document rebuilt there.
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
        """Files written with these options (a run locks them); by default ``path``, unless '-'. A sharded output
        is its folder, written whole: ``path`` with a trailing separator."""
        path = getattr(options, "path", None)
        if not isinstance(path, str) or path == "-":
            return []
        return [os.path.join(path, "")] if cls.sharded(options) else [path]

    @classmethod
    def sharded(cls, options: BaseModel) -> bool:
        """Whether these options ask for part files written by the workers (``shards: true``); a format offers
        it by taking ``ShardableOptions`` and implementing ``part`` and ``merge``."""
        return bool(getattr(options, "shards", False))

    @classmethod
    def part(cls, options: BaseModel, folder: Path, name: str) -> BaseModel:
        """The options that write one part of a sharded output: every file of it inside ``folder``, named after
        ``name`` (``part-000003``), in replace mode and not sharded. A worker writes each part with
        ``cls(part_options)``, ``write`` and ``commit``, as any output."""
        raise NotImplementedError(f"format {cls.name!r} cannot be written as part files")

    @classmethod
    def merge(cls, parts: Sequence[BaseModel], options: BaseModel) -> None:
        """Write the one output ``options`` names (replace mode, not sharded) from the parts written with
        ``parts`` (the options ``part`` gave), in that order: byte for byte what one writer given every document
        in that order writes. Published atomically, as ``commit`` does."""
        raise NotImplementedError(f"format {cls.name!r} cannot merge part files")

    def __init__(self, options: BaseModel) -> None:
        self.options = options

    def write(self, doc: Document) -> None:
        raise NotImplementedError

    @classmethod
    def prepare(cls, options: BaseModel, doc: Document) -> Any:
        """What ``write_packed`` needs of ``doc`` besides its JSON (say, its rows, packed), computed where the
        document was processed: a worker process, in parallel, so that the one process writing this output in
        input order does little more than write. Optional: a writer without it is given the document rebuilt."""
        raise NotImplementedError

    @classmethod
    def prepares(cls) -> bool:
        return cls.prepare.__func__ is not Writer.prepare.__func__  # type: ignore[attr-defined]

    def write_packed(self, text: bytes, prepared: Any) -> None:
        """Write the document whose JSON (UTF-8) is ``text``, given what ``prepare`` made of it (None when this
        format does not prepare): exactly what ``write`` of that document writes."""
        self.write(document_from_json(text))

    def commit(self) -> None:
        raise NotImplementedError

    def discard(self) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class Preparer:
    """A format's ``prepare`` with its options: what a worker process runs on each document for an output the
    main process writes (``Writer.write_packed``)."""

    writer_class: type[Writer]
    options: BaseModel

    def __call__(self, doc: Document) -> Any:
        return self.writer_class.prepare(self.options, doc)
