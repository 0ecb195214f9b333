"""Finds plugins (entry points, modules, ``.py`` files), collects their steps, readers and writers, and their load
errors.

Installed plugins load on demand: a pipeline that uses ``dates`` and ``export`` imports those two plugins and
their step modules, not every installed plugin's (a step module may weigh tens of milliseconds of start-up). A step
is looked for first in the plugin whose entry point has its name (built-in plugins and ``pressroom new-plugin``'s are
named so), a format among the writers of the plugins loaded so far; only what they do not provide loads every
plugin, as does asking for all steps, readers, writers or problems. Each kind is collected from a plugin once, when
first looked for; a name two plugins provide goes to the one loaded first.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import importlib.util
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy
from pydantic import BaseModel

from pressroom.core import hookspecs, readers
from pressroom.core.entry_points import ENTRY_POINT_GROUP, entry_points
from pressroom.core.errors import PluginError
from pressroom.core.readers.base import Reader
from pressroom.core.step import DOCUMENT_FIELDS, Step
from pressroom.core.writer import Writer

CORE_READERS = "pressroom.core.readers"
#: What plugins provide, each kind through its hook ``pressroom_<kind>``.
KINDS = ("steps", "readers", "writers")


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
        self._manager = pluggy.PluginManager(hookspecs.PROJECT)
        self._manager.add_hookspecs(hookspecs)
        self._problems: list[LoadProblem] = []
        self._origins: dict[str, str] = {}  # the loaded plugins, in the order they were loaded
        self._installed: dict[str, list[importlib.metadata.EntryPoint]] = {}  # not loaded yet, by name
        self._provided: dict[str, dict[str, Provided]] = {kind: {} for kind in KINDS}
        self._collected: set[tuple[str, str]] = set()  # (kind, plugin) pairs already collected
        self._add(CORE_READERS, readers, "pressroom (core)")

    @classmethod
    def discover(cls, extra: Iterable[str] = (), base_dir: Path | None = None,
                 installed: Iterable[importlib.metadata.EntryPoint] | None = None) -> Registry:
        """Every plugin installed under the ``pressroom`` entry point group, plus ``extra`` modules or files; the
        installed ones load when something they may provide is asked for. ``installed``: that group's entry points,
        when the caller has found them already (``pressroom.core.entry_points``)."""
        registry = cls()
        if installed is None:
            installed = entry_points(ENTRY_POINT_GROUP)[ENTRY_POINT_GROUP]
        for entry_point in sorted(installed, key=lambda e: e.name):
            registry._installed.setdefault(entry_point.name, []).append(entry_point)
        for spec in extra:
            registry.load_named(spec, base_dir)
        return registry

    @property
    def manager(self) -> pluggy.PluginManager:
        self._load_all()
        return self._manager

    @property
    def steps(self) -> dict[str, Provided]:
        return self._all("steps")

    @property
    def readers(self) -> dict[str, Provided]:
        return self._all("readers")

    @property
    def writers(self) -> dict[str, Provided]:
        return self._all("writers")

    @property
    def origins(self) -> dict[str, str]:
        self._load_all()
        return self._origins

    @property
    def problems(self) -> list[LoadProblem]:
        """Every plugin's load problems: every plugin is loaded and all it provides collected."""
        for kind in KINDS:
            self._all(kind)
        return self._problems

    def found_problems(self) -> list[LoadProblem]:
        """The load problems of the plugins loaded so far, loading no more."""
        return self._problems

    def provided_step(self, name: str) -> Provided | None:
        """The step called ``name``: from the plugin whose entry point has that name when it provides it, else from
        whichever plugin does (all are loaded then); None when none does."""
        if name in self._installed:
            self._load_installed(name)
        if name in self._origins:
            self._collect("steps", name)
        return self._find("steps", name)

    def writers_with(self, name: Any) -> dict[str, Provided]:
        """The writers of the plugins loaded so far when one is called ``name`` (the plugin of the step naming a
        format usually provides it), else every plugin's."""
        return self._provided["writers"] if self._find("writers", name) else self.writers

    def _find(self, kind: str, name: Any) -> Provided | None:
        """What is called ``name``: among what the loaded plugins provide, else among what every plugin does."""
        if not isinstance(name, str):
            return None
        provided = self._provided[kind]
        if name not in provided:
            self._collect_loaded(kind)
        if name not in provided:
            self._all(kind)
        return provided.get(name)

    def _all(self, kind: str) -> dict[str, Provided]:
        """Everything of this kind that any plugin provides; a name provided twice goes to the plugin loaded first
        (the core's readers, then the plugins a pipeline names or uses, then the others by entry point name)."""
        self._load_all()
        self._collect_loaded(kind)
        return self._provided[kind]

    def _collect_loaded(self, kind: str) -> None:
        for plugin in list(self._origins):
            self._collect(kind, plugin)

    def _load_all(self) -> None:
        for name in list(self._installed):
            self._load_installed(name)

    def _load_installed(self, name: str) -> None:
        for entry_point in self._installed.pop(name):
            origin = f"{_distribution(entry_point.dist)} (entry point {entry_point.name} = {entry_point.value})"
            self._load(entry_point.name, origin, entry_point.load)

    def load_named(self, spec: str, base_dir: Path | None = None) -> LoadProblem | None:
        """Load a plugin named in a pipeline file: a module name or a path to a ``.py`` file."""
        if spec.endswith(".py"):
            path = Path(spec) if base_dir is None or Path(spec).is_absolute() else base_dir / spec
            return self._load(spec, f"file {path}", lambda: _import_file(path))
        return self._load(spec, f"module {spec}", lambda: importlib.import_module(spec))

    def _load(self, name: str, origin: str, load: Callable[[], Any]) -> LoadProblem | None:
        try:
            module = load()
        except Exception as exc:
            problem = LoadProblem(name, origin, f"{type(exc).__name__}: {exc}", traceback.format_exc())
            self._problems.append(problem)
            return problem
        return self._add(name, module, origin)

    def _add(self, name: str, module: ModuleType, origin: str) -> LoadProblem | None:
        if self._manager.is_registered(module):
            return None
        try:
            self._manager.register(module, name=name)
        except Exception as exc:
            problem = LoadProblem(name, origin, f"{type(exc).__name__}: {exc}", traceback.format_exc())
            self._problems.append(problem)
            return problem
        self._origins[name] = origin
        return None

    def _collect(self, kind: str, name: str) -> None:
        """What the loaded plugin called ``name`` provides of this kind, once (a hook may import a module for it)."""
        if (kind, name) in self._collected:
            return
        self._collected.add((kind, name))
        origin, hook_name, into, check = self._origins[name], f"pressroom_{kind}", self._provided[kind], _CHECKS[kind]
        for impl in getattr(self._manager.hook, hook_name).get_hookimpls():
            if impl.plugin_name != name:
                continue
            try:
                provided = impl.function()
            except Exception as exc:
                self._problems.append(LoadProblem(name, origin, f"{hook_name} raised {type(exc).__name__}: {exc}",
                                                  traceback.format_exc()))
                continue
            for cls in provided or []:
                error = check(cls)
                key = getattr(cls, "name", repr(cls))
                if error is None and key in into:
                    error = f"{key!r} is already provided by {into[key].plugin} ({into[key].origin})"
                if error:
                    self._problems.append(LoadProblem(name, origin, f"{hook_name}: {error}"))
                else:
                    into[key] = Provided(cls, name, origin)

    def step_class(self, name: str) -> type[Step]:
        provided = self.provided_step(name)
        if provided is None:
            raise PluginError(f"unknown step {name!r}")
        return provided.cls  # type: ignore[no-any-return]

    def reader_classes(self) -> Mapping[str, type[Reader]]:
        """The reader classes by name, the core's first; the plugins' are collected only when a look-up or an
        iteration goes past the core's (choosing among them for a ``.jsonl`` file never does)."""
        return _ReaderClasses(self)

    def _core_readers(self) -> dict[str, Provided]:
        """The readers collected so far, the core's among them (first, whatever was collected before)."""
        self._collect("readers", CORE_READERS)
        return self._provided["readers"]

    def problem_for(self, plugin: str) -> LoadProblem | None:
        """The load problem of the plugin called ``plugin``, if it failed (step names usually match)."""
        return next((p for p in self.problems if p.plugin == plugin), None)


class _ReaderClasses(Mapping[str, type[Reader]]):
    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    def __getitem__(self, name: str) -> type[Reader]:
        provided = self._registry._core_readers().get(name) or self._registry.readers[name]
        return provided.cls  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        core = list(self._registry._core_readers())
        yield from core
        yield from list(self._registry.readers)[len(core):]

    def __len__(self) -> int:
        return len(self._registry.readers)


@functools.cache  # one read per distribution, not per entry point
def _distribution(dist: importlib.metadata.Distribution | None) -> str:
    """The distribution's "name version", from the first headers of its metadata (``Distribution.metadata`` would
    parse all of it with the email package, a few milliseconds of start-up)."""
    headers: dict[str, str] = {}
    for line in ((dist.read_text("METADATA") or dist.read_text("PKG-INFO") or "") if dist else "").splitlines():
        if not line.strip() or len(headers) == 2:
            break
        key, _, value = line.partition(":")
        if key.lower() in ("name", "version"):
            headers.setdefault(key.lower(), value.strip())
    return f"{headers['name']} {headers['version']}" if len(headers) == 2 else "unknown distribution"


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


_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "steps": _check_step, "readers": _check_reader, "writers": _check_writer}
