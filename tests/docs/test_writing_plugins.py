"""docs/writing-plugins.md is run as written, in a fresh folder, so the tutorial cannot rot.

A marker before a fenced block says what to do with it, in the tutorial's order:

    <!-- tutorial: file PATH -->      write the block to PATH (relative to the folder)
    <!-- tutorial: run -->            run each line: `cd DIR` moves into DIR, `CMD > FILE` saves the standard output;
    <!-- tutorial: run exit=N -->     each command must exit with 0, or N
    <!-- tutorial: output -->         the last run block printed these lines, in order; `...` matches anything
    <!-- tutorial: entities PATH -->  the block is the entity list of the first document in the JSONL file PATH

Blocks without a marker (publishing) are not run. `pressroom`, `pytest` and `pip install -e` use this interpreter;
the plugin is installed offline into this environment and uninstalled at the end.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import pytest
import yaml

TUTORIAL = Path(__file__).resolve().parents[2] / "docs" / "writing-plugins.md"
BLOCK = re.compile(r"<!-- tutorial: (?P<action>[\w-]+)(?: (?P<arg>\S+))? -->\n```[\w-]*\n(?P<body>.*?)```", re.S)
DISTRIBUTION = "pressroom-money"

COMMANDS = {
    "pressroom": [sys.executable, "-m", "pressroom.core.cli"],
    "pytest": [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"],
    # Offline, into this environment, which already has the build backend and Pressroom.
    "pip": [sys.executable, "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-deps"],
}


def command(words: list[str]) -> list[str]:
    program, *args = words
    assert program in COMMANDS, f"the tutorial runs {program!r}; the test knows {sorted(COMMANDS)}"
    if program == "pip":
        assert args[:2] == ["install", "-e"], f"only `pip install -e` is run, not `{shlex.join(words)}`"
        args = args[1:]
    return [*COMMANDS[program], *args]


def assert_shows(expected: str, output: str) -> None:
    """Each line of ``expected`` (but a bare ``...``) is a line of ``output``, in order; ``...`` matches anything."""
    lines = iter(output.splitlines())
    for want in expected.splitlines():
        if want.strip() in ("", "..."):
            continue
        pattern = re.compile(".*".join(re.escape(part) for part in want.rstrip().split("...")))
        assert any(pattern.fullmatch(line.rstrip()) for line in lines), \
            f"the tutorial shows {want!r}, which the output lacks (or has out of order):\n{output}"


@dataclass
class Session:
    """A reader following the tutorial: a folder, the current directory, what each command printed."""

    root: Path
    cwd: Path
    outputs: dict[str, str] = field(default_factory=dict)  # command line -> stdout and stderr
    last_block: str = ""

    def follow(self, action: str, arg: str, body: str) -> None:
        if action == "file":
            path = self.root / arg
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
        elif action == "run":
            exit_code = int(arg.removeprefix("exit=")) if arg else 0
            self.last_block = "".join(self.run(line, exit_code) for line in body.splitlines())
        elif action == "output":
            assert_shows(body, self.last_block)
        elif action == "entities":
            first = json.loads((self.root / arg).read_text(encoding="utf-8").splitlines()[0])
            assert first["entities"] == json.loads(body)
        else:
            raise AssertionError(f"unknown tutorial marker {action!r}")

    def run(self, line: str, exit_code: int) -> str:
        """Run one command line; return what it printed."""
        words = shlex.split(line, comments=True)
        if not words:
            return ""
        if words[0] == "cd":
            self.cwd = self.cwd / words[1]
            assert self.cwd.is_dir(), f"`{line}`: no folder {self.cwd}"
            return ""
        target = None
        if ">" in words:
            words, target = words[: words.index(">")], words[words.index(">") + 1]
        result = subprocess.run(command(words), cwd=self.cwd, capture_output=True, text=True, timeout=300)
        printed = self.outputs[line.strip()] = result.stdout + result.stderr
        assert result.returncode == exit_code, f"`{line}` exited with {result.returncode}, not {exit_code}:\n{printed}"
        if target:
            (self.cwd / target).write_text(result.stdout, encoding="utf-8")
        return printed


def pressroom_plugins() -> str:
    return subprocess.run([*COMMANDS["pressroom"], "plugins"], capture_output=True, text=True, timeout=300).stdout


@pytest.mark.slow
def test_tutorial_runs_as_written(tmp_path: Path) -> None:
    blocks = BLOCK.findall(TUTORIAL.read_text(encoding="utf-8"))
    session = Session(tmp_path, tmp_path)
    try:
        for action, arg, body in blocks:
            session.follow(action, arg, body)
        check_outcomes(session, tmp_path / DISTRIBUTION)
    finally:
        subprocess.run([sys.executable, "-m", "pip", "uninstall", "--yes", "--quiet", DISTRIBUTION],
                       capture_output=True, timeout=300)
    assert DISTRIBUTION not in pressroom_plugins()


def check_outcomes(session: Session, plugin: Path) -> None:
    """What the tutorial promises, beyond the outputs it shows."""
    for line in ("pressroom new-plugin money --dir .", 'pip install -e ".[test]"', "pytest",
                 "pressroom test money.yaml", "pressroom plugins", "pressroom plugins --doctor",
                 "pressroom validate money.yaml", "pressroom explain money.yaml", "pressroom run money.yaml",
                 "pressroom schema > pressroom.schema.json", "pressroom eval money.yaml --gold gold.jsonl"):
        assert line in session.outputs, f"the tutorial no longer runs `{line}`"

    listed = session.outputs["pressroom plugins"]
    assert "money 0.1.0  [pressroom-money 0.1.0 (entry point money = pressroom_money)]" in listed
    assert "FAILED" not in listed

    docs = [json.loads(line) for line in (plugin / "out" / "money.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(d["id"], e["field"], e["text"], e["label"], e["canonical"], e["kb_id"])
            for d in docs for e in d["entities"]] == [
        ("roads", "title", "$1.5 billion", "MONEY", "AUD 1500000000", None),
        ("roads", "text", "$1.5 billion", "MONEY", "AUD 1500000000", None),
        ("roads", "text", "A$200 million", "MONEY", "AUD 200000000", None),
        ("trade", "text", "€40m", "MONEY", "EUR 40000000", None),
        ("trade", "text", "£1.2bn", "MONEY", "GBP 1200000000", None),
        ("trade", "text", "USD 3,000", "MONEY", "USD 3000", None),
    ]
    assert all(d[e["field"]][e["start"]:e["end"]] == e["text"] for d in docs for e in d["entities"])
    assert all(d["history"] == [{"step": "money", "plugin": "money", "version": "0.1.0"}] for d in docs)

    # The schema an editor gets knows the step's options: it accepts the pipeline and rejects the misspelt one.
    schema = json.loads((plugin / "pressroom.schema.json").read_text(encoding="utf-8"))
    [money] = [step for step in schema["properties"]["steps"]["items"]["oneOf"] if step["title"] == "money"]
    assert set(money["properties"]["with"]["properties"]) == {"dollar", "currencies", "min_amount"}
    jsonschema.validate(yaml.safe_load((plugin / "money.yaml").read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load((plugin / "typo.yaml").read_text(encoding="utf-8")), schema)

    # Seven gold amounts; the step finds six, all right, and misses "50 million dollars".
    [row] = [line.split() for line in session.outputs["pressroom eval money.yaml --gold gold.jsonl"].splitlines()
             if line.startswith("MONEY ")]
    assert row == ["MONEY", "7", "6", "6", "1.000", "0.857", "0.923"]
