"""Which steps process documents and which write them out, and the command-line overrides of the outputs.

Every command asks this module, so that ``run``, ``eval``, ``test``, the testing kit and the executors agree. The
overrides (``--output``, ``replay``'s append) go through what output steps declare they can do
(``Step.redirected``, ``Step.appending``); no plugin is named here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pressroom.core.errors import ConfigError
from pressroom.core.step import Step


@dataclass(frozen=True)
class StepSplit:
    """A pipeline's steps in two parts, cut before the first output step.

    ``parallel`` may run anywhere, in any executor; ``in_order`` (the first output step and every step after it)
    runs in the main process, in input order, so that outputs are written as a one-process run writes them.
    """

    parallel: list[Step]
    in_order: list[Step]

    @property
    def processing(self) -> list[Step]:
        """Every step that is not an output step, in pipeline order: what makes a document what the run makes
        of it. ``eval``, ``test`` and the testing kit run these, so they write nothing."""
        return [step for step in (*self.parallel, *self.in_order) if not step.writes_output]

    @property
    def outputs(self) -> list[Step]:
        return [step for step in self.in_order if step.writes_output]


def split_steps(steps: Sequence[Step]) -> StepSplit:
    first_output = next((i for i, step in enumerate(steps) if step.writes_output), len(steps))
    return StepSplit(list(steps[:first_output]), list(steps[first_output:]))


def redirect_output(steps: Sequence[Step], path: str, source: str = "") -> list[Step]:
    """``--output PATH``: the last output step that can write the document stream to ``path`` does."""
    result = list(steps)
    for index in reversed(range(len(result))):
        step = result[index]
        if step.writes_output and (redirected := _changed(step, source, step.redirected, path)):
            result[index] = redirected
            return result
    offered = ", ".join(repr(s.step_id) for s in result if s.writes_output) or "none"
    raise ConfigError([f"--output {path}: no output step of this pipeline can write the document stream (JSONL) "
                       f"to a path (output steps: {offered}); add an output step that writes JSONL"],
                      source)


def append_outputs(steps: Sequence[Step], source: str = "") -> list[Step]:
    """``replay``: every output step adds to what an earlier run wrote; one that cannot would replace that output,
    so the replay is refused before anything is read."""
    result, refusing = [], []
    for step in steps:
        appending = _changed(step, source, step.appending) if step.writes_output else step
        if appending is None:
            refusing.append(repr(step.step_id))
        result.append(appending or step)
    if refusing:
        raise ConfigError([f"output step {', '.join(refusing)} cannot add to what an earlier run wrote; a replay "
                           "would replace that output"], source)
    return result


def _changed(step: Step, source: str, change: Callable[..., Step | None], *args: str) -> Step | None:
    """The step's changed copy; options it rejects (a path the format cannot take) are a configuration error."""
    try:
        return change(*args)
    except ValueError as exc:  # pydantic's ValidationError included
        raise ConfigError([f"step {step.step_id!r}: {exc}"], source) from None
