"""Export options: mistakes are reported when the pipeline is validated, and naming a format imports no
heavy library (pyarrow only loads when a parquet export starts writing)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pressroom.core.errors import ConfigError
from pressroom.core.pipeline import Pipeline


def problems(options: str) -> list[str]:
    with pytest.raises(ConfigError) as invalid:
        Pipeline.from_yaml(f"steps:\n  - use: export\n    with: {options}\n", "p.yaml")
    return invalid.value.problems


@pytest.mark.parametrize("fmt", ["csv", "sqlite", "parquet"])
def test_formats_that_cannot_stream_need_a_path(fmt: str) -> None:
    [problem] = problems(f"{{format: {fmt}}}")
    assert f"format '{fmt}' cannot be written to standard output; give a path" in problem


def test_span_files_are_for_csv_only() -> None:
    [problem] = problems("{format: sqlite, path: out.db, entities_path: entities.csv}")
    assert problem.startswith("p.yaml:3:42: steps[0].with.entities_path: unknown key 'entities_path' for format "
                              "'sqlite'; its options: path, mode")
    [problem] = problems("{format: csv, path: out.csv, dates_path: out.csv}")
    assert "path, entities_path and dates_path must name different files" in problem


def test_unknown_format_suggests_a_close_one() -> None:
    [problem] = problems("{format: sqllite, path: out.db}")
    assert "unknown format; did you mean 'sqlite'? known: csv, jsonl, parquet, sqlite" in problem


def test_a_format_that_is_not_a_name_is_reported_with_the_other_problems() -> None:
    assert problems("{format: [csv], pth: out.csv}") == [
        "p.yaml:3:12: steps[0].with.format: unknown format; did you mean 'csv'? known: csv, jsonl, parquet, sqlite "
        "(got ['csv'])",
        "p.yaml:3:27: steps[0].with.pth: unknown key 'pth' for step 'export'; did you mean 'path'? (got 'out.csv')"]


LIGHT_IMPORTS = """
import sys
import pressroom.plugins.export
from pressroom.core.pipeline import Pipeline
for options in ("{format: jsonl, path: a.jsonl}", "{format: csv, path: a.csv, entities_path: e.csv}",
                "{format: sqlite, path: a.db}", "{format: parquet, path: tables}"):
    Pipeline.from_yaml("steps:\\n  - use: export\\n    with: " + options + "\\n", "p.yaml")
print(sorted(m for m in sys.modules if m.split(".")[0] == "pyarrow"))
"""


def test_validating_exports_does_not_import_pyarrow() -> None:
    result = subprocess.run([sys.executable, "-c", LIGHT_IMPORTS], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"
