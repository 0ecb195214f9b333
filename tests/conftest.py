"""Shared fixtures: the repo's seed and test data, and the CLI run as users run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

CliRunner = Callable[..., subprocess.CompletedProcess[bytes]]


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def seed() -> Path:
    return REPO / "seeds" / "000_2290dcee0d5c0c3e.txt"


@pytest.fixture
def au_slice() -> Path:
    """120 real releases, 40 from each period (see tests/data/SOURCE.md)."""
    return REPO / "tests" / "data" / "au-pm-slice.jsonl"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A working folder laid out as the repository is for the default pipeline: ``configs/`` and the ``seeds/`` its
    tests name, so that ``pressroom run configs/releases.yaml`` runs there as in a checkout."""
    shutil.copytree(REPO / "configs", tmp_path / "configs")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    return tmp_path


@pytest.fixture
def cli() -> CliRunner:
    """Run ``pressroom ARGS`` in a subprocess: ``cli("run", "p.yaml", cwd=..., stdin=b"...", env={...})``."""

    def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "pressroom.core.cli", *args], cwd=cwd, input=stdin,
                              capture_output=True, env={**os.environ, **(env or {})}, timeout=600)

    return run


@pytest.fixture
def write_pipeline(tmp_path: Path) -> Callable[..., Path]:
    """Write a pipeline YAML into tmp_path and return its path."""

    def write(text: str, name: str = "pipeline.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
