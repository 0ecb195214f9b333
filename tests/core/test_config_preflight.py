"""What can be known wrong before reading is found by `validate`, and by `run` before it reads anything: extras
that are not installed (with the exact `pip install`), missing files, models, outputs that cannot be created."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from pressroom.core.errors import ConfigError
from pressroom.core.pipeline import Pipeline
from pressroom.core.preflight import Requirement, uncreatable_file, uncreatable_folder, unmet

NEEDS_GPU = """\
from pressroom.core import Document, Step, hookimpl
from pressroom.core.preflight import Requirement


class Gpu(Step):
    name = "gpu"
    requires = (Requirement("gpu", ("pressroom_test_no_such_module",), distribution="pressroom-gpu"),)

    def process(self, doc: Document) -> Document:
        return doc


@hookimpl
def pressroom_steps():
    return [Gpu]
"""


def problems_of(text: str, tmp_path: Path | None = None) -> list[str]:
    with pytest.raises(ConfigError) as error:
        Pipeline.from_yaml(text, "p.yaml", base_dir=tmp_path)
    return error.value.problems


def test_requirements_name_the_missing_modules_and_the_install_line() -> None:
    [(requirement, missing)] = unmet(["json", Requirement("parquet", ("json", "pressroom_test_nope"))])
    assert missing == ["pressroom_test_nope"] and requirement.install == "pip install 'pressroom[parquet]'"


def test_a_step_declares_an_extra_and_validate_and_run_refuse_it_before_reading(tmp_path: Path, cli: Any) -> None:
    (tmp_path / "gpu.py").write_text(NEEDS_GPU)
    (tmp_path / "p.yaml").write_text("plugins: [gpu.py]\nsteps:\n  - use: gpu\n")
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "x"}\n')
    expected = ("  p.yaml:3:5: steps[0].use: step 'gpu' needs pressroom_test_no_such_module, which is not installed; "
                "pip install 'pressroom-gpu[gpu]'\n")
    for command in (["validate", "p.yaml"], ["run", "p.yaml", "--input", "in.jsonl"]):
        result = cli(*command, cwd=tmp_path)
        assert (result.returncode, result.stderr.decode()) == (2, "invalid pipeline (1 problem):\n" + expected)
    assert not (tmp_path / "out").exists()  # nothing read, nothing written


def test_spacy_backends_need_spacy_and_an_installed_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    options = "    with: {backend: spacy, model: pressroom_test_no_model, gazetteers: ["
    assert problems_of(f"steps:\n  - use: entities\n{options}{tmp_path}/missing.yaml]}}\n") == [
        "p.yaml:3:28: steps[0].with.model: spaCy model 'pressroom_test_no_model' is not installed; python -m spacy "
        "download pressroom_test_no_model, or name an installed one",
        f"p.yaml:3:{len(options) + 1}: steps[0].with.gazetteers[0]: {tmp_path}/missing.yaml does not exist",
    ]
    monkeypatch.setitem(sys.modules, "spacy", None)  # as if spaCy were not installed
    assert problems_of("steps:\n  - use: entities\n    with: {backend: hybrid}\n") == [
        "p.yaml:2:5: steps[0].use: step 'entities' needs spacy, which is not installed; pip install 'pressroom[spacy]'"]
    Pipeline.from_yaml("steps:\n  - use: entities\n", "p.yaml")  # the rules backend needs neither


def test_the_dask_executor_declares_its_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    assert problems_of("executor: dask\nsteps: [{use: clean}]\n") == [
        "p.yaml:1:1: executor: executor 'dask' needs distributed, which is not installed; "
        "pip install 'pressroom[dask]'"]


def test_quarantine_and_ledger_paths_that_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("x")
    long_name = "x" * 300
    assert problems_of(f"quarantine: {tmp_path}/folder\nledger: {tmp_path}/file/ledger.sqlite\nsteps: []\n") == [
        f"p.yaml:1:1: quarantine: {tmp_path}/folder is a folder; name a file",
        f"p.yaml:2:1: ledger: {tmp_path}/file/ledger.sqlite: {tmp_path}/file is a file, so no folder can be made there",
    ]
    [problem] = problems_of(f"quarantine: {tmp_path}/{long_name}/q.jsonl\nsteps: []\n")
    assert problem.startswith("p.yaml:1:1: quarantine: ") and "is longer than the file system allows" in problem


def test_creatable_paths_are_not_created(tmp_path: Path) -> None:
    assert uncreatable_file(tmp_path / "a" / "b" / "c.jsonl") is None
    assert uncreatable_folder(tmp_path / "tables") is None
    assert list(tmp_path.iterdir()) == []


def test_validate_json_lists_problems_as_data(tmp_path: Path, cli: Any) -> None:
    (tmp_path / "p.yaml").write_text("steps: []\nsteps:\n  - use: clen\n")
    result = cli("validate", "--json", "p.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert json.loads(result.stdout) == {"valid": False, "steps": [], "problems": [
        {"file": "p.yaml", "line": 2, "column": 1, "path": "steps", "message": "duplicate key 'steps': also given "
         "at line 1; the second would silently replace the first", "hint": "keep one (merge their contents)"},
        {"file": "p.yaml", "line": 3, "column": 5, "path": "steps[0].use", "message": "unknown step 'clen'",
         "hint": "did you mean 'clean'?"},
    ]}
    (tmp_path / "p.yaml").write_text("steps: [{use: clean}, {use: dates}]\n")
    valid = cli("validate", "--json", "p.yaml", cwd=tmp_path)
    assert (valid.returncode, json.loads(valid.stdout)) == (0, {"valid": True, "steps": ["clean", "dates"],
                                                                "problems": []})


def test_validate_finds_the_inputs_missing_as_run_does(tmp_path: Path, cli: Any) -> None:
    (tmp_path / "p.yaml").write_text("input: {path: [missing/, '*.jsonl']}\nledger: null\nsteps: [{use: clean}]\n")
    expected = ("invalid pipeline (2 problems):\n  input missing/: no such file or folder\n"
                "  input *.jsonl: the pattern matches no file\n")
    for command in (["validate", "p.yaml"], ["run", "p.yaml"]):
        result = cli(*command, cwd=tmp_path)
        assert (result.returncode, result.stderr.decode().replace("p.yaml: ", "")) == (2, expected)
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "x"}\n')
    (tmp_path / "missing").mkdir()
    (tmp_path / "missing" / "b.txt").write_text("y")
    assert cli("validate", "p.yaml", cwd=tmp_path).returncode == 0


def test_validate_checks_every_stage_of_a_job(tmp_path: Path, cli: Any) -> None:
    stage = "steps: [{use: clean}, {use: export, with: {path: %s}}]\nledger: null\nquarantine: %s\n"
    (tmp_path / "a.yaml").write_text(stage % ("a.jsonl", "qa.jsonl"))
    (tmp_path / "b.yaml").write_text(stage % ("b.jsonl", "folder"))
    (tmp_path / "folder").mkdir()
    (tmp_path / "job.yaml").write_text("stages:\n  - {name: one, pipeline: a.yaml, output: o1.jsonl}\n"
                                       "  - {name: two, pipeline: b.yaml, output: o2.jsonl}\n")
    result = cli("validate", "--json", "job.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert json.loads(result.stdout)["problems"] == [
        {"file": "b.yaml", "line": 3, "column": 1, "path": "quarantine", "message": "folder is a folder; name a file",
         "hint": "stages[1] ('two'): the stage of job.yaml that uses this file"}]
    (tmp_path / "b.yaml").write_text(stage % ("b.jsonl", "qb.jsonl"))
    valid = cli("validate", "job.yaml", cwd=tmp_path)
    assert (valid.returncode, valid.stdout) == (0, b"job.yaml: valid (2 stages, 4 steps: clean, export, clean, export)\n")


def test_an_output_redirected_to_a_folder_is_refused_before_reading(tmp_path: Path, cli: Any) -> None:
    (tmp_path / "p.yaml").write_text("steps: [{use: export, with: {path: x.jsonl}}]\nledger: null\n")
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "x"}\n')
    (tmp_path / "folder").mkdir()
    result = cli("run", "p.yaml", "--input", "in.jsonl", "--output", "folder", cwd=tmp_path)
    assert (result.returncode, result.stderr.decode()) == (
        2, "p.yaml: invalid pipeline (1 problem):\n  --output folder: steps[0].with.path: folder is a folder; name a "
           "file\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "in.jsonl", "p.yaml"]


NEEDS_OCR = """\
from pressroom.core import hookimpl
from pressroom.core.preflight import Requirement
from pressroom.core.readers.base import Reader


class Scans(Reader):
    name = "scans"
    extensions = (".tiff",)
    requires = (Requirement("ocr", ("pressroom_test_no_ocr",), distribution="pressroom-ocr"),)

    def read(self, stream, source):
        return iter(())


@hookimpl
def pressroom_readers():
    return [Scans]
"""


def test_the_reader_input_format_names_declares_its_extra_and_validate_and_run_refuse_it(tmp_path: Path,
                                                                                        cli: Any) -> None:
    (tmp_path / "scans.py").write_text(NEEDS_OCR)
    (tmp_path / "p.yaml").write_text("plugins: [scans.py]\ninput: {format: scans}\nsteps: []\n")
    (tmp_path / "a.tiff").write_bytes(b"II*")
    expected = ("  p.yaml:2:9: input.format: reader 'scans' needs pressroom_test_no_ocr, which is not installed; "
                "pip install 'pressroom-ocr[ocr]'\n")
    for command in (["validate", "p.yaml"], ["run", "p.yaml", "--input", "a.tiff"]):
        result = cli(*command, cwd=tmp_path)
        assert (result.returncode, result.stderr.decode()) == (2, "invalid pipeline (1 problem):\n" + expected)
    assert not (tmp_path / "out").exists()
