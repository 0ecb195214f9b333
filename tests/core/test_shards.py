"""Sharded outputs through the runner: workers write the parts, the folder appears whole when the run completes,
and the merged output is byte for byte the one-file output of a one-worker run."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from pressroom.core.cli import main
from pressroom.core.errors import StepError
from pressroom.core.pipeline import Pipeline
from pressroom.core.runner import Runner
from pressroom.core.shards import MANIFEST

EXPORTS = """\
  - use: export
    id: lines
    with: {{format: jsonl, path: {out}/releases.jsonl{shards}}}
  - use: export
    id: table
    with: {{format: csv, path: {out}/releases.csv, dates_path: {out}/dates.csv{shards}}}
"""


def pipeline(tmp_path: Path, repo: Path, out: str, *, shards: bool, **settings: Any) -> Pipeline:
    return Pipeline.from_yaml(pipeline_text(tmp_path, repo, out, shards=shards, **settings), "p.yaml")


def pipeline_text(tmp_path: Path, repo: Path, out: str, *, shards: bool, workers: int = 1, executor: str = "local",
                  ledger: bool = False, exports: str = EXPORTS, tag: str = "v1") -> str:
    plugins = repo / "tests" / "data" / "plugins"
    return f"""\
plugins: [{plugins / "slowtag.py"}, {plugins / "pidlines.py"}]
executor: {executor}
workers: {workers}
batch_size: 16
on_error: quarantine
quarantine: {tmp_path}/{out}/quarantine.jsonl
ledger: {f"{tmp_path}/ledger-{out}.sqlite" if ledger else "null"}
steps:
  - use: slowtag
    with: {{tag: {tag}, pause: 0.002}}
{exports.format(out=tmp_path / out, shards=", shards: true" if shards else "")}"""


def failing_input(tmp_path: Path, au_slice: Path) -> Path:
    """The real releases with one that fails (quarantined) and one unreadable line."""
    rows = au_slice.read_text().splitlines()
    rows[10] = json.dumps({**json.loads(rows[10]), "text": "FAILME"})
    rows.insert(20, "{broken")
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(rows) + "\n")
    return source


def merge(folder: Path, target: Path, *plugins: Path) -> None:
    assert main(["merge", str(folder), str(target), *(["--plugins", *map(str, plugins)] if plugins else [])]) == 0


def test_two_worker_processes_write_parts_merged_byte_identical(tmp_path: Path, repo: Path, au_slice: Path) -> None:
    source = failing_input(tmp_path, au_slice)
    one = Runner(pipeline(tmp_path, repo, "one", shards=False), [str(source)], log=io.StringIO()).run()
    two = Runner(pipeline(tmp_path, repo, "two", shards=True, workers=2), [str(source)], log=io.StringIO()).run()
    assert (two.read, two.written, two.quarantined) == (one.read, one.written, one.quarantined) == (121, 119, 2)

    folder = tmp_path / "two" / "releases.jsonl"
    manifest = json.loads((folder / MANIFEST).read_text())
    names = [part["name"] for part in manifest["parts"]]
    # a part per chunk of 16 records (the first has the document that fails, the second the unreadable line), the
    # run's last two chunks (16 and 9 documents) each in pieces of 8
    assert [part["documents"] for part in manifest["parts"]] == [15, 15, 16, 16, 16, 16, 8, 8, 8, 1]
    assert names == [f"part-{i:06d}" for i in range(len(names))]
    assert manifest["documents"] == sum(part["documents"] for part in manifest["parts"]) == 119
    # the parts in manifest order are the documents in input order
    lines = b"".join((folder / part["files"][0]).read_bytes() for part in manifest["parts"])
    assert lines == (tmp_path / "one" / "releases.jsonl").read_bytes()

    merge(folder, tmp_path / "merged.jsonl")
    merge(tmp_path / "two" / "releases.csv", tmp_path / "merged.csv")
    assert (tmp_path / "merged.jsonl").read_bytes() == (tmp_path / "one" / "releases.jsonl").read_bytes()
    assert (tmp_path / "merged.csv").read_bytes() == (tmp_path / "one" / "releases.csv").read_bytes()
    # the span files go where the run's options put them, as a run without shards writes them
    assert (tmp_path / "two" / "dates.csv").read_bytes() == (tmp_path / "one" / "dates.csv").read_bytes()
    assert not list(tmp_path.glob("two/.*.parts"))  # no staging folder left


def test_a_failed_run_keeps_the_previous_folder(tmp_path: Path, repo: Path, au_slice: Path) -> None:
    source = failing_input(tmp_path, au_slice)
    Runner(pipeline(tmp_path, repo, "out", shards=True, workers=2), [str(source)], log=io.StringIO()).run()
    folder = tmp_path / "out" / "releases.jsonl"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    failing = pipeline(tmp_path, repo, "out", shards=True, workers=2, tag="v2")
    failing.config.on_error = "fail"
    with pytest.raises(StepError):
        Runner(failing, [str(source)], log=io.StringIO()).run()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert not list((tmp_path / "out").glob(".*.parts"))


def test_resumed_run_with_remembered_documents_merges_identically(tmp_path: Path, repo: Path,
                                                                   au_slice: Path) -> None:
    """The ledger remembers the first run's documents; the second run changes one chunk's documents, so its
    chunks mix remembered documents (which no worker sees) with new ones, in input order all the same."""
    source = failing_input(tmp_path, au_slice)
    Runner(pipeline(tmp_path, repo, "sharded", shards=True, workers=2, ledger=True), [str(source)],
           log=io.StringIO()).run()
    rows = source.read_text().splitlines()
    for index in (3, 40, 41, 90):
        rows[index] = json.dumps({**json.loads(rows[index]), "title": "changed"})
    source.write_text("\n".join(rows) + "\n")
    again = Runner(pipeline(tmp_path, repo, "sharded", shards=True, workers=2, ledger=True), [str(source)],
                   log=io.StringIO()).run()
    assert again.reused == 115
    one = Runner(pipeline(tmp_path, repo, "one", shards=False), [str(source)], log=io.StringIO()).run()
    assert one.written == again.written == 119
    merge(tmp_path / "sharded" / "releases.jsonl", tmp_path / "merged.jsonl")
    assert (tmp_path / "merged.jsonl").read_bytes() == (tmp_path / "one" / "releases.jsonl").read_bytes()


def test_append_adds_parts_after_the_earlier_ones(tmp_path: Path, repo: Path, au_slice: Path) -> None:
    exports = "  - use: export\n    with: {{format: jsonl, path: {out}/releases.jsonl, mode: append{shards}}}\n"
    for _ in range(2):
        Runner(pipeline(tmp_path, repo, "out", shards=True, exports=exports), [str(au_slice)],
               log=io.StringIO()).run()
    manifest = json.loads((tmp_path / "out" / "releases.jsonl" / MANIFEST).read_text())
    assert manifest["documents"] == 240 and len(manifest["parts"]) == 16
    merge(tmp_path / "out" / "releases.jsonl", tmp_path / "merged.jsonl")
    assert (tmp_path / "merged.jsonl").read_text().count("\n") == 240


def test_a_third_party_format_is_sharded_by_the_worker_processes(tmp_path: Path, repo: Path,
                                                                  au_slice: Path) -> None:
    exports = "  - use: export\n    with: {{format: pidlines, path: {out}/pids{shards}}}\n"
    Runner(pipeline(tmp_path, repo, "out", shards=True, workers=2, exports=exports), [str(au_slice)],
           log=io.StringIO()).run()
    merge(tmp_path / "out" / "pids", tmp_path / "pids.txt", repo / "tests" / "data" / "plugins" / "pidlines.py")
    lines = [line.split("\t") for line in (tmp_path / "pids.txt").read_text().splitlines()]
    ids = [json.loads(row)["id"] for row in au_slice.read_text().splitlines()]
    assert [doc_id for _, doc_id in lines] == ids
    writers = {pid for pid, _ in lines}
    assert len(writers) == 2 and str(os.getpid()) not in writers  # the two workers wrote them, not this process


def test_dask_workers_write_the_parts(tmp_path: Path, repo: Path, au_slice: Path) -> None:
    """On a real LocalCluster of 2 worker processes, the workers write the parts; merged, they are the one-file
    output of a one-worker local run."""
    pytest.importorskip("distributed", reason="the dask extra is installed by `make test`")
    exports = EXPORTS + "  - use: export\n    with: {{format: pidlines, path: {out}/pids{shards}}}\n"
    source = failing_input(tmp_path, au_slice)
    one = Runner(pipeline(tmp_path, repo, "one", shards=False, exports=exports), [str(source)],
                 log=io.StringIO()).run()
    dask = Runner(pipeline(tmp_path, repo, "dask", shards=True, workers=2, executor="dask", ledger=True,
                           exports=exports), [str(source)], log=io.StringIO()).run()
    assert (dask.read, dask.written, dask.quarantined) == (one.read, one.written, one.quarantined) == (121, 119, 2)
    for name in ("releases.jsonl", "releases.csv"):
        merge(tmp_path / "dask" / name, tmp_path / f"merged-{name}")
        assert (tmp_path / f"merged-{name}").read_bytes() == (tmp_path / "one" / name).read_bytes()
    merge(tmp_path / "dask" / "pids", tmp_path / "pids.txt", repo / "tests" / "data" / "plugins" / "pidlines.py")
    writers = {line.split("\t")[0] for line in (tmp_path / "pids.txt").read_text().splitlines()}
    assert len(writers) == 2 and str(os.getpid()) not in writers


def test_output_redirects_a_sharded_export_to_one_file(tmp_path: Path, repo: Path, au_slice: Path) -> None:
    exports = "  - use: export\n    with: {{format: jsonl, path: {out}/releases.jsonl{shards}}}\n"
    plain = pipeline(tmp_path, repo, "one", shards=False, exports=exports)
    Runner(plain, [str(au_slice)], log=io.StringIO()).run()
    (tmp_path / "p.yaml").write_text(pipeline_text(tmp_path, repo, "sharded", shards=True, exports=exports))
    assert main(["run", str(tmp_path / "p.yaml"), "--input", str(au_slice), "--workers", "2", "-q",
                 "--output", str(tmp_path / "stream.jsonl")]) == 0
    assert (tmp_path / "stream.jsonl").read_bytes() == (tmp_path / "one" / "releases.jsonl").read_bytes()
    assert not (tmp_path / "sharded" / "releases.jsonl").exists()


def test_the_folder_is_the_next_stage_input_in_order(tmp_path: Path, repo: Path, au_slice: Path) -> None:
    exports = "  - use: export\n    with: {{format: jsonl, path: {out}/releases.jsonl{shards}}}\n"
    Runner(pipeline(tmp_path, repo, "one", shards=False, exports=exports), [str(au_slice)], log=io.StringIO()).run()
    Runner(pipeline(tmp_path, repo, "two", shards=True, workers=2, exports=exports), [str(au_slice)],
           log=io.StringIO()).run()
    again = Runner(pipeline(tmp_path, repo, "again", shards=False, exports=exports, tag="v2"),
                   [str(tmp_path / "two" / "releases.jsonl")], log=io.StringIO()).run()
    assert (again.read, again.written) == (120, 120)
    reread = [json.loads(line)["id"] for line in (tmp_path / "again" / "releases.jsonl").read_text().splitlines()]
    assert reread == [json.loads(line)["id"] for line in (tmp_path / "one" / "releases.jsonl").read_text().splitlines()]
