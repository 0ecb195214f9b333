"""Built-in `dates` step plugin: release dates and TIMEX3-normalized date mentions."""

from __future__ import annotations

from pressroom.core import Step, hookimpl


@hookimpl
def pressroom_steps() -> list[type[Step]]:
    from pressroom.plugins.dates.step import DatesStep

    return [DatesStep]
