"""The step's packaged data files (data/): read as text, YAML or word lists, and what is built from them.

The files stay the source of truth; what is parsed from them is kept in Pressroom's set-up cache (``pressroom.core.cached``),
keyed by the bytes of the file and of this module, so a run after the first reads it in one go and an edited file is
parsed again. ``prebuilt`` does the same for a whole structure built from the package (a gazetteer, a tagger).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import resources
from itertools import filterfalse
from operator import methodcaller
from pathlib import Path
from typing import Any, TypeVar

from pressroom.core import cached
from pressroom.plugins.entities.fingerprint import code_digests, digest
from pressroom.plugins.entities.gazetteer import load_yaml

T = TypeVar("T")
_PACKAGE = "pressroom.plugins.entities"


def read_text(name: str) -> str:
    return _data(name).read_text("utf-8")


def read_yaml(name: str) -> Any:
    return cached(f"entities-yaml-{name}", _key(name), lambda: load_yaml(read_text(name)))


def read_lines(name: str) -> list[str]:
    """The lines of a generated list, without blank lines and `#` comments."""
    return cached(f"entities-lines-{name}", _key(name), lambda: _lines(read_text(name)))


def prebuilt(name: str, build: Callable[[], T], *, files: Iterable[str | Path] = (), versions: Iterable[str] = ()) -> T:
    """``build()``'s value, kept in the cache until the package changes (any of its modules or data files), any of
    ``files`` (the user's own data the value is built from) changes, or ``versions`` (of other packages it reads,
    of options it depends on) differ. ``build`` must return what pickles (dataclasses, sets, dicts; no lambdas).
    One file is kept per ``name``: a value built with other inputs replaces it."""
    key = [name.encode(), *(str(v).encode() for v in versions)]
    key += [digest(Path(path)) for path in files]
    # Reading it back creates some 80,000 objects, none of them garbage: the step's set-up runs with the cyclic
    # collector paused (``Lifecycle.setup``), whose passes over them were a third of the load.
    return cached(f"entities-built-{name}", b"\0".join(key + _package_digests()), build)


def _data(name: str) -> Any:
    return resources.files(_PACKAGE).joinpath("data", name)


def _lines(text: str) -> list[str]:
    # filter in C: the name lists have 160,000 lines, and a Python loop over them was a tenth of the set-up
    return list(filterfalse(methodcaller("startswith", "#"), filter(None, text.splitlines())))


def _key(name: str) -> bytes:
    """What a value parsed from data file ``name`` depends on: its bytes and the package's code that parses them."""
    return b"\0".join([_data(name).read_bytes(), *code_digests()])


def _package_digests() -> list[bytes]:
    """A digest of every module of the package as this process imported it, and of every data file as it is now."""
    data = sorted(path for path in (Path(__file__).parent / "data").iterdir() if path.is_file())
    return [*code_digests(), *(f"data/{path.name}".encode() + digest(path) for path in data)]
