import datetime as dt
import gzip
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from pressroom.core import Document
from pressroom.core.errors import ConfigError, InputError
from pressroom.core.inputs import count_documents, expand, read_all, readable_by_path
from pressroom.core.readers import JsonlReader, ReleaseReader, TextReader
from pressroom.core.registry import Registry

READERS = Registry().reader_classes()


def read(path: Path, fmt: str = "auto") -> list[Document | InputError]:
    return list(read_all([str(path)], READERS, fmt))


def test_seed_release_header_with_leading_space(seed: Path) -> None:
    [doc] = read(seed)
    assert isinstance(doc, Document)
    assert doc.id == "000_2290dcee0d5c0c3e"
    assert doc.date == dt.date(2022, 12, 15)
    assert doc.title.startswith("President of the Republic of Azerbaijan Ilham Aliyev has received")
    assert doc.text.startswith("President Ilham Aliyev congratulated him")
    assert doc.text.endswith("the prospects for relations.")
    assert doc.text.count("\n\n") == 5  # six paragraphs, separated as in the file
    assert doc.source == str(seed)


def test_jsonl_fields_and_metadata(au_slice: Path) -> None:
    docs = read(au_slice)
    assert len(docs) == 120 and all(isinstance(d, Document) for d in docs)
    first = docs[0]
    assert isinstance(first, Document)
    assert first.id.startswith("pmt-") and first.date is not None
    assert {"url", "prime_minister", "date_raw", "release_type"} <= first.metadata.keys()
    assert first.source == f"{au_slice}:1"


def test_jsonl_restores_a_pressroom_export() -> None:
    doc = Document(id="a", title="t", text="x", date=dt.date(2020, 1, 2), metadata={"k": 1})
    [back] = JsonlReader().read(io.BytesIO(doc.model_dump_json().encode() + b"\n"), "in.jsonl")
    assert back == doc.model_copy(update={"source": "in.jsonl:1"})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"{bad json", "in.jsonl:2: invalid JSON at column 2: Expecting property name enclosed in double quotes"),
        (b'{"id": "c", "date": "2020-13-01"}', "in.jsonl:2: date '2020-13-01' is not YYYY-MM-DD; fix it or set it to null"),
        (b'{"id": "d", "text": "\xff"}', "in.jsonl:2: bytes at column 22 are not UTF-8; re-encode the file as UTF-8"),
        (b"[1, 2]", "in.jsonl:2: expected a JSON object, got an array"),
        (b'{"id": "e", "title": 5}', "in.jsonl:2: not a valid document: title: Input should be a valid string"),
        # Hostile records (issue 14): each a located bad record, never the end of the run.
        (b'{"id": "a", "text": "x", "metadata": null}', "in.jsonl:2: metadata must be a JSON object, got null"),
        (b'{"id": "a", "text": "x", "metadata": "s"}', "in.jsonl:2: metadata must be a JSON object, got a string"),
        (b'{"id": "a", "text": "x\\ud800y"}',
         "in.jsonl:2: text holds a lone surrogate \\ud800 at character 2 (half of a UTF-16 pair, not a character); "
         "fix or remove the \\u escape"),
        (b'{"id": "a", "m": {"k": ["\\udc00"]}}',
         "in.jsonl:2: m.k[0] holds a lone surrogate \\udc00 at character 1 (half of a UTF-16 pair, not a character); "
         "fix or remove the \\u escape"),
        (b'{"id": "a", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
         "in.jsonl:2: JSON nested deeper than 100 levels; flatten the record"),
        (b'{"id": "a", "x": ' + b"[" * 150 + b"]" * 150 + b"}",
         "in.jsonl:2: x" + "[0]" * 99 + " is nested deeper than 100 levels; flatten the record"),
        (b'{"id": "a", "n": ' + b"7" * 5000 + b"}", "in.jsonl:2: a number has more than 4300 digits; write it as a string"),
        (b'{"id": "a", "n": NaN}', "in.jsonl:2: NaN is not a JSON number; write null or a string"),
        (b'{"id": "a", "n": 1e999}', "in.jsonl:2: the number 1e999 is too large for a float; write it as a string"),
        (b'{"id": ["a"]}', "in.jsonl:2: id must be a string or an integer, got an array"),
        (b'{"id": 1.5}', "in.jsonl:2: id must be a string or an integer, got a number"),
        (b'{"id": true}', "in.jsonl:2: id must be a string or an integer, got true/false"),
        (b'{"id": {"k": 1}}', "in.jsonl:2: id must be a string or an integer, got an object"),
    ],
)
def test_jsonl_bad_records_name_file_and_line(line: bytes, message: str) -> None:
    good = b'{"id": "a", "text": "fine"}\n'
    records = list(JsonlReader().read(io.BytesIO(good + line + b"\n" + good), "in.jsonl"))
    assert [type(r) for r in records] == [Document, InputError, Document]
    assert str(records[1]) == message
    assert records[1].raw == line.decode(errors="replace") + "\n"  # the original record, kept for the quarantine


