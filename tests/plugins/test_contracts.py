"""Every built-in step keeps the step contract (see pressroom.core.testing.contract)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.core.testing import check_contract


@pytest.mark.parametrize(("step", "options"), [
    ("clean", None),
    ("dates", None),
    ("entities", None),
    ("entities", {"backend": "hybrid"}),
])
def test_builtin_step_keeps_the_contract(step: str, options: dict[str, str] | None) -> None:
    assert check_contract(step, options) == []


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "sqlite", "parquet"])
def test_export_keeps_the_contract(fmt: str, tmp_path: Path) -> None:
    assert check_contract("export", {"format": fmt, "path": str(tmp_path / f"out.{fmt}")}) == []
