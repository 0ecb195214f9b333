"""Every `expect: pass` case of ftfy's test data is fixed, and every negative case left as ftfy leaves it."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from pressroom.core import Document
from pressroom.plugins.clean.encoding import repair_encoding
from pressroom.plugins.clean.step import CleanStep

CASES_DIR = Path(__file__).resolve().parents[2] / "data" / "clean" / "ftfy"
CASES = [
    pytest.param(case, id=f"{path.stem}: {case['label']}")
    for path in sorted(CASES_DIR.glob("*.json"))
    for case in json.loads(path.read_text(encoding="utf-8"))
    if case["expect"] == "pass"
]


def test_all_case_files_are_read() -> None:
    negatives = [p for p in CASES if str(p.id).startswith("negative:")]
    assert len(CASES) == 151 and len(negatives) == 31


@pytest.mark.parametrize("case", CASES)
def test_encoding_repair_gives_the_fixed_text(case: dict[str, str]) -> None:
    assert repair_encoding(case["original"], Counter()) == case["fixed"]


@pytest.fixture(scope="module")
def step() -> CleanStep:
    step = CleanStep()
    step.setup()
    return step


@pytest.mark.parametrize("case", CASES)
def test_step_gives_the_fixed_text_with_its_space_rules(step: CleanStep, case: dict[str, str]) -> None:
    # Beyond ftfy, the step turns no-break spaces into spaces and collapses runs of spaces.
    expected = re.sub(" {2,}", " ", case["fixed"].replace("\u00a0", " ")).strip()
    assert step.process(Document(id="case", text=case["original"])).text == expected
