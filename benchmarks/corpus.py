"""Where the benchmark and scoring scripts find their data, and how they read a corpus."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from pressroom.core import Document
from pressroom.core.readers import JsonlReader

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
AU_PM = SHARED / "corpora" / "au-pm-media-releases.jsonl"


def read_corpus(path: Path, limit: int | None = None) -> list[Document]:
    """The first ``limit`` documents (all when None) of a JSONL corpus, read as Pressroom reads it."""
    with open(path, "rb") as stream:
        records = islice(JsonlReader().read(stream, str(path)), limit)
        return [record for record in records if isinstance(record, Document)]
