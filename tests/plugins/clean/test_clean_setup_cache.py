"""The built-in boilerplate rules come from the set-up cache after the first run: set-up imports no PyYAML."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from pressroom.plugins.clean.rules import BoilerplateRule, default_rules

SET_UP = """
import sys
from pressroom.plugins.clean.step import CleanStep
step = CleanStep({"disable": ["eeo"]})
step.setup()
print("yaml" in sys.modules, " ".join(rule.name for rule in step._rules))
"""


def test_a_second_process_sets_up_the_same_rules_without_yaml(tmp_path: Path) -> None:
    env = {**os.environ, "PRESSROOM_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", SET_UP], env=env, capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert runs == ["True date_line press_header ends contact\n", "False date_line press_header ends contact\n"]
    assert [path.name.split("-")[1] for path in (tmp_path / "cache").iterdir()] == ["boilerplate.yaml"]


def test_default_rules_are_a_new_list_each_time() -> None:
    rules = default_rules()
    rules.append(BoilerplateRule(name="mine", pattern="x"))
    assert [rule.name for rule in default_rules()] == ["date_line", "press_header", "eeo", "ends", "contact"]


def test_the_shared_built_in_rules_cannot_be_changed() -> None:
    """The rules are validated once per process and shared by every step: a caller changing one would change the
    others' cleaning."""
    rule = default_rules()[0]
    with pytest.raises(ValidationError, match="frozen"):
        rule.pattern = "anything"


FTFY_FIRST_USE = """
from collections import Counter
from re import _compiler
from pressroom.plugins.clean.encoding import repair_encoding

compiled = []
compile_ = _compiler.compile
_compiler.compile = lambda pattern, flags: compiled.append(pattern) or compile_(pattern, flags)
counts = Counter()
print(repr(repair_encoding("\\u201cquoted\\u201d, ok", counts)), dict(counts), bool(compiled))
"""


def test_a_second_process_imports_ftfy_with_its_patterns_compiled_already(tmp_path: Path) -> None:
    """Importing ftfy compiles dozens of regular expressions; the next process reads them back compiled."""
    env = {**os.environ, "PRESSROOM_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", FTFY_FIRST_USE], env=env, capture_output=True, text=True,
                           check=True).stdout for _ in range(2)]
    assert runs == ["'\"quoted\", ok' {'uncurl_quotes': 1} True\n", "'\"quoted\", ok' {'uncurl_quotes': 1} False\n"]
    assert [path.name.split("-")[1:3] for path in (tmp_path / "cache").iterdir()] == [["ftfy", "patterns"]]


def test_a_process_that_imported_ftfy_before_keeps_no_patterns(tmp_path: Path) -> None:
    """Its ftfy patterns were compiled before the clean step's import: kept, the empty set would serve every later
    process."""
    env = {**os.environ, "PRESSROOM_CACHE_DIR": str(tmp_path / "cache")}
    output = subprocess.run([sys.executable, "-c", "import ftfy\n" + FTFY_FIRST_USE], env=env, capture_output=True,
                            text=True, check=True).stdout
    assert output == "'\"quoted\", ok' {'uncurl_quotes': 1} True\n"  # the shortcut's patterns, as usual
    assert not list((tmp_path / "cache").glob("clean-ftfy-patterns-*"))


SHARED = """
import sys
from pressroom.plugins.clean.step import CleanStep
CleanStep({"fix_encoding": False}).load_shared()
print("ftfy" in sys.modules, end=" ")
CleanStep().load_shared()
print("ftfy" in sys.modules)
"""


def test_ftfy_is_imported_for_the_workers_before_they_fork_when_the_step_repairs_encoding(tmp_path: Path) -> None:
    """Each worker would otherwise import ftfy on its first text that can need it (a tenth of a second each)."""
    env = {**os.environ, "PRESSROOM_CACHE_DIR": str(tmp_path / "cache")}
    shared = subprocess.run([sys.executable, "-c", SHARED], env=env, capture_output=True, text=True, check=True)
    assert shared.stdout == "False True\n"
