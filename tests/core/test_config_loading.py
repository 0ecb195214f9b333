"""Hostile pipeline and job files end in exit 2 with a location, fast: never a traceback, a hang or a silent
last-key-wins (issue 14's reproductions, each as a test)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pressroom.core import yaml_source
from pressroom.core.errors import ConfigError, Problem
from pressroom.core.job import load_job
from pressroom.core.pipeline import Pipeline


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(ConfigError) as error:
        Pipeline.from_yaml(text, "p.yaml")
    return error.value.details


def alias_bomb(levels: int) -> str:
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join([*lines, "steps: []"]) + "\n"


def test_an_alias_bomb_is_refused_at_the_alias_that_crosses_the_limit_in_well_under_a_second() -> None:
    started = time.perf_counter()
    [problem] = problems_of(alias_bomb(9))
    assert time.perf_counter() - started < 0.5
    assert (problem.line, problem.column) == (6, 10)  # 9**5 values: the first alias past 100,000
    assert problem.message == "not valid YAML: the document expands past 100,000 values (aliases repeating aliases?)"


def test_aliases_that_expand_to_a_sane_size_are_fine() -> None:
    source = yaml_source.load("a: &a [1, 2]\nb: [*a, *a]\n", "p.yaml")
    assert source.data == {"a": [1, 2], "b": [[1, 2], [1, 2]]}
    assert source.positions[("b", 1, 0)] == (1, 8)  # a value reached through an alias is placed at its anchor


def test_a_recursive_alias_is_refused_where_it_is_used() -> None:
    [problem] = problems_of("a: &a [*a]\nsteps: []\n")
    assert problem.render() == "p.yaml:1:8: not valid YAML: alias *a refers to the value that contains it " \
                               "(a recursive alias)"
    [problem] = problems_of("a: &a {b: {c: *a}}\n")
    assert (problem.line, problem.column) == (1, 15)


def test_deep_nesting_is_refused_fast_not_a_recursion_error() -> None:
    started = time.perf_counter()
    [problem] = problems_of("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert time.perf_counter() - started < 0.5
    # At the first `[` past the limit.
    assert problem.render() == f"p.yaml:1:{4 + yaml_source.MAX_DEPTH}: not valid YAML: nested deeper than " \
                               f"{yaml_source.MAX_DEPTH} levels"
    block = "".join(f"{'  ' * level}k{level}:\n" for level in range(100)) + "  " * 100 + "x: 1\n"
    [problem] = problems_of(block)
    assert problem.render() == f"p.yaml:{yaml_source.MAX_DEPTH}:{2 * yaml_source.MAX_DEPTH - 1}: not valid YAML: " \
                               f"nested deeper than {yaml_source.MAX_DEPTH} levels"


def test_a_nul_byte_is_located() -> None:
    [problem] = problems_of("steps: []\nquarantine: a\x00b\n")
    assert problem.render() == "p.yaml:2:14: not valid YAML: character 0x0000 is not allowed in YAML; remove it"


def test_steps_that_is_not_a_list_is_a_located_problem() -> None:
    [problem] = problems_of("steps: 5\n")
    assert problem.render() == "p.yaml:1:1: steps: Input should be a valid list (got 5)"


def test_duplicate_keys_are_errors_naming_both_lines() -> None:
    text = "steps:\n  - use: clean\nquarantine: q.jsonl\nsteps:\n  - use: dates\n    with: {types: [year], types: [year]}\n"
    assert [p.render() for p in problems_of(text)] == [
        "p.yaml:4:1: steps: duplicate key 'steps': also given at line 1; the second would silently replace the "
        "first; keep one (merge their contents)",
        "p.yaml:6:27: steps[0].with.types: duplicate key 'types': also given at line 6; the second would silently "
        "replace the first; keep one (merge their contents)",
    ]


def test_merge_keys_may_override_what_they_merge() -> None:
    source = yaml_source.load("base: &b {x: 1, y: 2}\nmine:\n  <<: *b\n  x: 3\n", "p.yaml")
    assert source.problems == [] and source.data["mine"] == {"x": 3, "y": 2}


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    [problem] = problems_of('steps: []\nquarantine: "out/q.jsonl\non_error: skip\nworkers: 2\n')
    assert problem.render() == "p.yaml:2:13: not valid YAML: this quote is never closed"


def test_misspelt_keys_under_tests_are_found() -> None:
    text = """\
steps: [{use: dates}]
tests:
  - name: one
    input: {titel: T, text: "On 1 May 2010."}
    expect:
      dates:
        - {text: 1 May 2010, vaule: 2010-05-01}
      entites: []
"""
    assert [p.render() for p in problems_of(text)] == [
        "p.yaml:4:13: tests[0].input.titel: unknown key 'titel' for a test's input; did you mean 'title'?",
        "p.yaml:7:30: tests[0].expect.dates[0].vaule: unknown key 'vaule' for a dates span; did you mean 'value'?",
        "p.yaml:8:7: tests[0].expect.entites: unknown key 'entites' for a test's expect; did you mean 'entities'?",
    ]


def test_a_missing_test_input_file_is_found_relative_to_the_pipeline(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("steps: []\ntests:\n  - {name: one, input: {file: missing.txt}, expect: {}}\n")
    with pytest.raises(ConfigError) as error:
        Pipeline.from_file(tmp_path / "p.yaml")
    assert error.value.problems == [f"{tmp_path}/p.yaml:3:25: tests[0].input.file: {tmp_path}/missing.txt does not "
                                    "exist"]


def test_the_pipeline_tests_of_the_default_pipeline_use_known_keys() -> None:
    Pipeline.from_file(Path(__file__).parents[2] / "configs" / "releases.yaml")


@pytest.mark.parametrize(("text", "expected"), [
    ("stages: &s [*s]\n", "job.yaml:1:13: not valid YAML: alias *s refers to the value that contains it (a "
                          "recursive alias)"),
    ("stages: []\nstages: []\n", "job.yaml:2:1: stages: duplicate key 'stages': also given at line 1; the second "
                                 "would silently replace the first; keep one (merge their contents)"),
    ("stages: 5\n", "job.yaml:1:1: stages: Input should be a valid list"),
    ("stages:\n  - {name: a, pipline: p.yaml}\n", "job.yaml:2:5: stages[0].pipeline: Field required"),
    ("stages: [\x00]\n", "job.yaml:1:10: not valid YAML: character 0x0000 is not allowed in YAML; remove it"),
])
def test_job_files_get_the_same_checks(tmp_path: Path, text: str, expected: str) -> None:
    job = tmp_path / "job.yaml"
    job.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_job(job)
    assert error.value.problems[0] == expected.replace("job.yaml", str(job))


def test_a_file_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_bytes(b"steps: []\nquarantine: caf\xe9\n")
    with pytest.raises(ConfigError) as error:
        Pipeline.from_file(bad)
    assert error.value.problems == [f"{bad}:2: the pipeline file is not UTF-8"]
