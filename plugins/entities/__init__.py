"""Built-in `entities` step: people, titles, organizations and places as spans with canonical names.

Kept light on purpose: the step module (and its gazetteers, spaCy) loads only when the hook is called.
"""

from __future__ import annotations

from pressroom.core import Step, hookimpl


@hookimpl
def pressroom_steps() -> list[type[Step]]:
    from pressroom.plugins.entities.fingerprint import code_digests

    code_digests()  # before the modules it fingerprints are imported (see fingerprint.py)
    from pressroom.plugins.entities.step import EntitiesStep

    return [EntitiesStep]
