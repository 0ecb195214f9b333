"""Finds plugins (entry points, modules, ``.py`` files), collects their steps, readers and writers, and their load
errors."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy
from pydantic import BaseModel

from pressroom.core import hookspecs, readers
from pressroom.core.errors import PluginError
from pressroom.core.readers.base import Reader
from pressroom.core.step import DOCUMENT_FIELDS, Step
from pressroom.core.writer import Writer

ENTRY_POINT_GROUP = "pressroom"


@dataclass(frozen=True)
class LoadProblem:
    """A plugin that could not be loaded or that provides something invalid."""

    plugin: str
    origin: str
    error: str
    traceback: str = ""


@dataclass(frozen=True)
class Provided:
    """A step, reader or writer class with the plugin and origin it came from."""

    cls: Any
    plugin: str
    origin: str


class Registry:
    """All steps, readers and writers that the installed and named plugins provide."""

    def __init__(self) -> None:
        self.manager = pluggy.PluginManager(hookspecs.PROJECT)
        self.manager.add_hookspecs(hookspecs)
        self.problems: list[LoadProblem] = []
        self.origins: dict[str, str] = {}
        self.steps: dict[str, Provided] = {}
        self.readers: dict[str, Provided] = {}
        self.writers: dict[str, Provided] = {}
        self._add("pressroom.core.readers", readers, "pressroom (core)")

    @classmethod
    def discover(cls, extra: Iterable[str] = (), base_dir: Path | None = None) -> Registry:
        """Every plugin installed under the ``pressroom`` entry point group, plus ``extra`` modules or files."""
        registry = cls()
        named: dict[int, str] = {}  # "name version" of each distribution: its metadata parsed once, not per plugin
        for entry_point in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            dist = entry_point.dist
            if dist is not None and id(dist) not in named:
                metadata = dist.metadata
                named[id(dist)] = f"{metadata['Name']} {metadata['Version']}"
            origin = named[id(dist)] if dist is not None else "unknown distribution"
            origin += f" (entry point {entry_point.name} = {entry_point.value})"
            registry._load(entry_point.name, origin, entry_point.load)
        for spec in extra:
            registry.load_named(spec, base_dir)
        registry.make_current()
        return registry

    def load_named(self, spec: str, base_dir: Path | None = None) -> LoadProblem | None:
        """Load a plugin named in a pipeline file: a module name or a path to a ``.py`` file."""
        self.make_current()
        if spec.endswith(".py"):
            path = Path(spec) if base_dir is None or Path(spec).is_absolute() else base_dir / spec
            return self._load(spec, f"file {path}", lambda: _import_file(path))
        return self._load(spec, f"module {spec}", lambda: importlib.import_module(spec))

    def make_current(self) -> None:
        """Make this the registry that ``current()`` returns: done by ``discover`` and ``load_named``."""
        global _current
        _current = self

    def _load(self, name: str, origin: str, load: Callable[[], Any]) -> LoadProblem | None:
        try:
            module = load()
        except Exception as exc:
            problem = LoadProblem(name, origin, f"{type(exc).__name__}: {exc}", traceback.format_exc())
            self.problems.append(problem)
            return problem
        return self._add(name, module, origin)

    def _add(self, name: str, module: ModuleType, origin: str) -> LoadProblem | None:
        if self.manager.is_registered(module):
            return None
        try:
            self.manager.register(module, name=name)
        except Exception as exc:
            problem = LoadProblem(name, origin, f"{type(exc).__name__}: {exc}", traceback.format_exc())
            self.problems.append(problem)
            return problem
        self.origins[name] = origin
        self._collect(name, origin, "pressroom_steps", self.steps, _check_step)
        self._collect(name, origin, "pressroom_readers", self.readers, _check_reader)
        self._collect(name, origin, "pressroom_writers", self.writers, _check_writer)
        return None

    def _collect(self, name: str, origin: str, hook_name: str, into: dict[str, Provided],
                 check: Callable[[Any], str | None]) -> None:
        for impl in getattr(self.manager.hook, hook_name).get_hookimpls():
            if impl.plugin_name != name:
                continue
            try:
                provided = impl.function()
            except Exception as exc:
                self.problems.append(LoadProblem(name, origin, f"{hook_name} raised {type(exc).__name__}: {exc}",
                                                 traceback.format_exc()))
                continue
            for cls in provided or []:
                error = check(cls)
                key = getattr(cls, "name", repr(cls))
                if error is None and key in into:
                    error = f"{key!r} is already provided by {into[key].plugin} ({into[key].origin})"
                if error:
                    self.problems.append(LoadProblem(name, origin, f"{hook_name}: {error}"))
                else:
                    into[key] = Provided(cls, name, origin)

    def step_class(self, name: str) -> type[Step]:
        if name not in self.steps:
            raise PluginError(f"unknown step {name!r}")
        return self.steps[name].cls  # type: ignore[no-any-return]

    def reader_classes(self) -> dict[str, type[Reader]]:
        return {name: provided.cls for name, provided in self.readers.items()}

    def problem_for(self, plugin: str) -> LoadProblem | None:
        """The load problem of the plugin called ``plugin``, if it failed (step names usually match)."""
        return next((p for p in self.problems if p.plugin == plugin), None)


_current: Registry | None = None


def current() -> Registry:
    """The registry discovered last in this process (discovering one if none was): how a step whose options name
    another plugin's class (an output format) finds it while the options are validated."""
    return _current or Registry.discover()


def _import_file(path: Path) -> ModuleType:
    if not path.is_file():
        raise FileNotFoundError(f"no plugin file {path}")
    module_name = f"pressroom_user_plugin_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered in sys.modules so that steps defined in the file can be pickled for worker processes.
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def _check_step(cls: Any) -> str | None:
    if not (isinstance(cls, type) and issubclass(cls, Step)):
        return f"{cls!r} is not a subclass of pressroom.core.Step"
    if not isinstance(getattr(cls, "name", None), str) or not cls.name:
        return f"{cls.__qualname__} has no name"
    if not (isinstance(cls.Options, type) and issubclass(cls.Options, BaseModel)):
        return f"{cls.name}: Options must be a pydantic model"
    unknown = (set(cls.reads) | set(cls.changes)) - DOCUMENT_FIELDS
    if unknown:
        return f"{cls.name}: reads/changes name unknown document fields {sorted(unknown)}"
    return None


def _check_reader(cls: Any) -> str | None:
    if not (isinstance(cls, type) and issubclass(cls, Reader)) or not getattr(cls, "name", None):
        return f"{cls!r} is not a named subclass of pressroom.core.Reader"
    return None


def _check_writer(cls: Any) -> str | None:
    if not (isinstance(cls, type) and issubclass(cls, Writer)) or not getattr(cls, "name", None):
        return f"{cls!r} is not a named subclass of pressroom.core.Writer"
    if not (isinstance(cls.Options, type) and issubclass(cls.Options, BaseModel)):
        return f"{cls.name}: Options must be a pydantic model"
    return None
