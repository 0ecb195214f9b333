"""Built-in `entities` step: people, titles, organizations and places as spans with canonical names.

Kept light on purpose: the step module (and its gazetteers, spaCy) loads only when the hook is called.
"""

from __future__ import annotations

from pressroom.core import Step, hookimpl
from pressroom.plugins.entities.fingerprint import code_digests

# Taken here, before any other module of the package is imported, whichever way it is reached (the hook, a test,
# `python -m pressroom.plugins.entities.explain`): see fingerprint.py.
code_digests()


@hookimpl
def pressroom_steps() -> list[type[Step]]:
    from pressroom.plugins.entities.step import EntitiesStep

    return [EntitiesStep]
