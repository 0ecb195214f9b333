"""Start-up stays light: loading the default pipeline imports no module that only some inputs or executors need."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pressroom.plugins

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



ONE_STEP = """
import sys
from pressroom.core.cli import _load
pipeline = _load(sys.argv[1])
assert [step.name for step in pipeline.steps] == ["dates", "export"]
print(" ".join(sorted(name for name in sys.modules if name.startswith("pressroom.plugins.") or name == "yaml")))
"""


def test_a_pipeline_imports_the_plugins_it_uses_and_a_cached_pipeline_file_no_yaml(tmp_path: Path) -> None:
    """Installed plugins load on demand: `dates` and `export` import their own packages and step modules, not
    clean's, entities' or the reader plugins' (reading JSONL needs only the core's readers, and export finds its
    format among its own plugin's writers). The second run takes the pipeline file's parse from the set-up cache,
    without PyYAML."""
    pipeline = tmp_path / "dates.yaml"
    pipeline.write_text("ledger: null\nsteps:\n  - use: dates\n  - use: export\n    with: {path: out/d.jsonl}\n")
    env = {**os.environ, "PRESSROOM_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", ONE_STEP, str(pipeline)], cwd=tmp_path, env=env,
                           capture_output=True, text=True, check=True).stdout.split() for _ in range(2)]
    # the plugin packages among them (the others are modules the built-in plugins share, such as word_trees)
    plugins = Path(pressroom.plugins.__file__).parent
    assert {name.split(".")[2] for name in runs[0] if name != "yaml" and (plugins / name.split(".")[2]).is_dir()} == {
        "dates", "export"}
    assert {name for name in runs[0] if name.count(".") == 2 and not (plugins / name.split(".")[2]).is_dir()} <= {
        "pressroom.plugins.word_trees"}
    assert "pressroom.plugins.dates.step" in runs[0] and "yaml" in runs[0]
    assert "yaml" not in runs[1] and [name for name in runs[1] if name != "yaml"] == [
        name for name in runs[0] if name != "yaml"]


COLLECTOR = """
import gc
from pressroom.core import Document
young = sum(len(gc.get_objects(generation)) for generation in range(3))
print(gc.isenabled(), gc.get_freeze_count(), young)
"""


def test_what_importing_the_core_builds_is_frozen_out_of_the_collectors_passes() -> None:
    """Importing pydantic and building the document models (on the first use of the public API) make objects that
    live on: they end frozen, so that the collector, running again, does not walk them all in its next passes of the
    run's start-up."""
    done = subprocess.run([sys.executable, "-c", COLLECTOR], capture_output=True, text=True, check=True)
    enabled, frozen, young = done.stdout.split()
    assert enabled == "True"
    assert int(frozen) > 20_000 and int(young) < 100
