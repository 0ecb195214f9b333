"""Pressroom's framework: documents, steps, plugins, pipelines and the runner.

This is the public API, listed here and nowhere else; the modules behind it are the implementation. Each name is
imported when first used, so that importing ``pressroom.core`` (or ``pressroom.core.cli``, as the ``pressroom``
command does before its own Ctrl-C handling starts) imports nothing heavy, and a plugin's
``from pressroom.core import Step`` does not load the machinery that runs pipelines.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from pressroom.core.lifecycle import building_long_lived

if TYPE_CHECKING:
    from pressroom.core.cache import cached, kept
    from pressroom.core.document import DateSpan, Document, EntitySpan, HistoryEntry, Span
    from pressroom.core.errors import (
        ConfigError,
        FailureBudgetExceeded,
        InputError,
        PluginError,
        PressroomError,
        Problem,
        StepError,
    )
    from pressroom.core.hookspecs import hookimpl, hookspec
    from pressroom.core.lifecycle import Lifecycle
    from pressroom.core.outputs import StepSplit, split_steps
    from pressroom.core.pipeline import Pipeline
    from pressroom.core.preflight import Requirement
    from pressroom.core.readers.base import Reader
    from pressroom.core.registry import Registry
    from pressroom.core.runner import Runner
    from pressroom.core.step import Drop, NoOptions, Step
    from pressroom.core.writer import ShardableOptions, Writer, WriterOptions

#: Public name -> the module that defines it, imported when the name is first used.
_ON_FIRST_USE = {
    **dict.fromkeys(("DateSpan", "Document", "EntitySpan", "HistoryEntry", "Span"), "pressroom.core.document"),
    **dict.fromkeys(("ConfigError", "FailureBudgetExceeded", "InputError", "PluginError", "PressroomError", "Problem",
                     "StepError"), "pressroom.core.errors"),
    **dict.fromkeys(("hookimpl", "hookspec"), "pressroom.core.hookspecs"),
    **dict.fromkeys(("Drop", "NoOptions", "Step"), "pressroom.core.step"),
    **dict.fromkeys(("ShardableOptions", "Writer", "WriterOptions"), "pressroom.core.writer"),
    **dict.fromkeys(("StepSplit", "split_steps"), "pressroom.core.outputs"),
    "Requirement": "pressroom.core.preflight",
    **dict.fromkeys(("cached", "kept"), "pressroom.core.cache"),
    "Lifecycle": "pressroom.core.lifecycle",
    "Pipeline": "pressroom.core.pipeline",
    "Reader": "pressroom.core.readers.base",
    "Registry": "pressroom.core.registry",
    "Runner": "pressroom.core.runner",
}


def __getattr__(name: str) -> Any:
    if name not in _ON_FIRST_USE:
        raise AttributeError(f"module 'pressroom.core' has no attribute {name!r}")
    # Importing pydantic and building the models allocates objects that all live on: the cyclic collector's passes
    # over them find nothing to free (a twentieth of the import), and without freezing them its first passes after
    # the import would walk all of them once more (10-40 ms of a loaded machine's start-up).
    module = _ON_FIRST_USE[name]
    if module in sys.modules:  # imported already: nothing is built, so nothing to freeze (maybe mid-run)
        value = getattr(sys.modules[module], name)
    else:
        with building_long_lived():
            value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later uses find it without this function
    return value


__all__ = [
    "ConfigError",
    "DateSpan",
    "Document",
    "Drop",
    "EntitySpan",
    "FailureBudgetExceeded",
    "HistoryEntry",
    "InputError",
    "Lifecycle",
    "NoOptions",
    "Pipeline",
    "PluginError",
    "PressroomError",
    "Problem",
    "Reader",
    "Registry",
    "Requirement",
    "Runner",
    "ShardableOptions",
    "Span",
    "Step",
    "StepError",
    "StepSplit",
    "Writer",
    "WriterOptions",
    "cached",
    "hookimpl",
    "hookspec",
    "kept",
    "split_steps",
]
