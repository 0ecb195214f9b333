"""Runs chunks on a Dask cluster: a running scheduler at ``address``, or a local cluster of worker processes.

Needs the optional extra ``pressroom[dask]``; ``distributed`` is imported only when this executor runs.
"""

from __future__ import annotations

import contextlib
import sys
import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from pressroom.core.document import Document
from pressroom.core.errors import ConfigError
from pressroom.core.executors.base import Executor, PackedChunkResult, pack
from pressroom.core.executors.ordered import in_order
from pressroom.core.lifecycle import Lifecycle
from pressroom.core.preflight import Requirement
from pressroom.core.processing import process_chunk
from pressroom.core.step import Step

# Steps already set up in this worker process, by run token: set up once per worker, not per chunk.
_ready: dict[str, Lifecycle] = {}


def _process(token: str, pickled_steps: bytes, chunk: list[Document]) -> PackedChunkResult:
    if token not in _ready:
        import cloudpickle  # type: ignore[import-untyped]

        lifecycle = Lifecycle(cloudpickle.loads(pickled_steps))
        lifecycle.setup()
        _ready[token] = lifecycle
    return pack(process_chunk(_ready[token].steps, chunk))


def _finish(token: str, complete: bool) -> None:
    """Close this worker's steps after a complete run; abort them when the run stopped early."""
    lifecycle = _ready.pop(token, None)
    if lifecycle is not None and complete:
        lifecycle.close()
    elif lifecycle is not None:
        lifecycle.abort()


def import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        [requirement] = DaskExecutor.requires
        raise ConfigError([f"executor 'dask' needs Dask: {requirement.install}"]) from None
    return distributed


class DaskExecutor(Executor):
    #: Checked by ``validate`` and before a run reads anything (``pressroom.core.preflight``).
    requires = (Requirement("dask", ("dask", "distributed")),)

    def __init__(self, address: str | None, workers: int) -> None:
        self.address = address
        self.workers = workers

    def run(self, steps: Sequence[Step], chunks: Iterable[list[Document]]) -> Iterator[PackedChunkResult]:
        distributed = import_distributed()
        pickled_steps = _pickled(steps)
        cluster = None
        if self.address:
            client = distributed.Client(self.address)
        else:
            cluster = distributed.LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                               dashboard_address=None)
            client = distributed.Client(cluster)
        token = uuid.uuid4().hex
        try:
            [shared_steps] = client.scatter([pickled_steps], broadcast=True)
            in_flight = 2 * max(1, len(client.scheduler_info()["workers"]))
            submit = lambda chunk: client.submit(_process, token, shared_steps, chunk, pure=False)  # noqa: E731
            for packed in in_order(submit, chunks, in_flight):
                yield packed
            client.run(_finish, token, True)
        except BaseException:
            with contextlib.suppress(Exception):  # a lost cluster: the error that stopped the run is the one to show
                client.run(_finish, token, False)
            raise
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _pickled(steps: Sequence[Step]) -> bytes:
    """The steps as cloudpickle bytes. Steps (and writers) from plugin .py files are not importable on workers:
    their code goes along, however deep in a step it is (Dask's own pickling looks at the outer object only)."""
    import cloudpickle

    # A part writer (sharded output) carries its format's writer class, which may come from such a file too.
    classes = [type(step) for step in steps] + [getattr(step, "writer_class") for step in steps
                                                if hasattr(step, "writer_class")]
    for cls in classes:
        module = sys.modules.get(cls.__module__)
        if module is not None and module.__name__.startswith("pressroom_user_plugin_"):
            cloudpickle.register_pickle_by_value(module)
    return cloudpickle.dumps(list(steps))  # type: ignore[no-any-return]
