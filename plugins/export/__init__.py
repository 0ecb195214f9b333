"""The built-in ``export`` step: writes documents to JSONL, CSV, SQLite or Parquet as they pass."""

from __future__ import annotations

from pressroom.core import Step, hookimpl


@hookimpl
def pressroom_steps() -> list[type[Step]]:
    from pressroom.plugins.export.step import ExportStep

    return [ExportStep]
