"""`mypy --strict` passes on the framework (`pressroom.core`), whose hook specifications and API are typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_core_passes_mypy_strict(repo: Path, tmp_path: Path) -> None:
    # mypy does not follow setuptools' editable import hook: lay the packages out as installed.
    package = tmp_path / "pressroom"
    package.mkdir()
    (package / "core").symlink_to(repo / "core")
    (package / "plugins").symlink_to(repo / "plugins")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "-p", "pressroom.core"],
        cwd=tmp_path, env={"MYPYPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
        timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (repo / "core" / "py.typed").exists()
