"""``pressroom plugins --doctor``: each plugin's distribution, hooks, steps and load errors, with hints."""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Iterator

from pressroom.core import hookspecs
from pressroom.core.registry import Registry

HOOK_NAMES = sorted(name for name in dir(hookspecs) if name.startswith("pressroom_"))


def diagnose(registry: Registry) -> Iterator[str]:
    for name, plugin in sorted(registry.manager.list_name_plugin(), key=lambda item: str(item[0])):
        if plugin is None:
            continue
        yield f"{name}  [{registry.origins.get(name, 'unknown origin')}]"
        hooks = [impl.name for impl in registry.manager.get_hookcallers(plugin) or []]
        yield f"  hooks: {', '.join(sorted(hooks)) or '(none)'}"
        for step_name, provided in sorted(registry.steps.items()):
            if provided.plugin == name:
                options = ", ".join(provided.cls.Options.model_fields) or "no options"
                yield f"  step {step_name} {provided.cls.version}: {options}"
        for reader_name, provided in sorted(registry.readers.items()):
            if provided.plugin == name:
                yield f"  reader {reader_name}"
        for writer_name, provided in sorted(registry.writers.items()):
            if provided.plugin == name:
                yield f"  writer {writer_name}: {', '.join(provided.cls.Options.model_fields) or 'no options'}"
        yield from (f"  problem: {hint}" for hint in unknown_hooks(plugin))
    for problem in registry.problems:
        yield f"{problem.plugin}  [{problem.origin}]"
        yield f"  FAILED: {problem.error}"
        if problem.traceback:
            yield from ("    " + line for line in problem.traceback.rstrip().splitlines()[-3:])


def unknown_hooks(plugin: object) -> Iterator[str]:
    """Functions that look like hook implementations but match no hook: a typo, or a missing @hookimpl."""
    for attr, value in inspect.getmembers(plugin, callable):
        marked = hasattr(value, f"{hookspecs.PROJECT}_impl")
        if not (marked or attr.startswith("pressroom_")) or attr in HOOK_NAMES:
            if attr in HOOK_NAMES and not marked:
                yield f"{attr} is not decorated with @hookimpl, so Pressroom does not call it"
            continue
        close = difflib.get_close_matches(attr, HOOK_NAMES, n=1, cutoff=0.6)
        suggestion = f"; did you mean {close[0]!r}?" if close else f"; hooks are: {', '.join(HOOK_NAMES)}"
        yield f"{attr} is not a Pressroom hook{suggestion}"
