"""Safe YAML loading that remembers where every key and value stands, and ``${VAR}`` expansion.

Hostile files end in a located problem, fast: duplicate keys, recursive aliases, aliases that expand past
``MAX_NODES`` values (a "billion laughs" bomb), nesting deeper than ``MAX_DEPTH`` and characters YAML forbids
(NUL) are refused while scanning and composing, before any Python object is built.

What a file parses to is kept in the set-up cache (``pressroom.core.cache``), keyed by its text: PyYAML's import
alone compiles regular expressions for a tenth of a short run's start-up, and a pipeline file rarely changes between
runs. ``${VAR}`` is expanded after the cache, from the environment of each run."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from pressroom.core.cache import cached
from pressroom.core.errors import ConfigError, Problem, format_path

if TYPE_CHECKING:
    import yaml

__all__ = ["MAX_DEPTH", "MAX_NODES", "YamlSource", "format_path", "load"]

Path_ = tuple[str | int, ...]
_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
#: Nesting a pipeline or job file never needs; deeper would exhaust Python's stack.
MAX_DEPTH = 64
#: Values a document may hold once its aliases are expanded; real pipelines hold a few hundred.
MAX_NODES = 100_000
_MERGE = "tag:yaml.org,2002:merge"


@dataclass
class YamlSource:
    """Parsed YAML data plus the ``line:column`` of each key path, for error messages."""

    name: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: Problems found while loading (duplicate keys, unset variables); reported with validation errors.
    problems: list[Problem] = field(default_factory=list)

    def problem(self, path: Path_, message: str, hint: str = "") -> Problem:
        """A problem about ``path``, placed at the deepest known part of it."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                line, column = self.positions[path[:end]]
                return Problem(message, self.name, line, column, path, hint)
        return Problem(message, self.name, path=path, hint=hint)


@cache
def _loader_class() -> type[Any]:
    """The loader class, defined when a file is first parsed rather than read from the cache."""
    import yaml

    class _Loader(yaml.SafeLoader):
        """SafeLoader that refuses recursive aliases, alias bombs and deep nesting while composing the node graph."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self._depth = 0
            self._values = 0  # values composed so far, each alias counting the expanded size of its target
            self._sizes: dict[int, int] = {}  # id(node) -> expanded size, for aliases to it
            self._open_anchors: set[str] = set()

        def fetch_flow_collection_start(self, TokenClass: Any) -> None:  # noqa: N803 (PyYAML's name)
            # Refused while scanning: the scanner reads a run of `[` ahead of the composer, checking every open one
            # again per token (quadratic: 10,000 took 0.6 s before this check).
            if self.flow_level >= MAX_DEPTH:
                raise yaml.scanner.ScannerError(None, None, f"nested deeper than {MAX_DEPTH} levels",
                                                self.get_mark())
            super().fetch_flow_collection_start(TokenClass)

        def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
            event: Any = self.peek_event()  # type: ignore[no-untyped-call]
            mark: Any = event.start_mark
            if isinstance(event, yaml.AliasEvent):
                if event.anchor in self._open_anchors:
                    raise yaml.composer.ComposerError(None, None, f"alias *{event.anchor} refers to the value that "
                                                      "contains it (a recursive alias)", mark)
                node = super().compose_node(parent, index)
                self._count(self._sizes.get(id(node), 1), mark)
                return node
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels",
                                                  event.start_mark)
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                self._open_anchors.add(anchor)
            before = self._values
            self._count(1, event.start_mark)
            try:
                node = super().compose_node(parent, index)
            finally:
                self._depth -= 1
                self._open_anchors.discard(anchor)
            if anchor is not None:
                self._sizes[id(node)] = self._values - before
            return node

        def _count(self, values: int, mark: Any) -> None:
            self._values += values
            if self._values > MAX_NODES:
                raise yaml.composer.ComposerError(None, None, f"the document expands past {MAX_NODES:,} values "
                                                  "(aliases repeating aliases?)", mark)

    return _Loader


def load(text: str, name: str, environ: Mapping[str, str] | None = None) -> YamlSource:
    """Load YAML safely (no tags that build objects), then expand ``${VAR}`` and ``${VAR:-default}``."""
    data, positions, problems = cached(_cache_name(name), _cache_key(text, name), lambda: _parse(text, name))
    source = YamlSource(name, None, positions, problems)
    source.data = _expand(data, (), os.environ if environ is None else environ, source)
    return source


def _cache_name(name: str) -> str:
    """One cache file per file name: a new version of the file replaces the old one's."""
    return f"yaml-{hashlib.sha256(name.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"


