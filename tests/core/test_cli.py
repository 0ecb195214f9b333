"""The command line, end to end, as users run it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


EXPORT_ONLY = """\
steps:
  - use: export
    with: {format: jsonl, path: OUT.jsonl}
"""


def test_export_only_contract_on_real_releases(tmp_path: Path, cli: Any, au_slice: Path) -> None:
    (tmp_path / "P.yaml").write_text(EXPORT_ONLY)
    result = cli("run", "P.yaml", "--input", str(au_slice), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in (tmp_path / "OUT.jsonl").read_text().splitlines()]
    originals = [json.loads(line) for line in au_slice.read_text().splitlines()]
    assert [r["id"] for r in rows] == [o["id"] for o in originals]
    for row, original in zip(rows, originals):
        assert {"id", "title", "text", "date", "entities", "dates"} <= row.keys()
        assert (row["title"], row["text"], row["date"]) == (original["title"], original["text"], original["date"])
        assert row["entities"] == [] and row["dates"] == []
        assert row["metadata"]["url"] == original["url"]
    assert "pressroom: read 120, written 120, dropped 0, quarantined 0" in result.stderr.decode()


def test_default_pipeline_on_the_seed(project: Path, cli: Any) -> None:
    tmp_path = project
    result = cli("run", "configs/releases.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    [row] = [json.loads(line) for line in (tmp_path / "out" / "releases.jsonl").read_text().splitlines()]
    assert row["id"] == "000_2290dcee0d5c0c3e" and row["date"] == "2022-12-15"


def test_stdin_to_stdout(cli: Any, tmp_path: Path, au_slice: Path) -> None:
    (tmp_path / "P.yaml").write_text("steps:\n  - use: export\n")
    lines = au_slice.read_bytes().splitlines(keepends=True)[:3]
    result = cli("run", "P.yaml", "--input", "-", "--quiet", cwd=tmp_path, stdin=b"".join(lines))
    assert result.returncode == 0 and result.stderr == b""
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [json.loads(l)["id"] for l in lines]


def test_exit_codes(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "P.yaml").write_text(EXPORT_ONLY)
    (tmp_path / "bad.jsonl").write_text('{"id": "a", "text": "ok"}\n{oops\n')
    failed = cli("run", "P.yaml", "--input", "bad.jsonl", cwd=tmp_path)
    assert failed.returncode == 1
    assert "quarantined 1" in failed.stderr.decode()
    assert json.loads((tmp_path / "out" / "quarantine.jsonl").read_text())["source"] == "bad.jsonl:2"

    no_input = cli("run", "P.yaml", cwd=tmp_path)
    assert no_input.returncode == 2
    assert no_input.stderr.decode() == (
        "P.yaml: invalid pipeline (1 problem):\n  no input: set input.path in the pipeline or pass --input PATH\n")

    (tmp_path / "typo.yaml").write_text("steps:\n  - use: exprt\n")
    typo = cli("validate", "typo.yaml", cwd=tmp_path)
    assert typo.returncode == 2
    assert "typo.yaml:2:5: steps[0].use: unknown step 'exprt'; did you mean 'export'?" in typo.stderr.decode()
    assert cli("validate", "P.yaml", cwd=tmp_path).returncode == 0
    assert cli("frobnicate", cwd=tmp_path).returncode == 2


def test_report_plugins_and_explain(cli: Any, tmp_path: Path, seed: Path) -> None:
    (tmp_path / "P.yaml").write_text(EXPORT_ONLY)
    assert cli("run", "P.yaml", "--input", str(seed), "--report", "run.json", cwd=tmp_path).returncode == 0
    report = json.loads((tmp_path / "run.json").read_text())
    assert report["read"] == report["written"] == 1 and report["balanced"]
    assert report["steps"]["export"]["in"] == 1

    plugins = cli("plugins").stdout.decode()
    assert "export 1.0.0  [pressroom 0.1.0 (entry point export = pressroom.plugins.export)]" in plugins
    assert '  format = "jsonl"  # output format: the name of an installed writer' in plugins
    assert "writer csv  [pressroom 0.1.0 (entry point export = pressroom.plugins.export)]" in plugins
    assert '  entities_path = null  # also write one row per entity span to this file' in plugins
    assert "reader release  [pressroom (core)]" in plugins

    explained = cli("explain", "P.yaml", cwd=tmp_path).stdout.decode()
    assert "  1. export: export 1.0.0 from pressroom 0.1.0" in explained
    assert "     writes output: runs in the main process, in input order" in explained
    assert '     path = "OUT.jsonl"' in explained


def test_eval_table_and_json(cli: Any, repo: Path) -> None:
    gold = repo / "tests" / "data" / "eval" / "gold.jsonl"
    table = cli("eval", "configs/releases.yaml", "--gold", str(gold), cwd=repo)
    assert table.returncode == 0, table.stderr.decode()
    lines = table.stdout.decode().splitlines()
    assert lines[2].split() == ["entities", "gold", "system", "correct", "P", "R", "F1"]
    assert any(line.split()[:2] == ["all", "(micro)"] for line in lines)
    assert [line.split()[0] for line in lines if line.split()[:1] in (["strict"], ["relaxed"], ["value"])] == [
        "strict", "relaxed", "value"]
    report = json.loads(cli("eval", "configs/releases.yaml", "--gold", str(gold), "--json", cwd=repo).stdout)
    assert report["documents"] == 6 and report["entities"]["micro"]["gold"] == 50
    assert report["dates"]["value"]["gold"] == 18
