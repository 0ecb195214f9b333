"""A fuzzer over the default pipeline file: 220 seeded mutations of configs/releases.yaml (issue 14). For each,
`validate` and `run` (in this process, with a time limit) must end without a traceback or a hang, and agree:
a file `validate` rejects (exit 2) is rejected by `run` before it reads anything, and one it accepts runs on the
seed release with exit 0."""

from __future__ import annotations

import contextlib
import io
import random
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

import pytest
import yaml

from pressroom.core import yaml_source
from pressroom.core.cli import main
from pressroom.core.errors import ConfigError

MUTATIONS = 220
SEED = 14
SECONDS_PER_COMMAND = 20
REPO = Path(__file__).resolve().parents[2]

VALUES = ["5", "-1", "0", "''", "null", "[]", "{}", "[[[]]]", "x" * 300, "/", ".", "out", "${PRESSROOM_UNSET_VAR}",
          "!!python/object/apply:os.system ['echo hacked']", "1%", "'50%'", "true", "&a [*a]", "\"unclosed",
          "[", "{a: 1, a: 2}", "'a\x00b'", "out/x.jsonl", "spacy", "hybrid", "csv", "parquet", "dask", "sqlite"]
INSERTS = ["\x00", "\"", "'", "[", "{", ":", "\t", "&a ", "*a", "- ", "  ", "#", "!!binary ", "<<: *a\n", "\n"]
KEYS = ["steps", "use", "with", "input", "path", "format", "quarantine", "ledger", "on_error", "workers",
        "executor", "max_failures", "tests", "expect", "dates", "entities", "backend", "model", "gazetteers", "id"]


def _lines(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    operation = rng.choice(["delete", "duplicate", "swap", "indent", "dedent"])
    if operation == "delete":
        del lines[i]
    elif operation == "duplicate":
        lines.insert(j, lines[i])
    elif operation == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif operation == "indent":
        lines[i] = "  " + lines[i]
    else:
        lines[i] = lines[i].lstrip(" ")
    return "".join(lines)


def _insert(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text))
    return text[:at] + rng.choice(INSERTS) + text[at:]


def _value(text: str, rng: random.Random) -> str:
    """Replace the value after a `key:` with a hostile one."""
    spots = [i for i in range(len(text) - 1) if text[i] == ":" and text[i + 1] == " "]
    at = rng.choice(spots) + 2
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    if rng.random() < 0.5:  # inside flow mappings only up to the next comma or brace
        end = min([e for e in (text.find(",", at, end), text.find("}", at, end)) if e >= 0] or [end])
    return text[:at] + rng.choice(VALUES) + text[end:]


def _key(text: str, rng: random.Random) -> str:
    """Misspell, repeat or invent a key."""
    key = rng.choice([k for k in KEYS if f"{k}:" in text] or KEYS)
    spelled = rng.choice([key[:-1], key + "s", key[1:] + key[0], key.upper(), key])
    return text.replace(f"{key}:", f"{spelled}:", rng.choice([1, 2, -1]))


def _structure(text: str, rng: random.Random) -> str:
    """Set a random place of the parsed pipeline to a random value and write it back as YAML."""
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError):
        return text  # an earlier mutation broke the syntax already
    node, parent, key = data, None, None
    for _ in range(rng.randrange(1, 5)):
        keys = list(node) if isinstance(node, dict) else list(range(len(node))) if isinstance(node, list) else []
        if not keys:
            break
        parent, key = node, rng.choice(keys)
        node = parent[key]
        if rng.random() < 0.4:
            break
    if parent is not None:
        parent[key] = yaml.safe_load(rng.choice(PLAIN_VALUES))
    try:
        return yaml.safe_dump(data, sort_keys=False)
    except (yaml.YAMLError, RecursionError):
        return text


def _plain(value: str) -> bool:
    try:
        yaml.safe_load(value)
    except yaml.YAMLError:
        return False
    return "*" not in value


#: The values that are YAML by themselves, for the mutations that edit the parsed pipeline.
PLAIN_VALUES = [value for value in VALUES if _plain(value)]


def _bomb(text: str, rng: random.Random) -> str:
    levels = rng.randrange(3, 12)
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n" + text