def _cache_key(text: str, name: str) -> bytes:
    """What the parse depends on: the text, the name its problems carry, this module's code and PyYAML's."""
    return b"\0".join([text.encode("utf-8", "surrogatepass"), name.encode("utf-8", "surrogatepass"),
                       _code_version()])


@cache
def _code_version() -> bytes:
    yaml_spec = importlib.util.find_spec("yaml")
    yaml_file = yaml_spec.origin if yaml_spec and yaml_spec.origin else ""
    versions = [f"{stat.st_mtime_ns} {stat.st_size}" for stat in map(os.stat, filter(None, (__file__, yaml_file)))]
    return " ".join(versions).encode()


def _parse(text: str, name: str) -> tuple[Any, dict[Path_, tuple[int, int]], list[Problem]]:
    """The data before ``${VAR}`` expansion, the position of each key path and the duplicate keys."""
    import yaml

    try:
        loader = _loader_class()(text)
    except yaml.reader.ReaderError as exc:  # a character YAML forbids, such as NUL
        raise ConfigError([_reader_problem(exc, text, name)]) from None
    source = YamlSource(name, None)
    try:
        node = loader.get_single_node()
        if node is not None:
            _walk(node, (), source, set())  # before construction, which merges `<<` keys into the mappings
        data = loader.construct_document(node) if node is not None else {}
    except yaml.reader.ReaderError as exc:
        raise ConfigError([_reader_problem(exc, text, name)]) from None
    except yaml.MarkedYAMLError as exc:
        raise ConfigError([_syntax_problem(exc, name)]) from None
    except yaml.YAMLError as exc:
        raise ConfigError([Problem(f"not valid YAML: {exc}", name)]) from None
    finally:
        loader.dispose()
    return data, source.positions, source.problems


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = f"not valid YAML: {exc.problem or exc}"
    if exc.context_mark is not None and "quoted scalar" in (exc.context or ""):
        # An unclosed quote is found only at the end of the file; where it opens is what needs fixing.
        mark = exc.context_mark
        message = "not valid YAML: this quote is never closed"
    return Problem(message, name, mark.line + 1, mark.column + 1) if mark else Problem(message, name)


def _reader_problem(exc: yaml.reader.ReaderError, text: str, name: str) -> Problem:
    before = text[: exc.position]
    line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
    return Problem(f"not valid YAML: character {ord(exc.character) if isinstance(exc.character, str) else exc.character:#06x} "
                   "is not allowed in YAML", name, line, column, hint="remove it")


def _walk(node: yaml.Node, path: Path_, source: YamlSource, reported: set[tuple[int, int]]) -> None:
    """Record the position of every key path, and report keys given twice in one mapping."""
    import yaml

    source.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        first: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if key.tag == _MERGE:
                continue
            name = str(key.value)
            child = (*path, name)
            if name in first and (key.start_mark.line, key.start_mark.column) not in reported:
                # Reported once even when aliases reach this mapping by several paths.
                reported.add((key.start_mark.line, key.start_mark.column))
                source.problems.append(Problem(
                    f"duplicate key {name!r}: also given at line {first[name].start_mark.line + 1}; the second "
                    "would silently replace the first", source.name, key.start_mark.line + 1,
                    key.start_mark.column + 1, child, "keep one (merge their contents)"))
            first.setdefault(name, key)
            _walk(value, child, source, reported)
            # Point at the key itself: that is what an "unknown key" error is about.
            source.positions[child] = (key.start_mark.line + 1, key.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), source, reported)


def _expand(value: Any, path: Path_, environ: Mapping[str, str], source: YamlSource) -> Any:
    if isinstance(value, dict):
        return {k: _expand(v, (*path, str(k)), environ, source) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, (*path, i), environ, source) for i, v in enumerate(value)]
    if not isinstance(value, str) or "${" not in value:
        return value

    def substitute(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        # As in the shell, ``:-`` also applies the default when the variable is set but empty.
        if environ.get(name) or (default is None and name in environ):
            return environ[name]
        if default is not None:
            return default
        source.problems.append(source.problem(path, f"environment variable {name} is not set",
                                              f"set it or write ${{{name}:-default}}"))
        return match.group(0)

    return _VAR.sub(substitute, value)
