"""``pressroom new-plugin NAME``: a pip-installable step plugin with options, README and contract tests."""

from __future__ import annotations

import re
from pathlib import Path

from pressroom.core.errors import ConfigError

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

PYPROJECT = '''\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "{dist}"
version = "0.1.0"
description = "A Pressroom step plugin: {name}"
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["pressroom>=0.1"]

[project.optional-dependencies]
test = ["pytest>=8"]

# Pressroom finds the plugin through this entry point once the package is installed.
[project.entry-points.pressroom]
{name} = "{module}"

[tool.setuptools.packages.find]
where = ["src"]
'''

INIT = '''\
"""Registers the {name} step with Pressroom. Keep this module light: heavy imports go in the step's setup()."""

from pressroom.core import Step, hookimpl


@hookimpl
def pressroom_steps() -> list[type[Step]]:
    from {module}.step import {cls}

    return [{cls}]
'''

STEP = '''\
"""The {name} step: tags every match of a regular expression as an entity span."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from pressroom.core import Document, EntitySpan, Step


class {cls}Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pattern: str = Field(default=r"\\b[A-Z]{{2,}}\\b", description="regular expression to tag")
    label: str = Field(default="ACRONYM", description="label of the tagged spans")


class {cls}(Step):
    name = "{name}"
    version = "0.1.0"
    description = "tag every match of a regular expression"
    Options = {cls}Options
    reads = frozenset({{"text", "title"}})
    changes = frozenset({{"entities"}})

    options: {cls}Options

    def setup(self) -> None:
        self.regex = re.compile(self.options.pattern)

    def process(self, doc: Document) -> Document:
        found = [
            EntitySpan(start=m.start(), end=m.end(), text=m.group(), label=self.options.label, field=field)
            for field in ("title", "text")
            for m in self.regex.finditer(doc.field_text(field))
        ]
        self.count("tagged", len(found))
        return doc.model_copy(update={{"entities": [*doc.entities, *found]}})
'''

TEST = '''\
from pressroom.core.testing import StepContract, make_document, run_step

from {module}.step import {cls}


class Test{cls}Contract(StepContract, step={cls}):
    """Options documented, picklable, deterministic, no input mutation, only declared changes, valid spans."""


def test_tags_matches_in_title_and_text() -> None:
    doc = make_document(title="NATO summit", text="The EU and NATO met in Brussels.")
    out = run_step({cls}, doc).document
    assert [(e.field, e.text, e.label) for e in out.entities] == [
        ("title", "NATO", "ACRONYM"), ("text", "EU", "ACRONYM"), ("text", "NATO", "ACRONYM")]


def test_pattern_and_label_are_options() -> None:
    doc = make_document(text="Costs rose by $100 million.")
    out = run_step({cls}, doc, {{"pattern": r"\\$\\d+ million", "label": "MONEY"}}).document
    assert [(e.text, e.label) for e in out.entities] == [("$100 million", "MONEY")]
'''

README = '''\
# {dist}

A [Pressroom](https://pypi.org/project/pressroom/) step plugin: `{name}` tags every match of a regular expression.

```sh
pip install -e ".[test]"   # in the environment where Pressroom is installed
pytest                     # the step's tests, including Pressroom's step contract
pressroom plugins          # lists {name}
```

Use it in a pipeline:

```yaml
steps:
  - use: {name}
    with: {{pattern: "\\\\b[A-Z]{{2,}}\\\\b", label: ACRONYM}}
  - use: export
    with: {{path: out/tagged.jsonl}}
```
'''


def new_plugin(name: str, directory: Path) -> Path:
    """Write the package for step ``name`` into ``directory/pressroom-NAME``; return that folder."""
    if not _NAME.match(name):
        raise ConfigError([f"plugin name {name!r}: use lower-case letters, digits and _ (e.g. money_tagger)"])
    dist = f"pressroom-{name.replace('_', '-')}"
    module = f"pressroom_{name}"
    cls = "".join(part.capitalize() for part in name.split("_")) + "Step"
    root = directory / dist
    if root.exists():
        raise ConfigError([f"{root} already exists; choose another name or --dir"])
    values = {"name": name, "dist": dist, "module": module, "cls": cls}
    files = {
        "pyproject.toml": PYPROJECT,
        "README.md": README,
        f"src/{module}/__init__.py": INIT,
        f"src/{module}/step.py": STEP,
        f"src/{module}/py.typed": "",
        f"tests/test_{name}.py": TEST,
    }
    for relative, template in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**values), encoding="utf-8")
    return root
