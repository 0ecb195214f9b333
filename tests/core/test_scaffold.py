"""`pressroom new-plugin` makes a package that installs, passes its own tests and runs in a pipeline by name."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


def pip(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_generated_plugin_installs_tests_and_runs(tmp_path: Path, cli: Any, seed: Path) -> None:
    created = cli("new-plugin", "acronyms", "--dir", str(tmp_path))
    assert created.returncode == 0, created.stderr.decode()
    root = tmp_path / "pressroom-acronyms"
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) == [
        "README.md", "pyproject.toml", "src/pressroom_acronyms/__init__.py", "src/pressroom_acronyms/py.typed",
        "src/pressroom_acronyms/step.py", "tests/test_acronyms.py"]

    # Into the project's own environment, offline: its build backend and Pressroom are already there.
    installed = pip("install", "--no-build-isolation", "--no-deps", "--quiet", str(root))
    assert installed.returncode == 0, installed.stderr
    try:
        tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(root / "tests")],
                               capture_output=True, text=True, cwd=root, timeout=300)
        assert tests.returncode == 0, tests.stdout
        assert "7 passed" in tests.stdout  # five contract checks and two behaviour tests

        listed = cli("plugins").stdout.decode()
        assert "acronyms 0.1.0  [pressroom-acronyms 0.1.0 (entry point acronyms = pressroom_acronyms)]" in listed

        (tmp_path / "p.yaml").write_text(
            "steps:\n  - use: acronyms\n  - use: export\n    with: {path: out.jsonl}\n")
        run = cli("run", "p.yaml", "--input", str(seed), cwd=tmp_path)
        assert run.returncode == 0, run.stderr.decode()
        [doc] = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
        assert doc["history"][0]["plugin"] == "acronyms"
        assert all(e["label"] == "ACRONYM" for e in doc["entities"])
    finally:
        pip("uninstall", "--yes", "--quiet", "pressroom-acronyms")
    assert "acronyms" not in cli("plugins").stdout.decode()


def test_bad_names_are_refused(tmp_path: Path, cli: Any) -> None:
    result = cli("new-plugin", "Money-Tagger", "--dir", str(tmp_path))
    assert result.returncode == 2
    assert "plugin name 'Money-Tagger': use lower-case letters, digits and _ (e.g. money_tagger)" in \
        result.stderr.decode()
