"""Interchangeable strategies that run the processing steps of a pipeline over chunks of documents."""

from pressroom.core.executors.base import ChunkResult, Executor
from pressroom.core.executors.local import LocalExecutor

__all__ = ["ChunkResult", "Executor", "LocalExecutor"]
