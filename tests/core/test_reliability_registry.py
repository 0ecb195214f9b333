"""Export formats come from the pipeline's registry: two pipelines in one process, each with its own registry, each
export writing with its own registry's format of a given name. A step built without a pipeline (a plugin's tests, a
script) takes the installed plugins' formats, never those of a registry built with other plugins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from pressroom.core.outputs import append_outputs, redirect_output
from pressroom.core.pipeline import Pipeline
from pressroom.core.registry import Registry
from pressroom.core.runner import Runner
from pressroom.plugins.export.step import ExportOptions, ExportStep

WRITER = '''\
from pathlib import Path

from pressroom.core import Writer, WriterOptions, hookimpl


class Lines(Writer):
    name = "lines"
    description = "one line per document: {mark} and the id"
    streams = True
    Options = WriterOptions

    def __init__(self, options):
        super().__init__(options)
        self.lines = []

    def write(self, doc):
        self.lines.append("{mark} " + doc.id)

    def commit(self):
        path = Path(self.options.path)
        previous = path.read_text() if self.options.mode == "append" and path.exists() else ""
        path.write_text(previous + "".join(line + "\\n" for line in self.lines))

    def discard(self):
        pass


@hookimpl
def pressroom_writers():
    return [Lines]
'''


def test_two_pipelines_in_one_process_each_get_their_own_writer(tmp_path: Path, au_slice: Path) -> None:
    marks = {"first": "A", "second": "B"}
    registries = {}
    for name, mark in marks.items():
        plugin = tmp_path / f"lines_{name}.py"
        plugin.write_text(WRITER.replace("{mark}", mark))
        registries[name] = Registry.discover([str(plugin)])
    assert registries["first"].writers["lines"].cls is not registries["second"].writers["lines"].cls
    pipelines = {}
    for name in ("first", "second"):
        pipelines[name] = Pipeline.from_dict({
            "ledger": None, "quarantine": str(tmp_path / f"{name}-quarantine.jsonl"),
            "steps": [{"use": "export", "with": {"format": "lines", "path": str(tmp_path / f"{name}.txt")}}],
        }, registries[name])

    ids = [json.loads(line)["id"] for line in au_slice.read_text().splitlines()[:5]]
    for name, mark in marks.items():
        pipeline = pipelines[name]
        [export] = pipeline.steps
        assert export.options.writer_class is registries[name].writers["lines"].cls
        # What --output and replay make of the step keeps its writer.
        [redirected] = redirect_output(pipeline.steps, str(tmp_path / f"{name}.txt"))
        [appending] = append_outputs(pipeline.steps)
        assert redirected.options.writer_class is export.options.writer_class
        assert appending.options.writer_class is export.options.writer_class
        assert appending.options.mode == "append"
        pipeline.steps = [appending]
        stats = Runner(pipeline, [str(au_slice)]).run()
        assert stats.written == 120
        lines = (tmp_path / f"{name}.txt").read_text().splitlines()
        assert lines[:5] == [f"{mark} {doc_id}" for doc_id in ids] and len(lines) == 120


def test_a_step_built_without_a_pipeline_takes_the_installed_formats(tmp_path: Path) -> None:
    plugin = tmp_path / "lines_only.py"
    plugin.write_text(WRITER.replace("{mark}", "C"))
    with_lines = Registry.discover([str(plugin)])
    assert "lines" in with_lines.writers
    step = ExportStep({"format": "jsonl", "path": str(tmp_path / "out.jsonl")})
    assert step.options.writer_class is Registry.discover().writers["jsonl"].cls
    with pytest.raises(ValidationError, match="unknown format; known: csv, jsonl, parquet, sqlite"):
        ExportStep({"format": "lines", "path": str(tmp_path / "x.txt")})
    # The registry a pipeline gives wins over the installed plugins': the same options validate with it.
    options = ExportOptions.model_validate({"format": "lines", "path": str(tmp_path / "x.txt")},
                                           context={"registry": with_lines})
    assert options.writer_class is with_lines.writers["lines"].cls
