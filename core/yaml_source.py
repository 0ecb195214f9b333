"""Safe YAML loading that remembers where every key and value stands, and ``${VAR}`` expansion."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from pressroom.core.errors import ConfigError

Path_ = tuple[str | int, ...]
_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


@dataclass
class YamlSource:
    """Parsed YAML data plus the ``line:column`` of each key path, for error messages."""

    name: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: Problems found while loading (unset variables); reported together with validation errors.
    problems: list[str] = field(default_factory=list)

    def where(self, path: Path_) -> str:
        """``name:line:column`` of the deepest known part of ``path``."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                line, column = self.positions[path[:end]]
                return f"{self.name}:{line}:{column}"
        return self.name


def format_path(path: Path_) -> str:
    """``steps[1].with.prefer`` from ``("steps", 1, "with", "prefer")``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out or "(top level)"


def load(text: str, name: str, environ: Mapping[str, str] | None = None) -> YamlSource:
    """Load YAML safely (no tags that build objects), then expand ``${VAR}`` and ``${VAR:-default}``."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        raise ConfigError([f"{where}: not valid YAML: {exc.problem or exc}"]) from None
    except yaml.YAMLError as exc:
        raise ConfigError([f"{name}: not valid YAML: {exc}"]) from None
    finally:
        loader.dispose()
    source = YamlSource(name, data)
    if node is not None:
        _record_positions(node, (), source.positions)
    source.data = _expand(data, (), os.environ if environ is None else environ, source, source.problems)
    return source


def _record_positions(node: yaml.Node, path: Path_, positions: dict[Path_, tuple[int, int]]) -> None:
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*path, str(key.value))
            _record_positions(value, child, positions)
            # Point at the key itself: that is what an "unknown key" error is about.
            positions[child] = (key.start_mark.line + 1, key.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_positions(item, (*path, index), positions)


def _expand(value: Any, path: Path_, environ: Mapping[str, str], source: YamlSource, problems: list[str]) -> Any:
    if isinstance(value, dict):
        return {k: _expand(v, (*path, str(k)), environ, source, problems) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, (*path, i), environ, source, problems) for i, v in enumerate(value)]
    if not isinstance(value, str) or "${" not in value:
        return value

    def substitute(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        # As in the shell, ``:-`` also applies the default when the variable is set but empty.
        if environ.get(name) or (default is None and name in environ):
            return environ[name]
        if default is not None:
            return default
        problems.append(f"{source.where(path)}: {format_path(path)}: environment variable {name} is not set; "
                        f"set it or write ${{{name}:-default}}")
        return match.group(0)

    return _VAR.sub(substitute, value)