#: What `validate` must find before reading (issue 14): outputs that cannot be created, files and models missing.
SETTINGS = [
    "input: {path: missing/}", "input: {path: 'seeds/*.jsonl'}", "input: {path: [seeds/, '-']}",
    "quarantine: .", "quarantine: seeds", "quarantine: seeds/000_2290dcee0d5c0c3e.txt/q.jsonl",
    f"quarantine: {'q' * 300}.jsonl", "ledger: configs", "ledger: seeds/000_2290dcee0d5c0c3e.txt/l.sqlite",
    f"ledger: out/{'l' * 300}/ledger.sqlite", "ledger: null",
]
EXPORT_PATHS = [".", "seeds", "seeds/000_2290dcee0d5c0c3e.txt/x.jsonl", f"out/{'x' * 300}.jsonl", "out"]
ENTITIES = ["{backend: spacy, model: pressroom_no_such_model}", "{backend: hybrid}", "{gazetteers: [missing.yaml]}",
            "{gazetteers: [seeds]}", "{backend: rules, gazetteers: []}"]


def _setting(text: str, rng: random.Random) -> str:
    """An output path that cannot be written, a hostile top-level setting (replacing the line of its key), or
    entities options naming a model or a gazetteer that is not there."""
    choice = rng.random()
    if choice < 0.2:
        return text.replace("path: out/releases.jsonl", f"path: {rng.choice(EXPORT_PATHS)}")
    if choice < 0.6:
        setting = rng.choice(SETTINGS)
        key = setting.split(":")[0]
        kept = [line for line in text.splitlines(keepends=True) if not line.startswith(f"{key}:")]
        return "".join(kept) + setting + "\n"
    return text.replace("  - use: entities\n", f"  - use: entities\n    with: {rng.choice(ENTITIES)}\n", 1)


OPERATIONS: list[Callable[[str, random.Random], str]] = [_lines, _insert, _value, _value, _key, _structure, _bomb,
                                                         _setting, _setting]


def mutations(text: str) -> Iterator[tuple[int, str]]:
    rng = random.Random(SEED)
    for number in range(MUTATIONS):
        mutated = text
        for _ in range(rng.choice([1, 1, 2, 3])):
            mutated = rng.choice(OPERATIONS)(mutated, rng)
        yield number, mutated


def _timeout(signum: int, frame: FrameType | None) -> None:
    raise TimeoutError


def command(*args: str) -> tuple[int, str]:
    """Exit code and stderr of `pressroom ARGS` run in this process; a traceback or a hang fails the test."""
    stderr = io.StringIO()
    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(SECONDS_PER_COMMAND)
    try:
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO())):
            code = main(list(args))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return code, stderr.getvalue()


def input_arguments(text: str) -> list[str]:
    """`run` reads the pipeline's own input; one that names none is given the seed folder, as a user would."""
    try:
        data = yaml_source.load(text, "p.yaml").data
    except ConfigError:
        return []
    given = data.get("input") if isinstance(data, dict) else None
    return [] if isinstance(given, dict) and given.get("path") else ["--input", "seeds/"]


@pytest.mark.slow
def test_mutated_pipelines_end_cleanly_and_validate_agrees_with_run(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))  # for `input: -`: nothing on stdin
    (tmp_path / "seeds").mkdir()
    seed = REPO / "seeds" / "000_2290dcee0d5c0c3e.txt"
    (tmp_path / "seeds" / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "configs").mkdir()
    original = (REPO / "configs" / "releases.yaml").read_text(encoding="utf-8")
    pipeline = tmp_path / "configs" / "p.yaml"
    failures, outcomes = [], {"valid": 0, "invalid": 0}
    for number, text in mutations(original):
        pipeline.write_text(text, encoding="utf-8")
        try:
            validated, why = command("validate", str(pipeline))
            ran, run_why = command("run", str(pipeline), "--quiet", "--force", *input_arguments(text))
        except BaseException as exc:  # a traceback, or TimeoutError for a hang
            failures.append(f"mutation {number}: {type(exc).__name__}: {exc}\n{text}")
            continue
        # The seed release is good: a pipeline that validates runs with exit 0.
        if (validated, ran) not in ((0, 0), (2, 2)):
            failures.append(f"mutation {number}: validate {validated}, run {ran}\n{why}{run_why}\n{text}")
        outcomes["invalid" if validated == 2 else "valid"] += 1
    assert not failures, f"{len(failures)} of {MUTATIONS}:\n" + "\n---\n".join(f[:1500] for f in failures[:5])
    assert outcomes["valid"] >= 20 and outcomes["invalid"] >= 100  # the mutations reach both sides
