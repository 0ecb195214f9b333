"""Output steps: one split of the pipeline for every command, and --output and replay through what output steps
declare they can do, for the built-in export, a third-party writer and a third-party output step alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from plugin_packages import MIRROR_STEP, TSV_WRITER, install_package

from pressroom.core.errors import ConfigError
from pressroom.core.outputs import append_outputs, redirect_output, split_steps
from pressroom.core.pipeline import Pipeline

GOLD = Path(__file__).resolve().parent.parent / "data" / "eval" / "gold.jsonl"

CLEAN_EXPORT_ENTITIES = """\
ledger: null
steps:
  - use: clean
  - use: export
    with: {path: out.jsonl}
  - use: entities
tests:
  - name: the entities step after the export runs
    input: {title: "Prime Minister to visit Indonesia", text: "The Prime Minister will travel to Jakarta."}
    expect:
      entities: [{text: Jakarta, label: GPE}, {text: Indonesia, label: GPE, field: title}]
"""


def test_split_puts_steps_after_the_first_output_in_order_and_outputs_apart() -> None:
    pipeline = Pipeline.from_yaml(CLEAN_EXPORT_ENTITIES)
    clean, export, entities = pipeline.steps
    split = split_steps(pipeline.steps)
    assert (split.parallel, split.in_order) == ([clean], [export, entities])
    assert (split.processing, split.outputs) == ([clean, entities], [export])


def test_test_and_eval_run_the_same_steps(tmp_path: Path, cli: Any) -> None:
    """``clean -> export -> entities``: ``pressroom test`` ran ``entities`` while ``pressroom eval`` scored nothing."""
    (tmp_path / "p.yaml").write_text(CLEAN_EXPORT_ENTITIES)
    tested = cli("test", "p.yaml", cwd=tmp_path)
    assert tested.stdout.decode().splitlines() == ["PASS p.yaml: the entities step after the export runs",
                                                   "1 passed, 0 failed"]
    assert tested.returncode == 0
    without_export = CLEAN_EXPORT_ENTITIES.replace("  - use: export\n    with: {path: out.jsonl}\n", "")
    (tmp_path / "no-export.yaml").write_text(without_export)
    scores = [json.loads(cli("eval", name, "--gold", str(GOLD), "--json", cwd=tmp_path).stdout)
              for name in ("p.yaml", "no-export.yaml")]
    assert scores[0]["entities"]["micro"]["system"] > 0
    assert {**scores[0], "pipeline": ""} == {**scores[1], "pipeline": ""}
    assert not (tmp_path / "out.jsonl").exists()  # neither writes outputs


def test_output_redirects_the_last_export_that_writes_jsonl() -> None:
    pipeline = Pipeline.from_yaml("steps:\n  - use: export\n    with: {path: a.jsonl}\n"
                                  "  - use: export\n    with: {format: csv, path: b.csv}\n")
    first, table = redirect_output(pipeline.steps, "-")
    assert first.options.model_dump()["path"] == "-" and table is pipeline.steps[1]
    assert [s.options.model_dump()["mode"] for s in append_outputs(pipeline.steps)] == ["append", "append"]


def test_output_without_a_step_that_can_take_it_is_a_configuration_error(tmp_path: Path, cli: Any) -> None:
    (tmp_path / "p.yaml").write_text("steps:\n  - use: export\n    with: {format: sqlite, path: out.db}\n")
    result = cli("run", "p.yaml", "--input", "-", "--output", "out.jsonl", cwd=tmp_path, stdin=b"")
    assert result.returncode == 2
    assert ("--output out.jsonl: no output step of this pipeline can write the document stream (JSONL) to a path "
            "(output steps: 'export')") in result.stderr.decode()
    with pytest.raises(ConfigError, match="no output step of this pipeline"):
        redirect_output(Pipeline.from_yaml("steps:\n  - use: clean\n").steps, "out.jsonl")


def test_replay_refuses_an_output_step_that_cannot_append() -> None:
    pipeline = Pipeline.from_yaml("steps:\n  - use: export\n    with: {path: a.jsonl}\n")
    pipeline.steps[0].appending = lambda: None  # type: ignore[method-assign]
    with pytest.raises(ConfigError, match="output step 'export' cannot add to what an earlier run wrote"):
        append_outputs(pipeline.steps, "p.yaml")


PIPELINE = """\
plugins: [{slowtag}]
quarantine: out/quarantine.jsonl
ledger: null
steps:
  - use: slowtag
  - {output}
"""


@pytest.mark.parametrize(("package", "output_step", "lines"), [
    (TSV_WRITER, "{use: export, with: {format: tsv, path: out.txt}}", lambda out: out.splitlines()),
    (MIRROR_STEP, "{use: mirror, with: {path: out.txt}}",
     lambda out: [f"{d['id']}\t{d['title']}" for d in map(json.loads, out.splitlines())]),
])
def test_third_party_output_works_with_output_and_replay(package: str, output_step: str, lines: Any,
                                                         tmp_path: Path, repo: Path, au_slice: Path,
                                                         cli: Any) -> None:
    site = tmp_path / "site"
    site.mkdir()
    install_package(site, "pressroom_outputs_test", package, "outputs-test")
    env = {"PYTHONPATH": str(site)}
    rows = [json.loads(line) for line in au_slice.read_text().splitlines()]
    expected = sorted(f"{r['id']}\t{r['title']}" for r in rows)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({**r, "text": r["text"] + " FAILME" * (i % 10 == 0)}) + "\n"
                              for i, r in enumerate(rows)))
    (tmp_path / "p.yaml").write_text(PIPELINE.format(slowtag=repo / "tests" / "data" / "plugins" / "slowtag.py",
                                                     output=output_step))
    first = cli("run", "p.yaml", "--input", str(source), cwd=tmp_path, env=env)
    assert first.returncode == 1, first.stderr.decode()
    assert len(lines((tmp_path / "out.txt").read_text())) == 108

    replayed = cli("replay", "out/quarantine.jsonl", "--pipeline", "p.yaml", cwd=tmp_path,
                   env={**env, "SLOWTAG_FIXED": "1"})
    assert replayed.returncode == 0, replayed.stderr.decode()
    assert sorted(lines((tmp_path / "out.txt").read_text())) == expected  # the 12 fixed ones added

    redirected = cli("run", "p.yaml", "--input", str(source), "--output", "other.txt", cwd=tmp_path,
                     env={**env, "SLOWTAG_FIXED": "1"})
    assert redirected.returncode == 0, redirected.stderr.decode()
    assert sorted(lines((tmp_path / "other.txt").read_text())) == expected
    assert len(lines((tmp_path / "out.txt").read_text())) == 120  # left alone

    streamed = cli("run", "p.yaml", "--input", str(au_slice), "--output", "-", "-q", cwd=tmp_path,
                   env={**env, "SLOWTAG_FIXED": "1"})
    assert streamed.returncode == 0, streamed.stderr.decode()
    assert sorted(lines(streamed.stdout.decode())) == expected
