"""Interchangeable strategies that run the processing steps of a pipeline over chunks of documents."""

from __future__ import annotations

from pressroom.core.executors.base import ChunkResult, Executor
from pressroom.core.executors.local import LocalExecutor
from pressroom.core.executors.processes import ProcessExecutor


def make_executor(kind: str, workers: int, address: str | None = None) -> Executor:
    """``local`` runs in this process (one worker) or in worker processes; ``dask`` on a Dask cluster."""
    if kind == "dask":
        from pressroom.core.executors.dask import DaskExecutor

        return DaskExecutor(address, workers)
    return LocalExecutor() if workers == 1 else ProcessExecutor(workers)


__all__ = ["ChunkResult", "Executor", "LocalExecutor", "ProcessExecutor", "make_executor"]
