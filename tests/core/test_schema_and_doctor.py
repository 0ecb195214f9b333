"""`pressroom schema` validates real pipeline files; `pressroom plugins --doctor` names broken and misspelt hooks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from pressroom.core.doctor import diagnose
from pressroom.core.registry import Registry
from pressroom.core.schema import pipeline_schema


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return pipeline_schema(Registry.discover())


def test_schema_accepts_the_default_pipeline(schema: dict[str, Any], repo: Path) -> None:
    data = json.loads(json.dumps(yaml.safe_load((repo / "configs" / "releases.yaml").read_text()), default=str))
    jsonschema.validate(data, schema)


@pytest.mark.parametrize(("step", "message"), [
    ({"use": "dates", "with": {"prefer": "sometimes"}}, r"'sometimes' is not one of \['tense', 'past', 'future'\]"),
    ({"use": "export", "with": {"format": "jsonx"}}, r"'jsonx' is not one of \['csv', 'jsonl', 'parquet', 'sqlite'\]"),
    ({"use": "export", "with": {"pth": "x"}}, "is not valid under any of the given schemas"),
    ({"use": "nosuchstep"}, "is not valid under any of the given schemas"),
])
def test_schema_rejects_bad_steps(schema: dict[str, Any], step: dict[str, Any], message: str) -> None:
    with pytest.raises(jsonschema.ValidationError, match=message):
        jsonschema.validate({"steps": [step]}, schema)


def test_schema_carries_plugin_options_for_completion(schema: dict[str, Any]) -> None:
    variants = {v["title"]: v for v in schema["properties"]["steps"]["items"]["oneOf"]}
    assert {"clean", "dates", "entities", "export"} <= variants.keys()
    export_options = variants["export"]["properties"]["with"]["properties"]
    assert export_options["format"]["default"] == "jsonl"
    assert export_options["path"]["description"]
    assert schema["properties"]["on_error"]["enum"] == ["fail", "skip", "quarantine"]


def test_cli_schema_is_json(cli: Any) -> None:
    result = cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "Pressroom pipeline"


def test_doctor_names_misspelt_and_unmarked_hooks(tmp_path: Path) -> None:
    plugin = tmp_path / "typo_plugin.py"
    plugin.write_text(
        "from pressroom.core import hookimpl\n"
        "@hookimpl\n"
        "def pressroom_stpes():\n    return []\n"
        "def pressroom_readers():\n    return []\n")
    registry = Registry.discover()
    registry.load_named(str(plugin))
    report = "\n".join(diagnose(registry))
    assert f"{plugin}  [file {plugin}]" in report
    assert "  problem: pressroom_stpes is not a Pressroom hook; did you mean 'pressroom_steps'?" in report
    assert "  problem: pressroom_readers is not decorated with @hookimpl, so Pressroom does not call it" in report
    assert "export  [pressroom 0.1.0 (entry point export = pressroom.plugins.export)]" in report
    assert "  step export 1.0.0: format" in report
    assert "  writer csv: path, mode, shards, entities_path, dates_path" in report
