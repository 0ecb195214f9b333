"""Output formats of the export step, by name. Heavy libraries (pyarrow) are imported only when used."""

from __future__ import annotations

import importlib

from pressroom.plugins.export.writers.base import Writer

# format name -> "module:Class", so that naming a format does not import its library.
FORMATS: dict[str, str] = {
    "jsonl": "pressroom.plugins.export.writers.jsonl:JsonlWriter",
    "csv": "pressroom.plugins.export.writers.csv:CsvWriter",
    "sqlite": "pressroom.plugins.export.writers.sqlite:SqliteWriter",
    "parquet": "pressroom.plugins.export.writers.parquet:ParquetWriter",
}


def writer_class(fmt: str) -> type[Writer]:
    module, _, name = FORMATS[fmt].partition(":")
    cls: type[Writer] = getattr(importlib.import_module(module), name)
    return cls


__all__ = ["FORMATS", "Writer", "writer_class"]
