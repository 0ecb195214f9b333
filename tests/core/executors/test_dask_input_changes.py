"""Pieces of input files that a Dask worker reads: the file as the main process cut it, or a clear error.

The main process cuts the files and the workers read the pieces later, so a file can change in between: a worker
refuses a piece of a file that is gone or is no longer the file that was cut, and the run stops naming it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pressroom.core.errors import PressroomError
from pressroom.core.executors import input_lines
from pressroom.core.executors.input_lines import pieces


def records(count: int, start: int = 0) -> bytes:
    return b"".join(b'{"id": "d%d", "text": "text %d"}\n' % (i, i) for i in range(start, start + count))


def test_a_piece_of_a_moved_or_deleted_file_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(records(10))
    first, second = pieces([str(source)], 5)
    assert len(first.records()) == 5
    source.rename(tmp_path / "moved.jsonl")
    with pytest.raises(PressroomError, match=f"{source}: the run cannot read the input file any more .*moved or "
                                             "deleted while the run read it; run again"):
        second.records()


def test_a_file_rewritten_in_place_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(records(10))
    cut = list(pieces([str(source)], 4))
    status = source.stat()
    with open(source, "r+b") as same_inode:  # new content, one line longer: the cut's line ends move
        same_inode.write(b'{"id": "new"}\n' + records(10))
    for piece in cut:
        with pytest.raises(PressroomError, match=f"{source}: the input file changed while the run read it"):
            piece.records()
    # the same size and modification time again: a line end that moved across the cut still tells (line 4 one
    # byte longer, line 5 one shorter)
    same_size = records(10).replace(b'"text 3"', b'"text 33"').replace(b'"text 4"', b'"text4"')
    assert len(same_size) == status.st_size
    with open(source, "r+b") as same_inode:
        same_inode.write(same_size)
        same_inode.truncate()
    os.utime(source, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert (source.stat().st_ino, source.stat().st_size, source.stat().st_mtime_ns) == (
        status.st_ino, status.st_size, status.st_mtime_ns)
    for piece in cut[:2]:
        with pytest.raises(PressroomError, match="changed while the run read it"):
            piece.records()
    assert [record.id for record in cut[2].records()] == ["d8", "d9"]  # a piece the change left whole


def test_small_files_share_pieces_as_the_main_process_reading_shares_chunks(tmp_path: Path) -> None:
    paths = []
    for index in range(40):  # one record each
        path = tmp_path / f"{index:02d}.jsonl"
        path.write_bytes(records(1, index))
        paths.append(str(path))
    cut = list(pieces(paths, 16))
    assert [len(piece) for piece in cut] == [16, 16, 8]
    assert [record.id for piece in cut for record in piece.records()] == [f"d{i}" for i in range(40)]


def test_cutting_looks_at_each_line_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A piece of many MiB is cut in one pass over the file, not rescanned as more of it is read."""
    source = tmp_path / "long.jsonl"
    filler = b"x" * 100_000
    source.write_bytes(b"".join(b'{"id": "d%d", "text": "%s"}\n\n' % (i, filler) for i in range(60)))
    looked_at = []
    record_line = input_lines.record_line

    def counted(line: bytes, lineno: int) -> bytes:
        looked_at.append(lineno)
        return record_line(line, lineno)

    monkeypatch.setattr(input_lines, "record_line", counted)
    cut = list(pieces([str(source)], 50))  # a first piece of about 5 MiB
    assert looked_at == list(range(1, 121))
    assert [len(piece) for piece in cut] == [50, 10]


DELETER = '''
import os

from pressroom.core import Step, hookimpl


class DeleteInput(Step):
    name = "delete-input"
    version = "1.0.0"

    def process(self, doc):
        if os.path.exists(os.environ["DELETE_INPUT"]):
            os.remove(os.environ["DELETE_INPUT"])
        return doc


@hookimpl
def pressroom_steps():
    return [DeleteInput]
'''


def test_an_input_deleted_during_a_dask_run_stops_it_with_the_file_named(tmp_path: Path) -> None:
    """The run as users run it, in a process of its own: its whole stderr, the cluster's processes' included."""
    pytest.importorskip("distributed", reason="the dask extra is installed by `make test`")
    source = tmp_path / "in.jsonl"
    source.write_bytes(records(200))
    (tmp_path / "deleter.py").write_text(DELETER)
    (tmp_path / "p.yaml").write_text(f"""\
plugins: [{tmp_path / "deleter.py"}]
executor: dask
workers: 2
batch_size: 4
ledger: null
steps:
  - use: delete-input
  - use: export
    with: {{path: {tmp_path / "out.jsonl"}, shards: true}}
""")
    run = subprocess.run([sys.executable, "-m", "pressroom.core.cli", "run", str(tmp_path / "p.yaml"), "--input",
                          str(source), "--quiet"], capture_output=True, text=True, timeout=600,
                         env={**os.environ, "DELETE_INPUT": str(source)})
    assert run.returncode == 1
    assert run.stderr.strip() == (f"pressroom: {source}: the run cannot read the input file any more (No such file "
                                  "or directory): it was moved or deleted while the run read it; run again")
    assert not (tmp_path / "out.jsonl").exists()  # nothing published
