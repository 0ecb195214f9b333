"""Streams documents from the inputs through the pipeline, in constant memory, and accounts for every one."""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from itertools import islice
from typing import Any, TextIO, TypeVar

from pressroom.core.document import Document
from pressroom.core.errors import ConfigError, FailureBudgetExceeded, InputError, StepError, StorageError
from pressroom.core.executors import Executor, make_executor
from pressroom.core.executors.base import PackedChunk, unpacked
from pressroom.core.executors.input_lines import Lines, LinesExecutor, Read, pieces, worker_readable
from pressroom.core.inputs import read_all
from pressroom.core.ledger import Ledger
from pressroom.core.lifecycle import steps_set_up
from pressroom.core.outputs import split_steps
from pressroom.core.locking import OutputsLock
from pressroom.core.pipeline import Pipeline
from pressroom.core.processing import Dropped, Failed, Outcome, new_stats, process_chunk
from pressroom.core.quarantine import Quarantine, duplicate_entry, failure_entry, input_error_entry
from pressroom.core.readers.base import Record
from pressroom.core.shards import sharded_outputs
from pressroom.core.stats import RunStats

ProgressCallback = Callable[[RunStats], None]
D = TypeVar("D", Document, Read)


class Runner:
    """One run of a pipeline over ``inputs`` (paths; default: the pipeline's input) or ready ``records``.

    ``run()`` returns the stats. It raises StepError (``on_error: fail``) or FailureBudgetExceeded after
    discarding partial output, so outputs are only ever replaced by a complete run. A storage failure (StorageError:
    full disk, read-only folder) discards every output and the quarantine too. The outputs, quarantine and ledger
    are locked for the whole run: OutputsLocked when another run holds one (unless ``wait_lock``).
    """

    def __init__(self, pipeline: Pipeline, inputs: Sequence[str] | None = None, *,
                 records: Iterable[Record] | None = None, executor: Executor | None = None,
                 force: bool = False, log: TextIO = sys.stderr, progress: ProgressCallback | None = None,
                 wait_lock: bool = False, quarantine: Quarantine | None = None,
                 earlier: Mapping[str, str] | None = None) -> None:
        self.pipeline = pipeline
        self.config = config = pipeline.config
        self.inputs = list(inputs) if inputs else config.input.path
        if records is None and not self.inputs:
            raise ConfigError(["no input: set input.path in the pipeline or pass --input PATH"], pipeline.source)
        self.records = records
        self.executor = executor or make_executor(config.executor, config.workers, config.address)
        self.force = force
        self.wait_lock = wait_lock
        self.log = log
        self.progress = progress
        self.stats = RunStats(steps=new_stats(pipeline.steps))
        self.quarantine = quarantine or Quarantine(config.quarantine)
        split = split_steps(pipeline.steps)
        # Processing steps run in the executor; output steps (and any after them) here, in input order.
        self.remote, self.local = split.parallel, split.in_order
        # Sharded outputs are written by the executor's workers, as part files; here only their order is kept.
        self.shards = sharded_outputs(split.in_order)
        self.local = [step for step in self.local if step not in self.shards]
        for step, declared in zip(pipeline.steps, config.steps):
            step.timeout = declared.timeout
        # When every step run here is an output step that writes a document from its JSON (and what the workers
        # prepared of it), the documents the workers send are never rebuilt here.
        self.packed = bool(self.local) and all(callable(getattr(step, "write_packed", None)) and step.timeout is None
                                               for step in self.local)
        # What the workers prepare of each document for each of those steps (None: a step that prepares nothing).
        preparers = [step.preparer() for step in self.local] if self.packed else []  # type: ignore[attr-defined]
        self.prepare = preparers if any(preparers) else []
        self.ledger: Ledger | None = None
        self.first_failure = ""
        # id -> where it was first read, for the duplicates policy; ``earlier``: ids kept before this run (replay)
        self.first_source: dict[str, str] = dict(earlier or {})
        # each chunk sent, with the remembered outcomes of its documents; a piece of a file its worker reads
        self._in_flight: deque[tuple[list[Document], list[Outcome | None]] | Lines] = deque()
        # Set once Ctrl-C no longer stops the run: its outputs are being published (a storage failure still raises).
        self.committed = False

    def run(self) -> RunStats:
        started = time.perf_counter()
        previous_handler = signal.getsignal(signal.SIGINT)
        try:
            with OutputsLock(self._written_paths(), wait=self.wait_lock, log=self.log):
                if self.config.ledger and self.remote:
                    self.ledger = Ledger(self.config.ledger, self.remote, self.log)
                try:
                    self._run(started)
                finally:
                    try:
                        if self.ledger:
                            self.ledger.close()
                    finally:
                        # Workers with no result left to give end while the outputs are published: waited for last.
                        self.executor.wait()
        finally:
            if _in_main_thread():
                signal.signal(signal.SIGINT, previous_handler)
        self.stats.seconds = time.perf_counter() - started
        return self.stats

    def _run(self, started: float) -> None:
        records = self.records if self.records is not None else read_all(
            self.inputs, self.pipeline.readers, self.config.input.format)
        try:
            with steps_set_up([*self.shards.values(), *self.local]):
                steps = [*self.remote, *(output.part_writer() for output in self.shards.values())]
                executor, files = self.executor, self._files_for_workers()
                if files and isinstance(executor, LinesExecutor):
                    running = executor.run(steps, self._line_chunks(files), bool(self.ledger), self.prepare)
                else:
                    running = executor.run(steps, self._chunks(records), bool(self.ledger), self.prepare)
                # Closed at once when this process stops the run (a failure, the budget, Ctrl-C): the workers stop
                # before the outputs are aborted, else they would write parts into a staging folder removed already.
                with closing(running) as results:
                    for sent in results:
                        result, outcomes, prepared = self._merge_known(sent)
                        self.stats.merge_steps(result.stats)
                        self._finish(outcomes, prepared)
                        self.stats.seconds = time.perf_counter() - started
                        if self.progress:
                            self.progress(self.stats)
                self._check_budget(final=True)
                self.quarantine.prepare()  # before the outputs are published: after them, only renames are left
                if _in_main_thread():
                    # From here the outputs are published and the run only finishes its bookkeeping: a Ctrl-C now
                    # would be reported as a run that replaced nothing, so it is ignored until the run returns.
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                self.committed = True  # only now: a Ctrl-C just before the line above still stops the run
        except StorageError as exc:
            self.quarantine.discard()
            remembered = "; documents finished so far are remembered in the ledger" if self.ledger else ""
            raise StorageError(f"{exc}. The run stopped: no output was replaced and nothing was "
                               f"quarantined{remembered}") from None
        except BaseException:
            self.quarantine.commit()  # kept when the run stops early for its documents: it says why
            raise
        self.quarantine.commit()

    def _written_paths(self) -> list[str]:
        paths = [path for step in self.pipeline.steps for path in step.outputs()]
        paths.append(str(self.quarantine.path))
        if self.config.ledger and self.remote:
            paths.append(self.config.ledger)
        return paths

    def _chunks(self, records: Iterable[Record]) -> Iterator[list[Document]]:
        """The documents each chunk must process; bad records and remembered results are set aside here."""
        it = iter(records)
        while batch := list(islice(it, self.config.batch_size)):
            docs = self._take(batch)
            known: list[Outcome | None] = self.ledger.lookup(docs, self.force) if self.ledger else [None] * len(docs)
            self._in_flight.append((docs, known))
            yield [doc for doc, outcome in zip(docs, known) if outcome is None]

    def _take(self, records: Iterable[D | InputError]) -> list[D]:
        """Count each record read, set bad records and repeated ids aside; the documents (or ids) kept."""
        kept = []
        for record in records:
            self.stats.read += 1
            if isinstance(record, InputError):
                self._fail(input_error_entry(record), f"unreadable record: {record}")
            elif self._first_of_its_id(record):
                kept.append(record)
        return kept

    def _files_for_workers(self) -> list[str] | None:
        """The input files, when the executor's workers may read them themselves (``input_lines``: plain JSONL
        files) and the ledger has nothing to look up: a look-up needs every id before its chunk is sent."""
        if self.records is not None or not (isinstance(self.executor, LinesExecutor) and self.executor.reads_lines):
            return None
        if self.ledger and not self.force and not self.ledger.empty():
            return None
        return worker_readable(self.inputs, self.pipeline.readers, self.config.input.format)

    def _line_chunks(self, files: list[str]) -> Iterator[Lines]:
        for piece in pieces(files, self.config.batch_size):
            self._in_flight.append(piece)
            yield piece

    def _read_elsewhere(self, piece: Lines, result: PackedChunk) -> tuple[PackedChunk, Sequence[Document | Read]]:
        """What ``_chunks`` does as it reads, for a chunk a worker read: the chunk's results and the documents
        kept. A chunk holding an id seen before (in it or earlier) is read again here, for the whole documents the
        ``duplicates`` policy needs, and processed again without the repeated ones (``LinesExecutor.again``): its
        first results, parts included, are dropped."""
        assert result.read is not None and isinstance(self.executor, LinesExecutor)
        ids = [record.id for record in result.read if isinstance(record, Read)]
        if len(set(ids)) == len(ids) and not any(doc_id in self.first_source for doc_id in ids):
            return result, self._take(result.read)
        docs = self._take(piece.records())
        for output in self.shards.values():
            output.drop(result.stats)
        return self.executor.again(docs), docs

    def _first_of_its_id(self, doc: Document | Read) -> bool:
        """Whether the document is the first with its id; a later one is handled by the ``duplicates`` policy."""
        first = self.first_source.get(doc.id)
        if first is None:
            self.first_source[doc.id] = doc.source or "an earlier document"
            return True
        if self.config.duplicates == "keep-first":
            self.stats.dropped += 1
            self.stats.dropped_on_input["duplicate id, an earlier document kept (duplicates: keep-first)"] += 1
        else:
            error = (f"duplicate id {doc.id!r}: {first} has it too (duplicates: error); to keep this one as well, "
                     "give it another id (in the quarantine file, then `pressroom replay` it)")
            assert isinstance(doc, Document)  # read again in this process (``_read_elsewhere``)
            self._fail(duplicate_entry(doc, first, error), f"document {doc.id!r} ({doc.source}): {error}")
        return False

    def _merge_known(self, sent: PackedChunk) -> tuple[PackedChunk, list[Outcome | bytes],
                                                       list[tuple[Any, ...] | None]]:
        """Put the remembered outcomes back between the new ones, remember the new ones, and keep the order of the
        parts the chunk's workers wrote (when the ledger remembered some of its documents, which no worker saw,
        the chunk's part is written here). With them, what the workers prepared of each document (None for the
        others), after the chunk's results (those of ``sent``, or of the chunk processed again)."""
        chunk = self._in_flight.popleft()
        result = sent
        docs: Sequence[Document | Read]
        if isinstance(chunk, Lines):
            result, docs = self._read_elsewhere(chunk, sent)
            known: list[Outcome | None] = [None] * len(docs)
        else:
            docs, known = chunk
        outcomes = result.outcomes
        reused = len(known) - len(outcomes)
        if self.ledger:
            todo = [doc for doc, outcome in zip(docs, known) if outcome is None]
            self.ledger.record(todo, outcomes, result.digests)
        self.stats.reused += reused
        fresh = iter(outcomes)
        merged: list[Outcome | bytes] = [outcome if outcome is not None else next(fresh) for outcome in known]
        fresh_prepared = iter(result.prepared or [None] * len(outcomes))
        prepared = [None if outcome is not None else next(fresh_prepared) for outcome in known]
        written_here = None
        if reused:
            written_here = [o for o in unpacked(merged) if isinstance(o, Document)]
        for output in self.shards.values():
            output.take(result.stats, written_here)
        return result, merged, prepared

    def _finish(self, packed: list[Outcome | bytes], prepared: list[tuple[Any, ...] | None]) -> None:
        outcomes: list[Outcome | bytes] = packed
        if self.local:
            # Documents that came back as JSON are rebuilt only for output steps that cannot write them from it
            # (or when the executor prepared nothing of them for steps that need it).
            if not self.packed or (self.prepare and not any(prepared)):
                outcomes, prepared = [*unpacked(packed)], []
            else:
                outcomes = list(packed)  # written outcomes replace entries: not in the caller's list
            live = [(index, o) for index, o in enumerate(outcomes) if isinstance(o, (Document, bytes))]
            if live:
                written, stats = process_chunk(self.local, [o for _, o in live],
                                               [prepared[index] for index, _ in live] if prepared else None)
                self.stats.merge_steps(stats)
                for (index, _), outcome in zip(live, written):
                    outcomes[index] = outcome
        for outcome in outcomes:
            if isinstance(outcome, (Document, bytes)):
                self.stats.written += 1
            elif isinstance(outcome, Dropped):
                self.stats.dropped += 1
            elif isinstance(outcome, Failed):
                self._fail(failure_entry(outcome), f"document {outcome.original.id!r} ({outcome.original.source}) "
                                                   f"failed in step {outcome.step!r}: {outcome.error}")
        self._check_budget()

    def _fail(self, entry: dict[str, object], message: str) -> None:
        policy = self.config.on_error
        if policy == "fail":
            raise StepError(f"{message}\n{entry.get('traceback') or ''}".rstrip())
        self.first_failure = self.first_failure or message
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
                f"({self.config.max_failures}); stopping. The first: {self.first_failure}")


def _in_main_thread() -> bool:
    """Signal handlers can be set from the main thread only (a host may run pipelines in others)."""
    return threading.current_thread() is threading.main_thread()
