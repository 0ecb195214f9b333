"""Runs a chunk of documents through a list of steps. A pure function of its inputs, so any executor can run it."""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

from pressroom.core.document import SPAN_TYPES, Document, HistoryEntry, misbuilt_spans, revised
from pressroom.core.errors import StorageError
from pressroom.core.packed import document_from_json
from pressroom.core.step import Drop, Step
from pressroom.core.stats import StepStats
from pressroom.core.timeouts import StepTimedOut, time_limit


@dataclass(frozen=True)
class Dropped:
    step: str
    reason: str


@dataclass(frozen=True)
class Failed:
    step: str
    error: str
    traceback: str
    original: Document


Outcome = Document | Dropped | Failed


def new_stats(steps: Sequence[Step]) -> dict[str, StepStats]:
    return {step.step_id: StepStats(step.name, step.version) for step in steps}


@overload
def process_chunk(steps: Sequence[Step], docs: Sequence[Document]) -> tuple[list[Outcome], dict[str, StepStats]]: ...


@overload
def process_chunk(steps: Sequence[Step], docs: Sequence[Document | bytes],
                  prepared: Sequence[tuple[Any, ...] | None] | None = None) -> tuple[list[Outcome | bytes],
                                                                                  dict[str, StepStats]]: ...


def process_chunk(steps: Sequence[Step], docs: Sequence[Document | bytes],
                  prepared: Sequence[tuple[Any, ...] | None] | None = None) -> tuple[list[Any], dict[str, StepStats]]:
    """The outcome of each document, in input order, and the per-step counts of this chunk.

    A document may come as its JSON (UTF-8 bytes, as a worker sent it) to output steps that write a document from
    its JSON (``write_packed``), which write it one by one; ``prepared`` then has, for each document, what the
    workers made of it for each step (``Writer.prepare``; None for a step that prepares nothing), or None. Such a
    document's outcome is its JSON again."""
    stats = new_stats(steps)
    outcomes: list[Outcome | bytes | None] = [None] * len(docs)
    live = list(enumerate(docs))
    for position, step in enumerate(steps):
        if not live:
            break
        step_stats = stats[step.step_id]
        step_stats.docs_in += len(live)
        entry = HistoryEntry(step=step.step_id, plugin=step.name, version=step.version)
        started = time.perf_counter()
        results: Sequence[Document | bytes | Drop | tuple[str, str]]
        if any(isinstance(doc, bytes) for _, doc in live):
            results = [_written(step, doc, prepared[index] if prepared else None, position) for index, doc in live]
        else:
            results = _apply(step, [doc for _, doc in live])  # type: ignore[misc]
        step_stats.seconds += time.perf_counter() - started
        survivors = []
        # declared by the step's own class: a third-party subclass of a built-in step adds spans of its own
        trusted = type(step).__dict__.get("trusted_spans", False)
        for (index, doc), result in zip(live, results):
            if isinstance(result, Document) and not step.writes_output:
                problem = None if trusted else _misbuilt(result)
                if problem is not None:
                    result = f"ValueError: step {step.step_id!r} returned {problem}", ""
            if isinstance(result, (Document, bytes)):
                # Output steps only read the document, so they are not part of its history.
                if not step.writes_output and isinstance(result, Document):
                    # A new list: the step's copy may share its history list with the input document.
                    history = [*result.history, entry]
                    if result is doc:  # passed on unchanged: record the history on a copy, not on the input
                        result = revised(result, {"history": history})
                    else:
                        result.history = history
                survivors.append((index, result))
            elif isinstance(result, Drop):
                outcomes[index] = Dropped(step.step_id, result.reason)
                step_stats.dropped[result.reason] += 1
            else:
                original = docs[index]
                outcomes[index] = Failed(step.step_id, result[0], result[1], original if isinstance(
                    original, Document) else document_from_json(original))
                step_stats.failed += 1
        step_stats.docs_out += len(survivors)
        live = survivors
    for index, doc in live:
        outcomes[index] = doc
    for step in steps:
        stats[step.step_id].counters.update(step.drain_counts())
    return outcomes, stats


def _written(step: Step, doc: Document | bytes, prepared: tuple[Any, ...] | None,
             position: int) -> Document | bytes | tuple[str, str]:
    """An output step writing one document, given as its JSON when it came so (``write_packed``, with what the
    workers prepared of it for this step). Only a failure of the storage stops the run."""
    try:
        if isinstance(doc, bytes):
            step.write_packed(doc, None if prepared is None else prepared[position])  # type: ignore[attr-defined]
        else:
            step.process(doc)
    except StorageError:
        raise
    except Exception:
        return failure_of(step)
    return doc


def _apply(step: Step, docs: list[Document]) -> list[Document | Drop | tuple[str, str]]:
    """Run the step on the batch; when the batch raises or times out, retry one by one so only the bad documents
    fail. With a ``timeout``, a step that has no batch method of its own runs one by one from the start, each
    document within its limit; a batch method gets the limit times the batch size."""
    earlier_counts = step.drain_counts()
    try:
        if step.timeout is None or type(step).process_batch is not Step.process_batch:
            try:
                with time_limit(step.timeout and step.timeout * len(docs)):
                    results: list[Document | Drop | tuple[str, str]] = list(step.process_batch(docs))
                if len(results) != len(docs):
                    raise RuntimeError(f"process_batch returned {len(results)} results for {len(docs)} documents")
                return [_checked(step, r) for r in results]
            except StorageError:
                raise  # a failure of the run, not of these documents
            except (Exception, StepTimedOut):
                if len(docs) == 1:
                    return [failure_of(step)]
                step.drain_counts()  # the retry counts these documents again
        return [_checked(step, _one(step, doc)) for doc in docs]
    finally:
        for key, amount in earlier_counts.items():
            step.count(key, amount)


def _one(step: Step, doc: Document) -> Document | Drop | tuple[str, str]:
    try:
        with time_limit(step.timeout):
            return step.process(doc)
    except StorageError:
        raise
    except (Exception, StepTimedOut):
        return failure_of(step)


def _misbuilt(result: Document) -> str | None:
    """What in the span lists a step returned is no span (a dict or another model would be written as it is), or a
    span whose offsets do not cover its text (it would be written pointing at other words). Every list is read, the
    input's too: a step may append to the list it was given, or change the text under earlier spans."""
    for kind in SPAN_TYPES:
        if problem := misbuilt_spans(result, kind):
            return problem
    if problems := result.invalid_spans():
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return f"a span whose offsets do not match its text: {problems[0]}{more}"
    return None


def _checked(step: Step, result: object) -> Document | Drop | tuple[str, str]:
    if isinstance(result, (Document, Drop, tuple)):
        return result
    message = f"step {step.step_id!r} returned {type(result).__name__}, not a Document or Drop"
    return f"TypeError: {message}", ""


def failure_of(step: Step) -> tuple[str, str]:
    """The error being handled, as (one-line message, traceback)."""
    error = sys.exc_info()[1]
    if isinstance(error, StepTimedOut):
        return f"timed out after {step.timeout:g} s", ""
    return f"{type(error).__name__}: {error}", traceback.format_exc()
