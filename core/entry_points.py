"""The entry points installed distributions declare, found for several groups in one pass over them.

``importlib.metadata.entry_points(group=...)`` parses every installed distribution's entry point file to find one
group. Here only the files that mention a group asked for are parsed, and one pass serves every group: the
``pressroom`` command reads them once for its plugins and for pydantic's (``installed_plugins``), which
pydantic would otherwise look for with a pass of its own, parsing them all, when it builds the first model.
"""

from __future__ import annotations

import importlib
import importlib.metadata

from pressroom.core.lifecycle import building_long_lived

#: The group Pressroom's plugins are installed under.
ENTRY_POINT_GROUP = "pressroom"
#: The group pydantic finds its plugins in (``pydantic.plugin._loader``).
PYDANTIC_GROUP = "pydantic"


def entry_points(*groups: str) -> dict[str, list[importlib.metadata.EntryPoint]]:
    """``importlib.metadata.entry_points(group=group)`` for each of ``groups``. Distributions are taken once per
    name, the first on the path, as ``entry_points`` takes them."""
    seen: set[str] = set()
    found: dict[str, list[importlib.metadata.EntryPoint]] = {group: [] for group in groups}
    for dist in importlib.metadata.distributions():
        name = getattr(dist, "_normalized_name", None) or dist.name
        if name in seen:
            continue
        seen.add(name)
        text = dist.read_text("entry_points.txt")
        if not text:
            continue
        declared = None
        for group in groups:
            if group in text:  # a cheap test first: most files name none of the groups
                declared = declared or dist.entry_points
                found[group].extend(declared.select(group=group))
    return found


def installed_plugins() -> list[importlib.metadata.EntryPoint]:
    """The entry points of Pressroom's installed plugins; from the same pass, pydantic is told that it has no
    plugins when no distribution declares one, so that building the first model does not parse every
    distribution's entry points again to find that out (about 1% of the ``pressroom`` command's start-up).
    Called before any model is built; pydantic then finds no plugin, as its own look-up would have."""
    found = entry_points(ENTRY_POINT_GROUP, PYDANTIC_GROUP)
    if not found[PYDANTIC_GROUP]:
        with building_long_lived():  # imports pydantic, as building the first model would
            loader = importlib.import_module("pydantic.plugin._loader")
        # pydantic's cache of the plugins it found (None: not looked for yet); left alone if a version lacks it
        if getattr(loader, "_plugins", {}) is None:
            setattr(loader, "_plugins", {})  # not in its stubs
    return found[ENTRY_POINT_GROUP]
