"""The hooks a Pressroom plugin implements. Built-in plugins use exactly these."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from pressroom.core.readers.base import Reader
    from pressroom.core.step import Step
    from pressroom.core.writer import Writer

PROJECT = "pressroom"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def pressroom_steps() -> list[type[Step]]:  # type: ignore[empty-body]
    """Return the step classes this plugin provides; each is used in YAML as ``use: <Step.name>``."""


@hookspec
def pressroom_readers() -> list[type[Reader]]:  # type: ignore[empty-body]
    """Return the reader classes this plugin provides; each is chosen by ``input.format: <Reader.name>``."""


@hookspec
def pressroom_writers() -> list[type[Writer]]:  # type: ignore[empty-body]
    """Return the output formats this plugin provides; an output step chooses one by ``format: <Writer.name>``."""
