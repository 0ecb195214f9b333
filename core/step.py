"""The base class of every pipeline step, built-in or third-party."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from pressroom.core.document import Document
from pressroom.core.errors import Problem
from pressroom.core.preflight import Requirement


class NoOptions(BaseModel):
    """Options model of a step that takes none."""

    model_config = ConfigDict(extra="forbid")


@dataclass(frozen=True)
class Drop:
    """Returned instead of a document to drop it; the reason is counted in the run summary."""

    reason: str


Result = Document | Drop

#: Document fields a step may declare in ``reads`` and ``changes``.
DOCUMENT_FIELDS = frozenset(Document.model_fields) - {"history"}


class Step:
    """A pipeline step.

    Subclasses set ``name``, ``version``, ``Options`` (a pydantic model whose fields have defaults
    and descriptions), and the document fields they ``reads`` and ``changes``. The runner calls
    ``setup`` once per process, then ``process_batch`` (by default ``process`` on each document),
    then ``close``. A step must not mutate the document it is given unless it declares
    ``mutates_input = True``; returning ``doc.model_copy(update=...)`` is the usual way.
    """

    name: ClassVar[str]
    version: ClassVar[str] = "0.0.0"
    description: ClassVar[str] = ""
    Options: ClassVar[type[BaseModel]] = NoOptions
    reads: ClassVar[frozenset[str]] = frozenset()
    changes: ClassVar[frozenset[str]] = frozenset()
    mutates_input: ClassVar[bool] = False
    #: True for a built-in step that builds its spans without validation (``pressroom.core.document.unchecked``) at
    #: offsets it found in the document itself; the runner checks that every other step's span lists hold spans
    #: that cover their text.
    #: Only the class that sets it is trusted, not its subclasses.
    trusted_spans: ClassVar[bool] = False
    #: Output steps run in the main process, in input order, whatever the executor; test and eval leave them out.
    writes_output: ClassVar[bool] = False
    #: Seconds a document may spend in this step (the pipeline's ``timeout`` of the step); None: no limit.
    timeout: float | None = None

    #: Optional extras the step needs whatever its options, e.g. ``(Requirement("spacy"),)`` or ``("spacy",)``.
    requires: ClassVar[tuple[Requirement | str, ...]] = ()

    def __init__(self, options: BaseModel | dict[str, Any] | None = None, *, step_id: str | None = None):
        if not isinstance(options, BaseModel):
            options = self.Options.model_validate(options or {})
        self.options = options
        self.step_id = step_id or self.name

    def requirements(self) -> tuple[Requirement | str, ...]:
        """The extras these options need: ``requires``, or more or fewer when they depend on the options (a
        backend, an output format). ``validate`` and ``run`` report a missing one with its ``pip install``."""
        return self.requires

    def check(self) -> list[Problem]:
        """What these options name that is not there: an input file that is missing, a model that is not
        installed, an output that cannot be created. Each problem's ``path`` is a key path inside the step's
        options (``("gazetteers", 0)``); the pipeline places it in the file. Called by ``validate`` and by ``run``
        before any document is read, after ``requirements`` are met; it must not create or change anything."""
        return []

    def setup(self) -> None:
        """Load models, gazetteers or connections; called once per process before any document."""

    def load_shared(self) -> None:
        """Load, once for all the workers, what each would otherwise load for itself and then only read: the data
        ``setup`` reads through the set-up cache (``pressroom.core.cached`` hands ``setup`` this same value), the
        modules the step imports on its first document. Called in the main process just before it forks worker
        processes, which inherit it. Every step instance and worker then gets the same object from ``cached``:
        ``setup`` must never change it in place (build a new value instead), or the change shows in other steps'
        output with ``--workers N`` only. Nothing that must not cross a fork either: threads, open files, models
        and connections are made by ``setup``, in each worker. Not called where workers start by spawn (they
        inherit nothing)."""

    def process(self, doc: Document) -> Result:
        """Return the (new) document, or ``Drop(reason)``."""
        raise NotImplementedError(f"step {self.name!r} defines neither process nor process_batch")

    def process_batch(self, docs: Sequence[Document]) -> list[Result]:
        """Process several documents at once; override when batching is faster (models, databases)."""
        return [self.process(doc) for doc in docs]

    def close(self) -> None:
        """Flush and release what ``setup`` opened; called once per process after the last document."""

    def abort(self) -> None:
        """Called instead of ``close`` when the run stops early: discard partial output, release resources."""
        self.close()

    def outputs(self) -> list[str]:
        """The files this step writes (a step that fills a folder lists the files in it): a run locks them so that
        no other run writes them meanwhile, and ``validate`` checks that each can be created."""
        return []

    def redirected(self, path: str) -> Step | None:
        """Output steps only: a copy that writes the document stream (JSONL) to ``path`` ('-': standard output),
        or None when this step cannot. ``--output`` redirects the last output step that can."""
        return None

    def appending(self) -> Step | None:
        """Output steps only: a copy that adds to what an earlier run wrote instead of replacing it, or None when
        this step cannot. ``replay`` needs every output step of the pipeline to offer it."""
        return None

    def count(self, key: str, amount: int = 1) -> None:
        """Add to a named counter (e.g. per rule); the run summary and report show the totals per step."""
        self.__dict__.setdefault("_counts", Counter())[key] += amount

    def drain_counts(self) -> Counter[str]:
        """The counts since the last call; the runner sums them across chunks and worker processes."""
        counts: Counter[str] = self.__dict__.pop("_counts", Counter())
        return counts

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.step_id!r} {self.options!r}>"
