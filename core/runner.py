"""Streams documents from the inputs through the pipeline, in constant memory, and accounts for every one."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import TextIO

from pressroom.core.document import Document
from pressroom.core.errors import ConfigError, FailureBudgetExceeded, InputError, StepError
from pressroom.core.executors import Executor, LocalExecutor
from pressroom.core.inputs import read_all
from pressroom.core.lifecycle import steps_set_up
from pressroom.core.pipeline import Pipeline
from pressroom.core.processing import Dropped, Failed, Outcome, new_stats, process_chunk
from pressroom.core.quarantine import Quarantine, failure_entry, input_error_entry
from pressroom.core.readers.base import Record
from pressroom.core.stats import RunStats
from pressroom.core.step import Step

ProgressCallback = Callable[[RunStats], None]


class Runner:
    """One run of a pipeline. ``run()`` returns the stats; it raises StepError (``on_error: fail``) or
    FailureBudgetExceeded, after discarding partial output, when the run cannot complete."""

    def __init__(self, pipeline: Pipeline, inputs: Sequence[str] | None = None, executor: Executor | None = None,
                 log: TextIO = sys.stderr, progress: ProgressCallback | None = None) -> None:
        self.pipeline = pipeline
        self.config = pipeline.config
        self.inputs = list(inputs) if inputs else self.config.input.path
        if not self.inputs:
            raise ConfigError(["no input: set input.path in the pipeline or pass --input PATH"], pipeline.source)
        self.executor = executor or LocalExecutor()
        self.log = log
        self.progress = progress
        self.stats = RunStats(steps=new_stats(pipeline.steps))
        self.quarantine = Quarantine(self.config.quarantine)

    def run(self) -> RunStats:
        steps = self.pipeline.steps
        split = next((i for i, step in enumerate(steps) if step.writes_output), len(steps))
        remote, local = steps[:split], steps[split:]
        started = time.perf_counter()
        records = read_all(self.inputs, self.pipeline.readers, self.config.input.format)
        try:
            with steps_set_up(local):
                for outcomes, chunk_stats in self.executor.run(remote, self._chunks(records)):
                    self.stats.merge_steps(chunk_stats)
                    self._finish(outcomes, local)
                    self.stats.seconds = time.perf_counter() - started
                    if self.progress:
                        self.progress(self.stats)
                self._check_budget(final=True)
        except BaseException:
            self.quarantine.discard()
            raise
        self.quarantine.commit()
        self.stats.seconds = time.perf_counter() - started
        return self.stats

    def _chunks(self, records: Iterable[Record]) -> Iterator[list[Document]]:
        """Chunks of documents; bad records are accounted for here, as they are read."""
        it = iter(records)
        while batch := list(islice(it, self.config.batch_size)):
            docs = []
            for record in batch:
                self.stats.read += 1
                if isinstance(record, InputError):
                    self._fail(input_error_entry(record), str(record), f"unreadable record: {record}")
                else:
                    docs.append(record)
            if docs:
                yield docs

    def _finish(self, outcomes: list[Outcome], local: Sequence[Step]) -> None:
        passed = [o for o in outcomes if isinstance(o, Document)]
        if local and passed:
            local_outcomes, local_stats = process_chunk(local, passed)
            self.stats.merge_steps(local_stats)
            merged = iter(local_outcomes)
            outcomes = [next(merged) if isinstance(o, Document) else o for o in outcomes]
        for outcome in outcomes:
            if isinstance(outcome, Document):
                self.stats.written += 1
            elif isinstance(outcome, Dropped):
                self.stats.dropped += 1
            elif isinstance(outcome, Failed):
                self._fail(failure_entry(outcome), outcome.error,
                           f"document {outcome.original.id!r} ({outcome.original.source}) failed in step "
                           f"{outcome.step!r}: {outcome.error}")
        self._check_budget()

    def _fail(self, entry: dict[str, object], error: str, message: str) -> None:
        policy = self.config.on_error
        if policy == "fail":
            raise StepError(f"{message}\n{entry.get('traceback') or ''}".rstrip())
        if policy == "skip":
            self.stats.skipped += 1
            self.stats.dropped += 1
            print(f"pressroom: skipped {message}", file=self.log)
        else:
            self.quarantine.add(entry)
            self.stats.quarantined += 1

    def _check_budget(self, final: bool = False) -> None:
        limit = self.config.failure_limit(self.stats.read, final)
        if self.stats.failed > limit:
            raise FailureBudgetExceeded(
                f"{self.stats.failed} of {self.stats.read} documents failed, more than max_failures "
                f"({self.config.max_failures}); stopping. See the quarantine or the messages above.")