def test_jsonl_ids_nulls_and_byte_order_mark(tmp_path: Path) -> None:
    lines = [b'\xef\xbb\xbf{"id": 42, "title": null, "text": null, "date": null}',
             b'{"id": null, "text": "no id"}', b'{"text": "no id either"}', b'{"id": "", "text": "empty id"}',
             b'{"id": "x\\ud83d\\ude00", "text": "a surrogate pair is a character"}']
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "in.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    docs = read(path)
    assert all(isinstance(d, Document) for d in docs)
    assert [d.id for d in docs] == ["42", "in.jsonl:2", "in.jsonl:3", "in.jsonl:4", "x\U0001f600"]  # type: ignore[union-attr]
    first = docs[0]
    assert isinstance(first, Document) and (first.title, first.text, first.date) == ("", "", None)
    assert first.source == f"{path}:1"


def test_jsonl_count_is_the_records_read(tmp_path: Path) -> None:
    """The progress total counts what reading gives: a byte order mark alone on the first line is no record."""
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'\xef\xbb\xbf\n{"id": "a", "text": "one"}\n \n{"id": "b", "text": "two"}\n')
    assert [d.id for d in read(path)] == ["a", "b"]  # type: ignore[union-attr]
    with open(path, "rb") as stream:
        assert JsonlReader.count(stream) == 2
    assert count_documents([str(path)], READERS) == 2


def test_files_another_process_reads_by_their_path(tmp_path: Path, au_slice: Path) -> None:
    """``readable_by_path``: what a Dask worker may read itself; stdin, pipes and what /dev/fd names are each
    process's own, so the main process reads them."""
    link = tmp_path / "link.jsonl"
    link.symlink_to(au_slice)
    (tmp_path / "empty.jsonl").write_bytes(b"\xef\xbb\xbf\n \n")
    (tmp_path / "packed.jsonl.gz").write_bytes(gzip.compress(au_slice.read_bytes()))
    os.mkfifo(tmp_path / "fifo.jsonl")
    for path in (au_slice, link):
        assert readable_by_path(str(path), READERS)
    for name in ("empty.jsonl", "packed.jsonl.gz", "fifo.jsonl", "missing.jsonl"):
        assert not readable_by_path(str(tmp_path / name), READERS)
    assert not readable_by_path("-", READERS)
    assert not readable_by_path(str(au_slice), READERS, "text")  # another reader
    pipe_out, pipe_in = os.pipe()
    try:
        assert not readable_by_path(f"/dev/fd/{pipe_out}", READERS)
    finally:
        os.close(pipe_out)
        os.close(pipe_in)
    with open(au_slice, "rb") as opened:  # /dev/fd/N of a file: the file itself, which another process opens too
        assert readable_by_path(f"/dev/fd/{opened.fileno()}", READERS)


def test_empty_files_are_reported(tmp_path: Path) -> None:
    for name in ("empty.jsonl", "blank.jsonl"):
        (tmp_path / name).write_bytes(b"" if name == "empty.jsonl" else b"\n  \n")
    errors = read(tmp_path)
    assert [str(e) for e in errors] == [
        f"{tmp_path / name}: empty file; remove it or give it content"
        for name in ("blank.jsonl", "empty.jsonl")]


def test_release_with_byte_order_mark(tmp_path: Path, seed: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + seed.read_bytes())
    [doc] = read(tmp_path / "bom.txt")
    assert isinstance(doc, Document) and doc.date == dt.date(2022, 12, 15) and doc.id == "bom"
    assert doc.title.startswith("President of the Republic")


def test_glob_through_a_link_loop_visits_each_file_once(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "r.jsonl").write_text('{"id": "r"}\n')
    (tmp_path / "a" / "b" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "again").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "same.jsonl").symlink_to(tmp_path / "a" / "b" / "r.jsonl")
    expected = [str(tmp_path / "a" / "b" / "r.jsonl")]
    assert expand([str(tmp_path / "**" / "*.jsonl")]) == expected
    assert expand([str(tmp_path / "a")]) == expected
    assert expand([str(tmp_path / "a"), str(tmp_path / "a" / "*" / "*.jsonl")]) == expected


