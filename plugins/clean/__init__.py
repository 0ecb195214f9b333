"""The built-in ``clean`` step: faithful, readable text from raw press releases.

Kept import-light: the step module (and ftfy) load only when the plugin manager asks for steps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pressroom.core import hookimpl

if TYPE_CHECKING:
    from pressroom.core import Step


@hookimpl
def pressroom_steps() -> list[type[Step]]:
    from pressroom.plugins.clean.step import CleanStep

    return [CleanStep]
