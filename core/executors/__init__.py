"""Interchangeable strategies that run the processing steps of a pipeline over chunks of documents."""

from __future__ import annotations

from pressroom.core.executors.base import ChunkResult, Executor
from pressroom.core.executors.local import LocalExecutor


def make_executor(kind: str, workers: int, address: str | None = None) -> Executor:
    """``local`` runs in this process (one worker) or in worker processes; ``dask`` on a Dask cluster."""
    if kind == "dask":
        from pressroom.core.executors.dask import DaskExecutor

        return DaskExecutor(address, workers)
    if workers == 1:
        return LocalExecutor()
    # Imported here: multiprocessing and its helpers cost a run with one worker a twentieth of its start-up.
    from pressroom.core.executors.processes import ProcessExecutor

    return ProcessExecutor(workers)


__all__ = ["ChunkResult", "Executor", "LocalExecutor", "make_executor"]
