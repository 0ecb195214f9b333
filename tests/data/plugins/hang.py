"""A test plugin: hangs on documents whose text contains 'HANGME' (as a step stuck on one input does).

``hang`` processes one document at a time; ``hangbatch`` has a batch method of its own, as model steps do.
"""

import time

from pressroom.core import Document, Step, hookimpl

FOREVER = 3600.0


def _stall(doc: Document) -> None:
    if "HANGME" in doc.text:
        deadline = time.monotonic() + FOREVER
        while time.monotonic() < deadline:  # short sleeps: a Dask worker thread can be interrupted between them
            time.sleep(0.05)


class Hang(Step):
    name = "hang"
    version = "1.0.0"
    changes = frozenset({"metadata"})

    def process(self, doc: Document) -> Document:
        _stall(doc)
        return doc.model_copy(update={"metadata": {**doc.metadata, "passed": self.name}})


class HangBatch(Hang):
    name = "hangbatch"

    def process_batch(self, docs):
        for doc in docs:
            _stall(doc)
        return [doc.model_copy(update={"metadata": {**doc.metadata, "passed": self.name}}) for doc in docs]


@hookimpl
def pressroom_steps():
    return [Hang, HangBatch]
