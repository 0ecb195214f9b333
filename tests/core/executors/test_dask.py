"""The same pipeline on a real local Dask cluster of 2 worker processes behaves exactly as the local executor."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask extra is installed by `make test`")

from reading_runs import assert_workers_read_the_input_as_one_process, make  # noqa: E402

from pressroom.core.document import Document  # noqa: E402
from pressroom.core.pipeline import Pipeline  # noqa: E402
from pressroom.core.runner import Runner  # noqa: E402


def test_dask_matches_local(tmp_path: Path, repo: Path, au_slice: Path) -> None:
    rows = au_slice.read_text().splitlines()
    rows[10] = json.dumps({**json.loads(rows[10]), "text": "FAILME"})
    rows.insert(20, "{broken")
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(rows) + "\n")

    # the reference: every chunk in this process, so the quarantine lists entries in input order (the workers
    # read the input file themselves, and the main process accounts for each chunk's records in order)
    local = Runner(make(tmp_path, repo, "local", "local", workers=1), [str(source)]).run()
    dask = Runner(make(tmp_path, repo, "dask", "dask"), [str(source)]).run()

    for name in ("releases.jsonl", "quarantine.jsonl"):
        local_lines = (tmp_path / "local" / name).read_text().splitlines()
        dask_lines = (tmp_path / "dask" / name).read_text().splitlines()
        if name == "quarantine.jsonl":  # tracebacks name the process that ran the step
            local_lines = [json.dumps({**json.loads(l), "traceback": ""}) for l in local_lines]
            dask_lines = [json.dumps({**json.loads(l), "traceback": ""}) for l in dask_lines]
        assert dask_lines == local_lines
    assert (dask.read, dask.written, dask.quarantined) == (local.read, local.written, local.quarantined) == (
        121, 119, 2)
    assert dask.steps["slowtag"].counters["setups"] == 2  # once per worker process
    assert dask.steps["slowtag"].counters["tagged"] == 119

    again = Runner(make(tmp_path, repo, "dask", "dask"), [str(source)]).run()
    assert again.reused == 119 and again.written == 119  # the ledger works the same on Dask


TYPES_PLUGIN = """
from pressroom.core import Step, hookimpl


class MetadataTypes(Step):
    name = "metadata-types"
    version = "1.0.0"
    reads = frozenset({"metadata"})
    changes = frozenset({"metadata"})

    def process(self, doc):
        kinds = {key: type(value).__name__ for key, value in doc.metadata.items()}
        return doc.model_copy(update={"metadata": {**doc.metadata, "kinds": kinds}})


@hookimpl
def pressroom_steps():
    return [MetadataTypes]
"""


def test_steps_see_the_metadata_a_reader_gave_on_every_executor(tmp_path: Path) -> None:
    """A third-party reader's metadata that JSON would not give back as it is (a date, a tuple, a set, an
    infinite float) reaches the steps on Dask's workers as it does on the process pool's and in this process
    (Dask's tasks carry documents as JSON lines: these travel pickled)."""
    plugin = tmp_path / "kinds.py"
    plugin.write_text(TYPES_PLUGIN)
    records = [Document(id=f"d{i}", text="x", metadata={"n": i, "when": dt.date(2020, 1, i + 1), "pair": (1, 2),
                                                        "tags": {"a"}, "nested": {"at": [dt.date(2020, 2, 1)]},
                                                        "far": float("inf")})
               for i in range(3)] + [Document(id="plain", metadata={"n": 1.5, "list": [1, "a", None]})]
    kinds = {}
    for executor, workers in (("local", 1), ("local", 2), ("dask", 2)):
        out = tmp_path / f"{executor}-{workers}.jsonl"
        config = Pipeline.from_yaml(f"""\
plugins: [{plugin}]
executor: {executor}
workers: {workers}
ledger: null
steps:
  - use: metadata-types
  - use: export
    with: {{path: {out}}}
""", "p.yaml")
        Runner(config, records=iter(records), log=io.StringIO()).run()
        kinds[executor, workers] = [json.loads(line)["metadata"]["kinds"] for line in out.read_text().splitlines()]
    assert kinds["local", 1][0] == {"n": "int", "when": "date", "pair": "tuple", "tags": "set", "nested": "dict",
                                    "far": "float"}
    assert kinds["local", 1][3] == {"n": "float", "list": "list"}
    assert kinds["dask", 2] == kinds["local", 2] == kinds["local", 1]


@pytest.mark.parametrize("duplicates", ["error", "keep-first"])
def test_workers_read_the_input_and_the_run_matches_one_process(
        tmp_path: Path, repo: Path, au_slice: Path, duplicates: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_workers_read_the_input_as_one_process(tmp_path, repo, au_slice, "dask", duplicates, monkeypatch)


def test_workers_read_stdin_named_as_a_file_as_one_process_does(tmp_path: Path, repo: Path, au_slice: Path) -> None:
    """``-i /dev/stdin`` with stdin from a file: each worker has a stdin of its own, so the input is read as the
    file it names (or by the main process), never from the worker's stdin."""
    outputs = {}
    for executor in ("local", "dask"):
        pipeline = tmp_path / f"{executor}.yaml"  # JSON is YAML
        pipeline.write_text(json.dumps({
            "plugins": [str(repo / "tests" / "data" / "plugins" / "slowtag.py")], "ledger": None, "batch_size": 16,
            "quarantine": f"{tmp_path}/{executor}/quarantine.jsonl",
            "steps": [{"use": "slowtag"}, {"use": "export", "with": {"path": f"{tmp_path}/{executor}/out.jsonl"}}]}))
        with open(au_slice, "rb") as stdin:
            run = subprocess.run([sys.executable, "-m", "pressroom.core.cli", "run", str(pipeline), "-i",
                                  "/dev/stdin", "--executor", executor, "--workers", "2", "-q"],
                                 stdin=stdin, capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stderr
        outputs[executor] = (tmp_path / executor / "out.jsonl").read_text()
    assert len(outputs["local"].splitlines()) == len(au_slice.read_text().splitlines()) == 120
    assert outputs["dask"] == outputs["local"]
