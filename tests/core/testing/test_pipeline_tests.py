"""Tests inside pipeline files: `pressroom test` with a clear diff, and pytest collecting them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ["pytester"]

PIPELINE = """\
steps:
  - use: dates
  - use: export
    with: {path: out.jsonl}
tests:
  - name: relative date
    input: {text: "The talks ended last month.", date: 2022-12-15}
    expect:
      dates: [{text: last month, value: 2022-11}]
  - name: wrong expectations
    input: {title: "Budget", text: "Parliament sits on 3 March 2021.", date: 2021-02-01}
    expect:
      date: 2021-02-02
      dates: [{text: 3 March 2021, value: 2021-03-04}]
      metadata: {date_source: dateline}
"""


def test_pressroom_test_prints_a_diff(tmp_path: Path, cli: Any) -> None:
    (tmp_path / "p.yaml").write_text(PIPELINE)
    result = cli("test", "p.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode().splitlines() == [
        "PASS p.yaml: relative date",
        "FAIL p.yaml: wrong expectations",
        "    date: expected '2021-02-02', got '2021-02-01'",
        '    dates: missing {"text": "3 March 2021", "value": "2021-03-04"}',
        '    dates: the document has [{"text": "3 March 2021", "value": "2021-03-03"}]',
        "    metadata.date_source: expected 'dateline', got 'reader'",
        "1 passed, 1 failed",
    ]
    assert not (tmp_path / "out.jsonl").exists()  # tests never write outputs


def test_pytest_collects_pipeline_tests(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", releases=PIPELINE)
    result = pytester.runpytest("-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*releases.yaml::relative date PASSED*",
                                 "*releases.yaml::wrong expectations FAILED*",
                                 "*date: expected '2021-02-02', got '2021-02-01'*"])


def test_kit_fixtures_in_a_plugin_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_kit="""
        def test_fixtures(make_document, run_step, sample_documents):
            doc = make_document(text="Talks resume next year.", date="2022-12-15")
            assert [d.value for d in run_step("dates", doc).document.dates] == ["2023"]
            assert len(sample_documents) == 5
    """)
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)
