"""The workers of a local Dask cluster read plain JSONL inputs themselves: the main process cuts the files into
pieces of whole lines, which hold the records the JSONL reader reads (a run on the cluster: test_dask.py)."""

from __future__ import annotations

import gzip
import pickle
from pathlib import Path

import pytest

from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.evaluation import GoldFileError
from pressroom.core.executors.input_lines import pieces, read_here, worker_readable
from pressroom.core.readers import JsonlReader
from pressroom.core.readers.jsonl import JsonlReader as Jsonl
from pressroom.core.review.loader import ReviewInputError

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
    with open(tricky, "rb") as stream:
        read_by_one_process = list(JsonlReader().read(stream, str(tricky)))
    assert [(type(e), str(e), e.source, e.raw) for e in travelled] == [
        (InputError, str(r), r.source, r.raw) for r in read_by_one_process if isinstance(r, Exception)]
    assert travelled[0].raw == "{broken\n"


@pytest.mark.parametrize("error", [InputError("bad record", source="in.jsonl:3", raw="{bad"),
                                   GoldFileError("gold.jsonl", ["line 2: no text"]),
                                   ReviewInputError("out.jsonl", ["line 1: not JSON", "line 4: bad span"])])
def test_every_input_error_travels_between_processes_as_it_is(error: InputError) -> None:
    """Subclasses take other constructor arguments than InputError: pickling must not call them."""
    travelled = pickle.loads(pickle.dumps(error))
    assert type(travelled) is type(error)
    assert (str(travelled), travelled.args, vars(travelled)) == (str(error), error.args, vars(error))


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
