"""Pressroom's framework: documents, steps, plugins, pipelines and the runner.

This is the public API, listed here and nowhere else; the modules behind it are the implementation. The names a
plugin needs (documents, ``Step``, ``Writer``, the hook markers, the errors) are imported at once; the machinery
that runs pipelines is imported on first use, so a plugin's ``from pressroom.core import Step`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pressroom.core.lifecycle import building_long_lived

# Importing pydantic and building the document models allocates objects that all live on: the cyclic collector's
# passes over them find nothing to free (a twentieth of the import), and without freezing them its first passes
# after the import would walk all of them once more (10-40 ms of a loaded machine's start-up).
with building_long_lived():
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
    from pressroom.core.preflight import Requirement
    from pressroom.core.step import Drop, NoOptions, Step
    from pressroom.core.writer import ShardableOptions, Writer, WriterOptions

if TYPE_CHECKING:
    from pressroom.core.cache import cached
    from pressroom.core.lifecycle import Lifecycle
    from pressroom.core.outputs import StepSplit, split_steps
    from pressroom.core.pipeline import Pipeline
    from pressroom.core.readers.base import Reader
    from pressroom.core.registry import Registry
    from pressroom.core.runner import Runner

#: Public name -> the module that defines it, imported when the name is first used.
_ON_FIRST_USE = {
    "cached": "pressroom.core.cache",
    "Lifecycle": "pressroom.core.lifecycle",
    "Pipeline": "pressroom.core.pipeline",
    "Reader": "pressroom.core.readers.base",
    "Registry": "pressroom.core.registry",
    "Runner": "pressroom.core.runner",
    "StepSplit": "pressroom.core.outputs",
    "split_steps": "pressroom.core.outputs",
}


def __getattr__(name: str) -> Any:
    if name in _ON_FIRST_USE:
        return getattr(importlib.import_module(_ON_FIRST_USE[name]), name)
    raise AttributeError(f"module 'pressroom.core' has no attribute {name!r}")


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
    "split_steps",
]
