"""The package list in pyproject.toml is written by hand (folders are mapped under ``pressroom.``): keep it whole."""

import tomllib
from pathlib import Path


def test_every_package_folder_is_listed(repo: Path) -> None:
    config = tomllib.loads((repo / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    found = set()
    for prefix, folder in config["package-dir"].items():
        for init in (repo / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(repo / folder).parts
            found.add(".".join((prefix, *relative)))
    assert found == listed
