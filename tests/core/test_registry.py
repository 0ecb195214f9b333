"""Plugins are found through entry points, module names and .py files; broken ones are reported, not fatal."""

from __future__ import annotations

import io
from pathlib import Path

import jsonschema
import pytest
from plugin_packages import TSV_WRITER, install_package

from pressroom.core.errors import ConfigError
from pressroom.core.pipeline import Pipeline
from pressroom.core.registry import Registry
from pressroom.core.runner import Runner
from pressroom.core.schema import pipeline_schema

SHOUT_PLUGIN = '''
from pydantic import BaseModel, ConfigDict, Field
from pressroom.core import Drop, Step, hookimpl

class ShoutOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_length: int = Field(default=0, description="drop documents shorter than this")

class Shout(Step):
    name = "shout"
    version = "1.2.0"
    Options = ShoutOptions
    reads = frozenset({"text"})
    changes = frozenset({"text"})

    def process(self, doc):
        if len(doc.text) < self.options.min_length:
            return Drop("too short")
        return doc.model_copy(update={"text": doc.text.upper()})

@hookimpl
def pressroom_steps():
    return [Shout]
'''


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    return site


def test_builtin_steps_and_readers_register_through_entry_points() -> None:
    registry = Registry.discover()
    assert {"export"} <= registry.steps.keys()
    assert registry.steps["export"].origin.startswith("pressroom 0.1.0 (entry point export = pressroom.plugins.export)")
    core_readers = [name for name, provided in registry.readers.items() if provided.origin == "pressroom (core)"]
    assert list(registry.readers)[:3] == core_readers == ["release", "jsonl", "text"]  # first: they win "auto"
    assert list(registry.writers) == ["jsonl", "csv", "sqlite", "parquet"]
    assert {provided.origin for provided in registry.writers.values()} == {registry.steps["export"].origin}


def test_third_party_writer_is_installed_from_a_package_and_used_by_name(site: Path, tmp_path: Path,
                                                                          seed: Path) -> None:
    install_package(site, "pressroom_tsv", TSV_WRITER, "tsv")
    registry = Registry.discover()
    assert registry.writers["tsv"].origin == "pressroom_tsv 1.2.0 (entry point tsv = pressroom_tsv)"
    out = tmp_path / "out.tsv"
    export = {"use": "export", "with": {"format": "tsv", "path": str(out), "header": True}}
    pipeline = Pipeline.from_dict({"ledger": None, "quarantine": str(tmp_path / "q.jsonl"), "steps": [export]},
                                  registry)
    stats = Runner(pipeline, [str(seed)], log=io.StringIO()).run()
    assert stats.written == 1
    assert out.read_text() == ("id\ttitle\n000_2290dcee0d5c0c3e\tPresident of the Republic of Azerbaijan Ilham "
                               "Aliyev has received Secretary General of the Organization of Turkic States "
                               "Kubanychbek Omuraliev.\n")

    # Its own options model validates its options; the schema and `pressroom plugins` show them.
    with pytest.raises(ConfigError) as invalid:
        Pipeline.from_dict({"steps": [{"use": "export", "with": {"format": "tsv", "path": "x", "headr": 1}}]},
                           registry)
    assert invalid.value.problems == [
        "<pipeline>: steps[0].with.headr: unknown key 'headr' for format 'tsv'; did you mean 'header'? (got 1)"]
    variants = {v["title"]: v for v in pipeline_schema(registry)["properties"]["steps"]["items"]["oneOf"]}
    export_schema = variants["export"]["properties"]["with"]
    assert export_schema["properties"]["format"]["enum"] == ["csv", "jsonl", "parquet", "sqlite", "tsv"]
    assert export_schema["properties"]["header"]["description"] == "write an 'id<TAB>title' header line first"
    jsonschema.validate({"steps": [export]}, pipeline_schema(registry))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"steps": [{"use": "export", "with": {"format": "csv", "path": "a", "header": True}}]},
                            pipeline_schema(registry))


def test_third_party_entry_point_is_discovered(site: Path) -> None:
    install_package(site, "pressroom_shout", SHOUT_PLUGIN, "shout")
    registry = Registry.discover()
    assert registry.steps["shout"].origin == "pressroom_shout 1.2.0 (entry point shout = pressroom_shout)"
    pipeline = Pipeline.from_dict({"steps": [{"use": "shout", "with": {"min_length": 3}}]}, registry)
    assert pipeline.steps[0].options.min_length == 3  # type: ignore[attr-defined]


