"""Every executor sets each worker's steps up once, closes them after a complete run and aborts them when the run
stops early; a step that fails to set up aborts the ones set up before it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pressroom.core.errors import StepError
from pressroom.core.lifecycle import Lifecycle
from pressroom.core.pipeline import Pipeline
from pressroom.core.runner import Runner
from pressroom.core.step import Step

#: Leaves a file per process and event in ``marks``, so the test sees what happened in each worker.
MARKING_PLUGIN = '''
import os
from pathlib import Path
from pydantic import BaseModel, ConfigDict, Field
from pressroom.core import Step, hookimpl

class MarkOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    marks: str = Field(default="", description="folder of the marks")

class Mark(Step):
    name = "mark"
    Options = MarkOptions

    def _mark(self, event):
        Path(self.options.marks, f"{os.getpid()}-{event}").touch()

    def setup(self):
        self._mark("setup")

    def process(self, doc):
        if doc.text == "FAIL":
            raise ValueError("asked to fail")
        return doc

    def close(self):
        self._mark("close")

    def abort(self):
        self._mark("abort")

@hookimpl
def pressroom_steps():
    return [Mark]
'''


def run(tmp_path: Path, executor: str, workers: int, failing: bool) -> dict[str, set[str]]:
    """The events of each process that ran the steps: {"setup", "close"} or {"setup", "abort"}."""
    (tmp_path / "mark_plugin.py").write_text(MARKING_PLUGIN)
    marks = tmp_path / "marks"
    marks.mkdir()
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{i}", "text": "FAIL" if failing and i == 90 else "ok"}) + "\n"
                              for i in range(100)))
    pipeline = Pipeline.from_yaml(json.dumps({
        "plugins": ["mark_plugin.py"], "on_error": "fail", "ledger": None, "batch_size": 5,
        "quarantine": str(tmp_path / "quarantine.jsonl"),
        "executor": executor, "workers": workers,
        "steps": [{"use": "mark", "with": {"marks": str(marks)}}]}), "p.yaml", base_dir=tmp_path)
    if failing:
        with pytest.raises(StepError, match="asked to fail"):
            Runner(pipeline, [str(source)], log=io.StringIO()).run()
    else:
        Runner(pipeline, [str(source)], log=io.StringIO()).run()
    events: dict[str, set[str]] = {}
    for mark in marks.iterdir():
        pid, event = mark.name.split("-")
        events.setdefault(pid, set()).add(event)
    return events


@pytest.mark.parametrize(("executor", "workers"), [("local", 1), ("local", 2), ("dask", 1)])
@pytest.mark.parametrize("failing", [False, True])
def test_workers_close_after_a_complete_run_and_abort_when_it_stops_early(tmp_path: Path, executor: str,
                                                                         workers: int, failing: bool) -> None:
    events = run(tmp_path, executor, workers, failing)
    assert 1 <= len(events) <= workers
    end = "abort" if failing else "close"
    assert list(events.values()) == [{"setup", end}] * len(events)


class Recorder(Step):
    name = "recorder"

    def __init__(self, log: list[str], fail_setup: bool = False) -> None:
        super().__init__()
        self.log, self.fail_setup = log, fail_setup

    def setup(self) -> None:
        if self.fail_setup:
            raise OSError("model not found")
        self.log.append(f"setup {id(self)}")

    def close(self) -> None:
        self.log.append(f"close {id(self)}")

    def abort(self) -> None:
        self.log.append(f"abort {id(self)}")


def test_a_failed_setup_aborts_the_steps_set_up_before_it() -> None:
    log: list[str] = []
    first, second = Recorder(log), Recorder(log)
    lifecycle = Lifecycle([first, second, Recorder(log, fail_setup=True)])
    with pytest.raises(OSError, match="model not found"):
        lifecycle.setup()
    assert log == [f"setup {id(first)}", f"setup {id(second)}", f"abort {id(second)}", f"abort {id(first)}"]
    lifecycle.abort()  # nothing is left to abort
    assert len(log) == 4
