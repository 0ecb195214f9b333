"""The export step: hands each document to a format writer; output appears atomically when the run completes."""

from __future__ import annotations

import difflib
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pressroom.core import Document, Step
from pressroom.plugins.export.writers import FORMATS, Writer, writer_class


class ExportOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: str = Field(default="jsonl", description=f"output format: {', '.join(sorted(FORMATS))}",
                        json_schema_extra={"enum": sorted(FORMATS)})
    path: str = Field(default="-", description="output file (a folder for parquet), or '-' for standard output "
                                               "(jsonl only)")
    mode: Literal["replace", "append"] = Field(
        default="replace", description="replace the output, or add to what an earlier run wrote "
                                       "(sqlite always updates documents by id)")
    entities_path: str | None = Field(default=None, description="csv only: also write one row per entity span here")
    dates_path: str | None = Field(default=None, description="csv only: also write one row per date span here")

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value not in FORMATS:
            close = difflib.get_close_matches(value, list(FORMATS), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ValueError(f"unknown format; {hint}known: {', '.join(sorted(FORMATS))}")
        return value

    @model_validator(mode="after")
    def _fits_format(self) -> ExportOptions:
        writer = writer_class(self.format)
        if missing := writer.unavailable():
            raise ValueError(missing)
        if self.path == "-" and not writer.streams:
            raise ValueError(f"format {self.format!r} cannot be written to standard output; give a path")
        span_paths = [p for p in (self.entities_path, self.dates_path) if p is not None]
        if span_paths and self.format != "csv":
            raise ValueError(f"entities_path and dates_path are for format 'csv'; {self.format!r} writes spans "
                             "into its own tables")
        if len({self.path, *span_paths}) < 1 + len(span_paths):
            raise ValueError("path, entities_path and dates_path must name different files")
        return self


class ExportStep(Step):
    name = "export"
    version = "1.0.0"
    description = "write every document that reaches this step to a file"
    Options: ClassVar[type[BaseModel]] = ExportOptions
    reads = frozenset({"id", "title", "text", "date", "source", "metadata", "entities", "dates"})
    writes_output = True

    options: ExportOptions

    def setup(self) -> None:
        self.writer: Writer = writer_class(self.options.format)(self.options)

    def process(self, doc: Document) -> Document:
        self.writer.write(doc)
        return doc

    def close(self) -> None:
        self.writer.commit()

    def abort(self) -> None:
        self.writer.discard()
