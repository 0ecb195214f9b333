"""The workers of a local Dask cluster read plain JSONL inputs themselves: the main process cuts the files into
pieces of whole lines and accounts for what the workers read; outputs and the quarantine stay those of a one-process
run, byte for byte."""

from __future__ import annotations

import gzip
import io
import json
import pickle
from pathlib import Path

import pytest

from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.executors.input_lines import pieces, read_here, worker_readable
from pressroom.core.pipeline import Pipeline
from pressroom.core.readers import JsonlReader
from pressroom.core.readers.jsonl import JsonlReader as Jsonl
from pressroom.core.runner import Runner
from pressroom.core.stats import RunStats

TRICKY = (b'\xef\xbb\xbf{"id": "a", "text": "one"}\r\n\n   \n{broken\n{"text": "no id"}\n'
          b'{"id": "b", "date": "yesterday"}\n\n{"id": 7, "title": "last line, no line end"}')


def read_by_reader(path: Path) -> list[str]:
    with open(path, "rb") as stream:
        return [described(r) for r in JsonlReader().read(stream, str(path))]


def described(record: Document | InputError) -> str:
    return f"error {record} {record.raw!r}" if isinstance(record, InputError) else record.model_dump_json()


def test_pieces_hold_the_records_the_reader_reads(tmp_path: Path, au_slice: Path) -> None:
    tricky = tmp_path / "tricky.jsonl"
    tricky.write_bytes(TRICKY)
    for paths in ([tricky], [au_slice], [tricky, au_slice, tricky]):
        for size in (1, 2, 16):
            cut = list(pieces([str(path) for path in paths], size))
            assert [described(r) for piece in cut for r in piece.records()] == [
                record for path in paths for record in read_by_reader(path)]
            # the chunks the main process reads, across the ends of files as its reading goes
            assert all(len(piece.records()) == len(piece) == size for piece in cut[:-1])
    # what goes back to the main process: ids and sources, and the errors with their raw lines
    docs, read = read_here(next(iter(pieces([str(tricky)], 16))).records())
    assert [doc.id for doc in docs] == ["a", "tricky.jsonl:5", "7"]  # b's date is no date
    assert [(r.id, r.source) for r in read if not isinstance(r, InputError)] == [
        ("a", f"{tricky}:1"), ("tricky.jsonl:5", f"{tricky}:5"), ("7", f"{tricky}:8")]
    errors = [r for r in read if isinstance(r, InputError)]
    travelled = pickle.loads(pickle.dumps(errors))
    assert [(type(e), str(e), e.source, e.raw) for e in travelled] == [
        (InputError, str(r), r.source, r.raw) for r in JsonlReader().read(open(tricky, "rb"), str(tricky))
        if isinstance(r, Exception)]
    assert travelled[0].raw == "{broken\n"


def test_only_plain_jsonl_files_with_records_are_read_by_workers(tmp_path: Path, au_slice: Path) -> None:
    readers = {"jsonl": Jsonl}
    blank = tmp_path / "blank.jsonl"
    blank.write_bytes(b"\xef\xbb\xbf\n  \n")
    packed = tmp_path / "packed.jsonl.gz"
    packed.write_bytes(gzip.compress(au_slice.read_bytes()))
    assert worker_readable([str(au_slice)], readers, "auto") == [str(au_slice)]
    assert worker_readable([str(tmp_path / "missing.jsonl")], readers, "auto") is None  # reading reports it
    for inputs in ([str(blank)], [str(packed)], ["-"], [str(au_slice), str(blank)]):
        assert worker_readable(inputs, readers, "auto") is None  # the main process reads these as it always did

    class Other(Jsonl):  # a reader of another name, even one built on the JSONL reader, reads in the main process
        name = "other"

    assert worker_readable([str(au_slice)], {"other": Other, "jsonl": Jsonl}, "other") is None


def pipeline(tmp_path: Path, repo: Path, out: str, executor: str, duplicates: str, workers: int) -> Pipeline:
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
    with: {{path: {tmp_path}/{out}/releases.jsonl, shards: {str(executor == "dask").lower()}}}
""", "p.yaml")


@pytest.mark.parametrize("duplicates", ["error", "keep-first"])
def test_workers_read_the_input_and_the_run_matches_one_process(
        tmp_path: Path, repo: Path, au_slice: Path, duplicates: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed", reason="the dask extra is installed by `make test`")
    rows = au_slice.read_text().splitlines()
    rows[10] = json.dumps({**json.loads(rows[10]), "text": "FAILME"})
    rows[40] = rows[2]  # a repeated id in a later chunk
    rows[5] = rows[3]  # and in the same chunk
    rows[20:20] = ["{broken", "", "  "]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(rows) + "\n")

    local = Runner(pipeline(tmp_path, repo, "local", "local", duplicates, 1), [str(source)],
                   log=io.StringIO()).run()
    parsed_here = []
    parse_line = Jsonl.parse_line

    def counted(line: bytes, where: str) -> object:
        parsed_here.append(int(where.rsplit(":", 1)[1]))
        return parse_line(line, where)

    monkeypatch.setattr(Jsonl, "parse_line", staticmethod(counted))
    dask = Runner(pipeline(tmp_path, repo, "dask", "dask", duplicates, 2), [str(source)], log=io.StringIO()).run()
    monkeypatch.undo()
    # This process parsed only the lines of the two chunks of 16 records holding a repeated id, again (the
    # duplicates policy needs those documents whole): records 1-16, and 33-48 (two blank lines before them).
    assert parsed_here == [*range(1, 17), *range(35, 51)]

    assert (dask.read, dask.written, dask.quarantined, dask.dropped) == (
        local.read, local.written, local.quarantined, local.dropped)
    # each step counts the documents kept, as in one process: the chunks holding a repeated id ran again without it
    assert step_counts(dask) == step_counts(local)
    assert step_counts(local)["export"] == (117, 117, 0)
    assert local.read == 121 and local.written == 117
    assert main_merge(tmp_path / "dask" / "releases.jsonl") == (tmp_path / "local" / "releases.jsonl").read_bytes()
    quarantined = [(tmp_path / out / "quarantine.jsonl").read_text().splitlines() for out in ("local", "dask")]
    assert [{**json.loads(line), "traceback": ""} for line in quarantined[1]] == [
        {**json.loads(line), "traceback": ""} for line in quarantined[0]]  # in input order, as one process lists them
    assert not list((tmp_path / "dask").glob(".*.parts"))


def step_counts(stats: RunStats) -> dict[str, tuple[int, int, int]]:
    return {step_id: (step.docs_in, step.docs_out, step.failed) for step_id, step in stats.steps.items()}


def main_merge(folder: Path) -> bytes:
    from pressroom.core.cli import main

    assert main(["merge", str(folder), str(folder.with_name("merged.jsonl"))]) == 0
    return folder.with_name("merged.jsonl").read_bytes()
