"""Runs of the slowtag test plugin (tests/data/plugins/slowtag.py: a pause per document, a failure on 'FAILME') with a
ledger, a quarantine and JSONL and SQLite exports: the pipeline file, and what the ledger has recorded so far."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

PIPELINE = """\
plugins: [{plugin}]
quarantine: {out}/quarantine.jsonl
ledger: {out}/ledger.sqlite
batch_size: {batch_size}
{extra}
steps:
  - use: slowtag
    with: {{pause: {pause}}}
  - use: export
    id: jsonl-out
    with: {{format: jsonl, path: {out}/releases.jsonl}}
  - use: export
    id: sqlite-out
    with: {{format: sqlite, path: {out}/releases.db}}
"""


def write_pipeline(folder: Path, repo: Path, out: str | Path = "out", *, pause: float = 0.0, batch_size: int = 8,
                   extra: str = "") -> Path:
    """``folder/p.yaml``, writing into ``out``; ``extra``: more top-level settings (`duplicates: keep-first`)."""
    path = folder / "p.yaml"
    plugin = repo / "tests" / "data" / "plugins" / "slowtag.py"
    path.write_text(PIPELINE.format(plugin=plugin, out=out, pause=pause, batch_size=batch_size, extra=extra))
    return path


def ledger_rows(folder: Path) -> int:
    """How many documents the run in ``folder`` has recorded in its ledger (0 before the ledger has its table)."""
    path = folder / "out" / "ledger.sqlite"
    if not path.exists():
        return 0
    with closing(sqlite3.connect(path, timeout=30)) as db:
        if not db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'results'").fetchone()[0]:
            return 0
        return int(db.execute("SELECT count(*) FROM results").fetchone()[0])
