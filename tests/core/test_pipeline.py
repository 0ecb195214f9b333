"""Pipeline files are validated completely before any document is read, with messages users can act on."""

from __future__ import annotations

from typing import ClassVar

import pytest

from pressroom.core import Document, Step
from pressroom.core.errors import ConfigError
from pressroom.core.pipeline import Pipeline
from pressroom.core.registry import Provided, Registry


class Tagger(Step):
    name = "tagger"
    changes: ClassVar[frozenset[str]] = frozenset({"entities"})

    def process(self, doc: Document) -> Document:
        return doc


class Rewriter(Step):
    name = "rewriter"
    changes: ClassVar[frozenset[str]] = frozenset({"text"})

    def process(self, doc: Document) -> Document:
        return doc


def registry_with(*steps: type[Step]) -> Registry:
    registry = Registry.discover()
    for step in steps:
        registry.steps[step.name] = Provided(step, "test", "tests")
    return registry


def problems(yaml_text: str) -> list[str]:
    with pytest.raises(ConfigError) as error:
        Pipeline.from_yaml(yaml_text, "p.yaml", registry_with(Tagger, Rewriter))
    return error.value.problems


def test_every_problem_is_reported_at_once_with_position_path_value_and_suggestion() -> None:
    yaml_text = """\
input: {path: seeds/, formt: auto}
on_error: quarantin
steps:
  - use: exprt
  - use: export
    with: {format: jsonx, pth: out/x.jsonl}
  - use: export
    id: e
    with:
      path: ${PRESSROOM_TEST_UNSET_VAR}
"""
    assert problems(yaml_text) == [
        "p.yaml:1:23: input.formt: unknown key 'formt'; did you mean 'format'?",
        "p.yaml:2:1: on_error: Input should be 'fail', 'skip' or 'quarantine' (got 'quarantin')",
        "p.yaml:4:5: steps[0].use: unknown step 'exprt'; did you mean 'export'?",
        "p.yaml:6:12: steps[1].with.format: unknown format; did you mean 'jsonl'? known: csv, jsonl, parquet, sqlite (got 'jsonx')",
        "p.yaml:6:27: steps[1].with.pth: unknown key 'pth' for step 'export'; did you mean 'path'? (got 'out/x.jsonl')",
        "p.yaml:10:7: steps[2].with.path: environment variable PRESSROOM_TEST_UNSET_VAR is not set; set it or "
        "write ${PRESSROOM_TEST_UNSET_VAR:-default}",
    ]


def test_rewriting_text_after_spans_were_recorded_is_rejected() -> None:
    assert problems("steps:\n  - use: tagger\n  - use: rewriter\n") == [
        "p.yaml:3:5: steps[1]: step 'rewriter' changes text after spans were recorded on it (entities by "
        "'tagger'); their offsets would be wrong; move 'rewriter' before those steps"]
    Pipeline.from_yaml("steps:\n  - use: rewriter\n  - use: tagger\n", "p.yaml", registry_with(Tagger, Rewriter))


def test_yaml_is_loaded_safely() -> None:
    assert problems("steps: !!python/object/apply:os.system ['echo hacked']\n") == [
        "p.yaml:1:8: not valid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"]


def test_syntax_error_has_position() -> None:
    assert problems("steps:\n  - use: export\n   with: {}\n") == [
        "p.yaml:3:4: not valid YAML: expected <block end>, but found '<block mapping start>'"]


def test_environment_variables_expand(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OUT_DIR", "/data/out")
    monkeypatch.setenv("EMPTY", "")
    pipeline = Pipeline.from_yaml(
        "quarantine: ${OUT_DIR}/q.jsonl\ninput: {path: '${IN:-seeds/}'}\nsteps:\n"
        "  - use: export\n    with: {path: '${EMPTY:-fallback.jsonl}'}\n", "p.yaml")
    assert pipeline.config.quarantine == "/data/out/q.jsonl"
    assert pipeline.config.input.path == ["seeds/"]
    assert pipeline.steps[0].options.path == "fallback.jsonl"  # type: ignore[attr-defined]


def test_duplicate_ids_and_default_ids() -> None:
    assert problems("steps:\n  - use: export\n    id: out\n  - use: export\n    id: out\n") == [
        "p.yaml:5:5: steps[1].id: 'out' is already the id of steps[0]; ids must be unique"]
    pipeline = Pipeline.from_yaml("steps:\n  - use: export\n  - use: export\n", "p.yaml")
    assert [s.step_id for s in pipeline.steps] == ["export", "export-2"]


def test_missing_use_and_wrong_types() -> None:
    assert problems("workers: many\nsteps:\n  - with: {}\n") == [
        "p.yaml:1:1: workers: Input should be a valid integer, unable to parse string as an integer (got 'many')",
        "p.yaml:3:5: steps[0].use: required key is missing",
    ]
