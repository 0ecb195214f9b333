"""The built-in ``export`` step, and the output formats it writes: JSONL, CSV, SQLite and Parquet."""

from __future__ import annotations

from pressroom.core import Step, Writer, hookimpl


@hookimpl
def pressroom_steps() -> list[type[Step]]:
    from pressroom.plugins.export.step import ExportStep

    return [ExportStep]


@hookimpl
def pressroom_writers() -> list[type[Writer]]:
    from pressroom.plugins.export.writers.csv import CsvWriter
    from pressroom.plugins.export.writers.jsonl import JsonlWriter
    from pressroom.plugins.export.writers.parquet import ParquetWriter
    from pressroom.plugins.export.writers.sqlite import SqliteWriter

    return [JsonlWriter, CsvWriter, SqliteWriter, ParquetWriter]