def test_broken_plugin_is_reported_with_origin_and_does_not_break_others(site: Path) -> None:
    install_package(site, "pressroom_broken", "import no_such_module_xyz\n", "broken", "0.3.0")
    registry = Registry.discover()
    problem = registry.problem_for("broken")
    assert problem is not None
    assert problem.origin == "pressroom_broken 0.3.0 (entry point broken = pressroom_broken)"
    assert problem.error == "ModuleNotFoundError: No module named 'no_such_module_xyz'"
    Pipeline.from_dict({"steps": [{"use": "export"}]}, registry)  # unaffected
    with pytest.raises(ConfigError) as error:
        Pipeline.from_dict({"steps": [{"use": "broken"}]}, registry)
    assert error.value.problems == [
        "<pipeline>: steps[0].use: unknown step 'broken'; plugin 'broken' (pressroom_broken 0.3.0 (entry point "
        "broken = pressroom_broken)) failed to load: ModuleNotFoundError: No module named 'no_such_module_xyz'"]


def test_plugin_named_as_py_file_in_yaml(tmp_path: Path) -> None:
    (tmp_path / "shout.py").write_text(SHOUT_PLUGIN)
    yaml_text = "plugins: [shout.py]\nsteps:\n  - use: shout\n"
    pipeline = Pipeline.from_yaml(yaml_text, "p.yaml", Registry.discover(), base_dir=tmp_path)
    assert [s.name for s in pipeline.steps] == ["shout"]


def test_invalid_step_class_is_a_load_problem(site: Path) -> None:
    code = '''
    from pressroom.core import Step, hookimpl
    class Bad(Step):
        name = "bad"
        changes = frozenset({"txt"})
    @hookimpl
    def pressroom_steps():
        return [Bad, object]
    '''
    install_package(site, "pressroom_bad", code, "bad")
    registry = Registry.discover()
    assert [p.error for p in registry.problems if p.plugin == "bad"] == [
        "pressroom_steps: bad: reads/changes name unknown document fields ['txt']",
        "pressroom_steps: <class 'object'> is not a subclass of pressroom.core.Step",
    ]
    assert "bad" not in registry.steps


def test_a_step_loads_its_own_plugin_first_and_every_plugin_when_no_entry_point_has_its_name(site: Path) -> None:
    install_package(site, "pressroom_shout", SHOUT_PLUGIN, "loud")  # entry point "loud" provides step "shout"
    install_package(site, "pressroom_broken", "import no_such_module_xyz\n", "broken", "0.3.0")
    registry = Registry.discover()
    assert registry.step_class("dates").name == "dates"
    assert registry.found_problems() == []  # only the dates plugin was imported
    pipeline = Pipeline.from_dict({"steps": [{"use": "shout", "with": {"min_length": 3}}]}, registry)
    assert pipeline.steps[0].options.min_length == 3  # type: ignore[attr-defined]
    assert registry.steps["shout"].origin == "pressroom_shout 1.2.0 (entry point loud = pressroom_shout)"
    assert [problem.plugin for problem in registry.found_problems()] == ["broken"]


def test_a_format_is_looked_for_in_the_loaded_plugins_first_and_in_every_plugin_when_they_lack_it(
        site: Path, tmp_path: Path) -> None:
    install_package(site, "pressroom_tsv", TSV_WRITER, "tsv")
    install_package(site, "pressroom_broken", "import no_such_module_xyz\n", "broken", "0.3.0")
    registry = Registry.discover()
    export = {"use": "export", "with": {"format": "sqlite", "path": str(tmp_path / "out.db")}}
    Pipeline.from_dict({"ledger": None, "steps": [export]}, registry)
    assert registry.found_problems() == []  # export's own plugin has the format: no other plugin was imported
    export = {"use": "export", "with": {"format": "tsv", "path": str(tmp_path / "out.tsv")}}
    pipeline = Pipeline.from_dict({"ledger": None, "steps": [export]}, registry)
    assert pipeline.steps[0].options.writer_class is registry.writers["tsv"].cls  # type: ignore[attr-defined]
    assert [problem.plugin for problem in registry.found_problems()] == ["broken"]
