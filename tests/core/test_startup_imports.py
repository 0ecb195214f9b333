"""Start-up stays light: loading the default pipeline imports no module that only some inputs or executors need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# html.parser (with its entity table) for HTML, feeds and e-mail; the e-mail parser's policy for .eml; ctypes for
# step timeouts in a Dask worker's threads.
ON_DEMAND = ("html.parser", "html.entities", "email.policy", "ctypes")

LOAD = """
import sys
from pressroom.core.cli import _load
pipeline = _load("configs/releases.yaml")
assert [step.name for step in pipeline.steps] == ["clean", "dates", "entities", "export", "export"]
print(" ".join(name for name in sys.argv[1:] if name in sys.modules))
"""


def test_loading_the_default_pipeline_leaves_on_demand_modules_unloaded(project: Path) -> None:
    done = subprocess.run([sys.executable, "-c", LOAD, *ON_DEMAND], cwd=project, capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == []

