"""The README's plugin example is run as written, so it cannot rot."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any


BLOCK = re.compile(r"<!-- readme-test: file (\S+) -->\n```\w*\n(.*?)```", re.S)


def test_readme_plugin_example_runs(repo: Path, tmp_path: Path, cli: Any) -> None:
    files = BLOCK.findall((repo / "README.md").read_text())
    assert [name for name, _ in files] == ["wordcount.py", "wordcount.yaml"]
    for name, code in files:
        (tmp_path / name).write_text(code)
    result = cli("run", "wordcount.yaml", "--input", str(repo / "seeds"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    [row] = [json.loads(line) for line in (tmp_path / "out" / "counted.jsonl").read_text().splitlines()]
    assert row["metadata"]["words"] == 281
    assert row["history"][0] == {"step": "wordcount", "plugin": "wordcount", "version": "1.0.0"}
