import datetime as dt
import io
from pathlib import Path

import pytest

from pressroom.core import Document
from pressroom.core.errors import ConfigError, InputError
from pressroom.core.inputs import expand, read_all
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
        (b"[1, 2]", "in.jsonl:2: expected a JSON object, got list"),
        (b'{"id": "e", "title": 5}', "in.jsonl:2: not a valid document: title: Input should be a valid string"),
    ],
)
def test_jsonl_bad_records_name_file_and_line(line: bytes, message: str) -> None:
    good = b'{"id": "a", "text": "fine"}\n'
    records = list(JsonlReader().read(io.BytesIO(good + line + b"\n" + good), "in.jsonl"))
    assert [type(r) for r in records] == [Document, InputError, Document]
    assert str(records[1]) == message
    assert records[1].raw is not None  # the original record is kept for the quarantine


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
