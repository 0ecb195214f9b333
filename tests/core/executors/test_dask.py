"""The same pipeline on a real local Dask cluster of 2 worker processes behaves exactly as the local executor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask extra is installed by `make test`")

from pressroom.core.pipeline import Pipeline  # noqa: E402
from pressroom.core.runner import Runner  # noqa: E402


def make(tmp_path: Path, repo: Path, executor: str, out: str, workers: int = 2) -> Pipeline:
    plugin = repo / "tests" / "data" / "plugins" / "slowtag.py"
    return Pipeline.from_yaml(f"""\
plugins: [{plugin}]
executor: {executor}
workers: {workers}
batch_size: 16
quarantine: {tmp_path}/{out}/quarantine.jsonl
ledger: {tmp_path}/{out}/ledger.sqlite
steps:
  - use: slowtag
  - use: export
    with: {{path: {tmp_path}/{out}/releases.jsonl}}
""", "p.yaml")


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
