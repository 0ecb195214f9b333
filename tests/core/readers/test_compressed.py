"""Compressed inputs: any reader reads through gzip, bzip2, xz and zstd, streaming."""

from __future__ import annotations

import bz2
import gzip
import lzma
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from pressroom.core import Document
from pressroom.core.errors import InputError
from pressroom.core.inputs import read_all
from pressroom.core.registry import Registry

READERS = Registry().reader_classes()
LINES = b"".join(b'{"id": "r%d", "text": "Release %d."}\n' % (i, i) for i in range(50))


def _zstd(data: bytes) -> bytes:
    import zstandard

    # Two frames, as `cat a.zst b.zst` makes: both are read.
    half = data.index(b"\n", len(data) // 2) + 1
    compressor = zstandard.ZstdCompressor()
    return compressor.compress(data[:half]) + compressor.compress(data[half:])


COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress, ".zst": _zstd}


def read(*paths: Path, fmt: str = "auto") -> list[Document | InputError]:
    return list(read_all([str(p) for p in paths], READERS, fmt))


@pytest.mark.parametrize("suffix", list(COMPRESSORS))
def test_compressed_jsonl_reads_like_the_plain_file(tmp_path: Path, suffix: str) -> None:
    (tmp_path / "plain.jsonl").write_bytes(LINES)
    (tmp_path / f"packed.jsonl{suffix}").write_bytes(COMPRESSORS[suffix](LINES))
    plain, packed = read(tmp_path / "plain.jsonl"), read(tmp_path / f"packed.jsonl{suffix}")
    assert [d.model_dump(exclude={"source"}) for d in packed] == [d.model_dump(exclude={"source"}) for d in plain]
    assert packed[-1].source == f"{tmp_path / f'packed.jsonl{suffix}'}:50"


def test_compressed_release_gets_its_id_without_the_suffixes(tmp_path: Path, seed: Path) -> None:
    (tmp_path / "000_seed.txt.gz").write_bytes(gzip.compress(seed.read_bytes()))
    [doc] = read(tmp_path / "000_seed.txt.gz")
    assert isinstance(doc, Document) and doc.id == "000_seed" and doc.title.startswith("President of the Republic")


def test_damage_is_located_and_the_documents_before_it_are_kept(tmp_path: Path) -> None:
    many = LINES * 10  # more than the first bytes read to choose the reader
    (tmp_path / "a-cut.jsonl.gz").write_bytes(gzip.compress(many)[:-30])
    (tmp_path / "b-plain-named.jsonl.gz").write_bytes(LINES[:60])
    (tmp_path / "c-empty.jsonl.xz").write_bytes(lzma.compress(b""))
    (tmp_path / "d-good.jsonl.bz2").write_bytes(bz2.compress(LINES))
    records = read(tmp_path)
    errors = [str(r) for r in records if isinstance(r, InputError)]
    assert errors == [
        f"{tmp_path / 'a-cut.jsonl.gz'}: the .gz data is damaged (Compressed file ended before the end-of-stream "
        "marker was reached); the documents before the damage were read: recompress the file to read the rest",
        f"{tmp_path / 'b-plain-named.jsonl.gz'}: the name ends in .gz but the file is not compressed that way; "
        "rename it",
        f"{tmp_path / 'c-empty.jsonl.xz'}: empty file; remove it or give it content",
    ]
    kept = [r.source.rsplit("/", 1)[-1] for r in records if isinstance(r, Document)]
    assert kept[-50:] == [f"d-good.jsonl.bz2:{n}" for n in range(1, 51)]
    assert 400 <= len(kept) - 50 < 500 and kept[0] == "a-cut.jsonl.gz:1"


def test_stdin_may_be_compressed(au_slice: Path, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("steps:\n  - use: export\n    with: {format: jsonl, path: out.jsonl}\n")
    result = subprocess.run([sys.executable, "-m", "pressroom.core.cli", "run", "p.yaml", "--input", "-"],
                            input=gzip.compress(au_slice.read_bytes()), cwd=tmp_path, capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "out.jsonl").read_text().count("\n") == 120


def _peak_memory(path: Path, lines: int) -> int:
    with gzip.open(path, "wb", compresslevel=1) as out:
        for i in range(lines):
            out.write(b'{"id": "r%d", "text": "%s"}\n' % (i, b"x" * 1000))
    tracemalloc.start()
    try:
        count = sum(1 for record in read_all([str(path)], READERS) if isinstance(record, Document))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        assert count == lines


def test_reading_streams_in_constant_memory(tmp_path: Path) -> None:
    """Reading 4 MB or 16 MB of decompressed JSONL takes the same memory, well under either."""
    small, big = _peak_memory(tmp_path / "small.jsonl.gz", 4_000), _peak_memory(tmp_path / "big.jsonl.gz", 16_000)
    assert big < 1.2 * small and big < 4_000_000
