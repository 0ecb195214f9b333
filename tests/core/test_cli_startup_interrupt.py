"""Ctrl-C while the ``pressroom`` command is still importing (pydantic is two thirds of its start-up): one line and
exit code 130, as during a run, not a traceback."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

# The console script's own code (what pip writes for `pressroom = module:main`), after a finder that interrupts the
# process, with a real SIGINT, as pydantic starts being imported.
CONSOLE_SCRIPT = """
import os
import signal
import sys

class InterruptAtPydantic:
    def find_spec(self, name, path=None, target=None):
        if name == "pydantic":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, InterruptAtPydantic())
from {module} import {function}
sys.exit({function}())
"""


def test_ctrl_c_while_the_command_imports_says_one_line(project: Path) -> None:
    [entry_point] = importlib.metadata.entry_points(group="console_scripts", name="pressroom")
    module, _, function = entry_point.value.partition(":")
    code = CONSOLE_SCRIPT.format(module=module, function=function)
    done = subprocess.run([sys.executable, "-c", code, "run", "configs/releases.yaml"], cwd=project,
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (130, "pressroom: interrupted; no output was replaced\n")
    assert not (project / "out").exists()
