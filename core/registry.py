"""Finds plugins (entry points, modules, ``.py`` files), collects their steps, readers and writers, and their load
errors.

Installed plugins load on demand: a pipeline that uses ``dates`` and ``export`` imports those two step modules, not
every installed plugin's (a step module may weigh tens of milliseconds of start-up). Asking for a step first loads
the plugin whose entry point has the step's name (built-in plugins and ``pressroom new-plugin``'s are named so), and
only when that one does not provide it, every plugin; asking for all steps, readers, writers or problems loads
every plugin, and each kind is collected from the plugins in discovery order, as when all load at once.
"""

from __future__ import annotations

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
from pressroom.core.errors import PluginError
from pressroom.core.readers.base import Reader
from pressroom.core.step import DOCUMENT_FIELDS, Step
from pressroom.core.writer import Writer

ENTRY_POINT_GROUP = "pressroom"
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
        self._origins: dict[str, str] = {}
        self._provided: dict[str, dict[str, Provided]] = {kind: {} for kind in KINDS}
        #: Plugin names in discovery order: the core's readers, entry points by name, then named plugins.
        self._order: list[str] = []
        self._pending: dict[str, list[importlib.metadata.EntryPoint]] = {}  # found, not loaded yet, by name
        self._collected: set[tuple[str, str]] = set()  # (kind, plugin) pairs already collected
        self._complete: set[str] = set()  # kinds collected from every plugin
        self._dist_names: dict[int, str] = {}  # "name version" of each distribution: its metadata parsed once
        self._order.append(CORE_READERS)
        self._add(CORE_READERS, readers, "pressroom (core)")

    @classmethod
    def discover(cls, extra: Iterable[str] = (), base_dir: Path | None = None) -> Registry:
        """Every plugin installed under the ``pressroom`` entry point group, plus ``extra`` modules or files; the
        installed ones load when something they may provide is asked for."""
        registry = cls()
        for entry_point in sorted(_entry_points(ENTRY_POINT_GROUP), key=lambda e: e.name):
            if entry_point.name not in registry._pending:
                registry._order.append(entry_point.name)
            registry._pending.setdefault(entry_point.name, []).append(entry_point)
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
        """Every plugin's load problems: every plugin is loaded and all it provides collected, plugin by plugin."""
        self._load_all()
        for name in self._order:
            for kind in KINDS:
                self._collect_kind(name, kind)
        self._complete.update(KINDS)
        return self._problems

    def found_problems(self) -> list[LoadProblem]:
        """The load problems of the plugins loaded so far, loading no more."""
        return self._problems

    def provided_step(self, name: str) -> Provided | None:
        """The step called ``name``: from the plugin whose entry point has that name when it provides it, else from
        whichever plugin does (all are loaded then); None when none does."""
        steps = self._provided["steps"]
        if name not in steps and name in self._pending:
            self._load_pending(name)
            self._collect_kind(name, "steps")
        if name not in steps:
            self._all("steps")
        return steps.get(name)

    def _all(self, kind: str) -> dict[str, Provided]:
        """Everything of this kind that any plugin provides, collected in discovery order."""
        if kind not in self._complete:
            self._load_all()
            for name in self._order:
                self._collect_kind(name, kind)
            self._complete.add(kind)
        return self._provided[kind]

    def _load_all(self) -> None:
        for name in list(self._pending):
            self._load_pending(name)

    def _load_pending(self, name: str) -> None:
        for entry_point in self._pending.pop(name):
            dist = entry_point.dist
            if dist is not None and id(dist) not in self._dist_names:
                metadata = dist.metadata
                self._dist_names[id(dist)] = f"{metadata['Name']} {metadata['Version']}"
            origin = self._dist_names[id(dist)] if dist is not None else "unknown distribution"
            origin += f" (entry point {entry_point.name} = {entry_point.value})"
            self._load(entry_point.name, origin, entry_point.load)

    def load_named(self, spec: str, base_dir: Path | None = None) -> LoadProblem | None:
        """Load a plugin named in a pipeline file: a module name or a path to a ``.py`` file."""
        if spec not in self._order:
            self._order.append(spec)
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
        for kind in KINDS:
            if kind in self._complete:  # a plugin named after the rest were collected
                self._collect_kind(name, kind)
        return None

    def _collect_kind(self, name: str, kind: str) -> None:
        """What the plugin called ``name`` provides of this kind, once; nothing if it is not loaded (or failed)."""
        if (kind, name) in self._collected or name not in self._origins:
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
        self._collect_kind(CORE_READERS, "readers")
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


def _entry_points(group: str) -> list[importlib.metadata.EntryPoint]:
    """``importlib.metadata.entry_points(group=group)``, parsing only the entry point files that mention the group
    (parsing every installed distribution's costs each start-up a few milliseconds). Distributions are taken once
    per name, the first on the path, as ``entry_points`` takes them."""
    seen: set[str] = set()
    found: list[importlib.metadata.EntryPoint] = []
    for dist in importlib.metadata.distributions():
        name = getattr(dist, "_normalized_name", None) or dist.name
        if name in seen:
            continue
        seen.add(name)
        text = dist.read_text("entry_points.txt")
        if text and group in text:
            found.extend(dist.entry_points.select(group=group))
    return found


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
