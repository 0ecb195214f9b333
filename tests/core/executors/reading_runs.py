"""Runs shared by the tests of the executors whose workers read the input files themselves (``input_lines``)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pressroom.core.pipeline import Pipeline
from pressroom.core.readers.jsonl import JsonlReader as Jsonl
from pressroom.core.runner import Runner
from pressroom.core.stats import RunStats


def make(tmp_path: Path, repo: Path, executor: str, out: str, workers: int = 2, duplicates: str = "error",
         shards: bool = False) -> Pipeline:
    plugin = repo / "tests" / "data" / "plugins" / "slowtag.py"
    return Pipeline.from_yaml(f"""\
plugins: [{plugin}]
executor: {executor}
workers: {workers}
batch_size: 16
duplicates: {duplicates}
quarantine: {tmp_path}/{out}/quarantine.jsonl
ledger: {tmp_path}/{out}/ledger.sqlite
steps:
  - use: slowtag
  - use: export
    with: {{path: {tmp_path}/{out}/releases.jsonl, shards: {str(shards).lower()}}}
""", "p.yaml")


def assert_workers_read_the_input_as_one_process(tmp_path: Path, repo: Path, au_slice: Path, executor: str,
                                                 duplicates: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers of ``executor`` read the input themselves (sharded output) and the run is one process's."""
    rows = au_slice.read_text().splitlines()
    rows[10] = json.dumps({**json.loads(rows[10]), "text": "FAILME"})
    rows[40] = rows[2]  # a repeated id in a later chunk
    rows[5] = rows[3]  # and in the same chunk
    rows[20:20] = ["{broken", "", "  "]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(rows) + "\n")

    local = Runner(make(tmp_path, repo, "local", "local", 1, duplicates), [str(source)], log=io.StringIO()).run()
    parsed_here = []
    parse_line = Jsonl.parse_line

    def counted(line: bytes, where: str) -> object:
        parsed_here.append(int(where.rsplit(":", 1)[1]))
        return parse_line(line, where)

    monkeypatch.setattr(Jsonl, "parse_line", staticmethod(counted))
    two = Runner(make(tmp_path, repo, executor, "two", 2, duplicates, shards=True), [str(source)],
                 log=io.StringIO()).run()
    monkeypatch.undo()
    # This process parsed only the lines of the two chunks of 16 records holding a repeated id, again (the
    # duplicates policy needs those documents whole): records 1-16, and 33-48 (two blank lines before them).
    assert parsed_here == [*range(1, 17), *range(35, 51)]

    assert (two.read, two.written, two.quarantined, two.dropped) == (
        local.read, local.written, local.quarantined, local.dropped)
    # each step counts the documents kept, as in one process: the chunks holding a repeated id ran again without it
    assert step_counts(two) == step_counts(local)
    assert step_counts(local)["export"] == (117, 117, 0)
    assert local.read == 121 and local.written == 117
    assert main_merge(tmp_path / "two" / "releases.jsonl") == (tmp_path / "local" / "releases.jsonl").read_bytes()
    quarantined = [(tmp_path / out / "quarantine.jsonl").read_text().splitlines() for out in ("local", "two")]
    assert [{**json.loads(line), "traceback": ""} for line in quarantined[1]] == [
        {**json.loads(line), "traceback": ""} for line in quarantined[0]]  # in input order, as one process lists them
    assert not list((tmp_path / "two").glob(".*.parts"))


def step_counts(stats: RunStats) -> dict[str, tuple[int, int, int]]:
    return {step_id: (step.docs_in, step.docs_out, step.failed) for step_id, step in stats.steps.items()}


def main_merge(folder: Path) -> bytes:
    from pressroom.core.cli import main

    assert main(["merge", str(folder), str(folder.with_name("merged.jsonl"))]) == 0
    return folder.with_name("merged.jsonl").read_bytes()


