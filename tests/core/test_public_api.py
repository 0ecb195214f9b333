"""The public API of ``pressroom.core`` is the list in its ``__init__``: every name resolves, and a plugin's import
of it does not load the machinery that runs pipelines."""

from __future__ import annotations

import subprocess
import sys

import pressroom.core


def test_every_listed_name_resolves_to_its_definition() -> None:
    for name in pressroom.core.__all__:
        value = getattr(pressroom.core, name)
        assert getattr(value, "__name__", name) == name


def test_importing_the_api_for_a_plugin_stays_light() -> None:
    code = ("import sys\nfrom pressroom.core import Document, Step, Writer, hookimpl\n"
            "print(sorted(m for m in ('pressroom.core.runner', 'pressroom.core.pipeline', 'pressroom.core.registry')"
            " if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"
