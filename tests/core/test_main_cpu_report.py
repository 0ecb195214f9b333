"""`--report` tells the main process's own CPU seconds, so that what the main process costs per document (the
funnel every worker's results pass through) can be measured."""

from __future__ import annotations

import json
import resource
from pathlib import Path
from typing import Any

PIPELINE = """steps:
  - use: clean
  - use: export
    with: {format: jsonl, path: out.jsonl}
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def test_report_has_the_main_process_cpu_seconds(cli: Any, tmp_path: Path, au_slice: Path) -> None:
    (tmp_path / "p.yaml").write_text(PIPELINE)
    before = _children_cpu()
    result = cli("run", "p.yaml", "--input", str(au_slice), "--report", "run.json", "--quiet", cwd=tmp_path)
    whole_process = _children_cpu() - before
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads((tmp_path / "run.json").read_text())
    assert report["written"] == 120
    # The run itself (120 releases cleaned and written here): some CPU, and part of what the whole process used,
    # which also started the interpreter and imported the plugins.
    assert 0 < report["main_cpu_seconds"] < whole_process