def test_release_errors(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "baddate.txt").write_text("date 2022-02-30 Title\n\nBody.\n")
    (tmp_path / "latin1.txt").write_bytes(b"date 2022-02-03 Title\n\nCaf\xe9.\n")
    errors = {Path(r.source).name if isinstance(r, InputError) else "?": str(r) for r in read(tmp_path)}
    assert errors == {
        "baddate.txt:1": f"{tmp_path / 'baddate.txt'}:1: date '2022-02-30' is not YYYY-MM-DD; fix it or set it to null",
        "empty.txt": f"{tmp_path / 'empty.txt'}: empty file; remove it or give it content",
        "latin1.txt": f"{tmp_path / 'latin1.txt'}: line 3: bytes are not UTF-8; re-encode the file as UTF-8",
    }


def test_plain_text_and_reader_choice(tmp_path: Path, seed: Path) -> None:
    (tmp_path / "note.txt").write_text("Just a paragraph.\n")
    [doc] = read(tmp_path / "note.txt")
    assert isinstance(doc, Document) and doc.id == "note" and doc.text == "Just a paragraph." and doc.date is None
    assert ReleaseReader.accepts(".txt", seed.read_bytes()[:256])
    assert not ReleaseReader.accepts(".txt", b"Just a paragraph.")
    assert TextReader.accepts(".txt", b"anything")
    # Forcing the text reader keeps the header line as text.
    [forced] = read(seed, fmt="text")
    assert isinstance(forced, Document) and forced.text.startswith("date 2022-12-15 President")


def test_folders_and_globs_in_stable_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "sub/c.txt", ".hidden.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"date 2020-01-01 {name}\n\nBody.\n")
    assert expand([str(tmp_path)]) == [str(tmp_path / n) for n in ("a.txt", "b.txt", "sub/c.txt")]
    assert expand([str(tmp_path / "**" / "c.txt")]) == [str(tmp_path / "sub" / "c.txt")]
    with pytest.raises(ConfigError) as error:
        expand([str(tmp_path / "*.csv"), str(tmp_path / "missing")])
    assert error.value.problems == [f"input {tmp_path / '*.csv'}: the pattern matches no file",
                                    f"input {tmp_path / 'missing'}: no such file or folder"]


def test_unknown_file_kind_is_reported_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    [error] = read(tmp_path)
    assert isinstance(error, InputError)
    assert str(error) == f"{tmp_path / 'image.png'}: no reader for this file; set input.format to one of: release, jsonl, text"


HOSTILE = [b'{"id": "m1", "text": "x", "metadata": null}', b'{"id": "m2", "text": "x", "metadata": "s"}',
           b'{"id": "s", "text": "x\\ud800y"}', b'{"id": "d", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
           b'{"id": "n", "x": ' + b"9" * 5000 + b"}", b'{"id": ["a"], "text": "x"}']


def test_hostile_records_do_not_end_the_run(project: Path, cli: Any) -> None:
    """The issue's reproduction, through the default pipeline: each bad record quarantined, the good ones written."""
    tmp_path = project
    config = tmp_path / "configs" / "releases.yaml"
    config.write_text(config.read_text().replace("max_failures: 1%", "max_failures: null"))
    good = [b'{"id": "ok1", "text": "CANBERRA, 11 May 1996. The Treasurer met the press."}', b'{"text": "no id"}']
    (tmp_path / "in.jsonl").write_bytes(b"\n".join([good[0], *HOSTILE, good[1]]) + b"\n")
    result = cli("run", "configs/releases.yaml", "--input", "in.jsonl", cwd=tmp_path)
    assert result.returncode == 1, result.stderr.decode()  # "some documents failed", the run done
    assert b"Traceback" not in result.stderr
    written = [json.loads(line)["id"] for line in (tmp_path / "out" / "releases.jsonl").read_text().splitlines()]
    assert written == ["ok1", f"in.jsonl:{len(HOSTILE) + 2}"]
    quarantined = [json.loads(line) for line in (tmp_path / "out" / "quarantine.jsonl").read_text().splitlines()]
    assert [q["source"] for q in quarantined] == [f"in.jsonl:{n}" for n in range(2, len(HOSTILE) + 2)]
    assert all(q["step"] == "read" and q["error"].startswith(q["source"] + ": ") for q in quarantined)
