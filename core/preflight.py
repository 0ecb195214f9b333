"""What can be known wrong before a run reads anything: missing extras, missing input files, outputs that cannot
be created. ``pressroom validate`` and ``pressroom run`` ask the same questions, so they never disagree.

Nothing here creates or changes a file."""

from __future__ import annotations

import errno
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Requirement:
    """An optional extra a step, writer or executor needs: the extra's name, the modules it makes importable and
    the distribution that declares it, e.g. ``Requirement("spacy")`` or ``Requirement("parquet", ("pyarrow",))``."""

    extra: str
    modules: tuple[str, ...] = ()
    distribution: str = "pressroom"

    def missing(self) -> list[str]:
        """The modules that cannot be imported here (found without importing them)."""
        return [module for module in self.modules or (self.extra,) if not importable(module)]

    @property
    def install(self) -> str:
        return f"pip install '{self.distribution}[{self.extra}]'"


def unmet(requirements: tuple[Requirement | str, ...] | list[Requirement | str]) -> list[tuple[Requirement, list[str]]]:
    """Each requirement whose modules are missing, with those modules; a string names an extra of pressroom whose
    module has the same name."""
    found = []
    for requirement in requirements:
        if isinstance(requirement, str):
            requirement = Requirement(requirement)
        if missing := requirement.missing():
            found.append((requirement, missing))
    return found


def importable(module: str) -> bool:
    """Whether ``module`` can be imported here, found without importing it (a spaCy model is a module too)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a parent package is missing or broken
        return False


def unreadable_file(path: str | Path) -> str | None:
    """Why ``path`` cannot be read as a file, or None when it can."""
    path = Path(path)
    try:
        if not path.exists():
            return f"{path} does not exist"
        if not path.is_file():
            return f"{path} is not a file"
    except OSError as exc:  # a name too long, a loop of links
        return f"{path}: {exc.strerror}"
    if not os.access(path, os.R_OK):
        return f"{path} cannot be read (permission denied)"
    return None


def uncreatable_file(path: str | Path) -> str | None:
    """Why a file cannot be written at ``path`` (its folders created as needed), or None when it can: the path
    is a folder, a parent is a file, a name is too long for the file system, a folder is not writable."""
    return _uncreatable(Path(path), want_folder=False)


def uncreatable_folder(path: str | Path) -> str | None:
    """Why a folder of output files cannot be made at ``path``, or None when it can."""
    return _uncreatable(Path(path), want_folder=True)


def _uncreatable(path: Path, want_folder: bool) -> str | None:
    target = path.absolute()
    path = Path(_shown(str(path)))
    try:
        max_name = os.pathconf(_existing_ancestor(target), "PC_NAME_MAX")
    except OSError:
        max_name = 255
    for part in target.parts:
        if len(os.fsencode(part)) > max_name:
            return f"{path}: the name {part[:20]}... is longer than the file system allows ({max_name} bytes)"
    try:
        if len(os.fsencode(str(target))) >= os.pathconf(_existing_ancestor(target), "PC_PATH_MAX"):
            return f"{path}: the path is longer than the file system allows"
        if target.is_dir() and not want_folder:
            return f"{path} is a folder; name a file"
        if target.exists() and want_folder and not target.is_dir():
            return f"{path} is a file; name a folder"
        ancestor = _existing_ancestor(target if want_folder else target.parent)
    except OSError as exc:
        return f"{path}: {os.strerror(exc.errno or errno.EINVAL)}"
    if not ancestor.is_dir():
        return f"{path}: {ancestor} is a file, so no folder can be made there"
    if not os.access(ancestor, os.W_OK | os.X_OK):
        return f"{path}: the folder {ancestor} is not writable"
    return None


def _shown(name: str) -> str:
    """A path short enough for a message."""
    return name if len(name) <= 100 else f"{name[:60]}...{name[-30:]}"


def _existing_ancestor(path: Path) -> Path:
    """``path`` itself or its nearest ancestor that exists."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return path
