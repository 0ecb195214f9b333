"""One pass over the installed distributions finds the entry points of several groups, as importlib.metadata does;
the command's pass tells pydantic it has no plugins only when no distribution declares one."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

from pressroom.core.entry_points import entry_points

#: Builds a model after the command's look-up, and says whether pydantic then looked for plugins itself and which
#: plugins recorded the model's schema.
FIRST_MODEL = """
import pydantic.plugin._loader as loader
from pressroom.core.entry_points import installed_plugins

found = installed_plugins()
looked = []
look_up = loader.entry_points
loader.entry_points = lambda **group: looked.append(group) or look_up(**group)
import recording

from pydantic import BaseModel

class Model(BaseModel):
    x: int

print(sorted(e.name for e in found if e.name in ("clean", "export")), looked, recording.seen)
"""

RECORDING_PLUGIN = """
seen = []

class Plugin:
    def new_schema_validator(self, schema, schema_type, *args, **kwargs):
        seen.append(schema_type.__name__)
        return None, None, None

plugin = Plugin()
"""


def test_each_group_has_the_entry_points_importlib_finds() -> None:
    groups = ("pressroom", "console_scripts", "pydantic")
    found = entry_points(*groups)
    for group in groups:
        expected = {(e.name, e.value) for e in importlib.metadata.entry_points(group=group)}
        assert {(e.name, e.value) for e in found[group]} == expected
    assert {"clean", "dates", "entities", "export"} <= {e.name for e in found["pressroom"]}


def first_model(site: Path) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), *sys.path])}
    return subprocess.run([sys.executable, "-c", FIRST_MODEL], env=env, capture_output=True, text=True,
                          check=True).stdout


def test_pydantic_is_spared_its_look_up_when_no_distribution_declares_a_plugin(tmp_path: Path) -> None:
    assert not list(importlib.metadata.entry_points(group="pydantic"))
    (tmp_path / "recording.py").write_text(RECORDING_PLUGIN)
    assert first_model(tmp_path) == "['clean', 'export'] [] []\n"


def test_a_declared_pydantic_plugin_is_still_found_and_used(tmp_path: Path) -> None:
    (tmp_path / "recording.py").write_text(RECORDING_PLUGIN)
    info = tmp_path / "recording-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: recording\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nrecording = recording:plugin\n")
    assert first_model(tmp_path) == "['clean', 'export'] [{'group': 'pydantic'}] ['Model']\n"
