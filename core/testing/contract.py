"""The contract every step plugin keeps, checkable in one line:

    class TestWordCountContract(StepContract, step=WordCount): pass

or ``assert_contract(WordCount)`` anywhere. Each check returns the list of its violations (empty when kept).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from pydantic import BaseModel

from pressroom.core.document import Document
from pressroom.core.step import Step
from pressroom.core.testing.documents import sample_documents
from pressroom.core.testing.running import StepRun, make_step, run_steps, step_class

StepSpec = Step | type[Step] | str


def _dumps(run: StepRun) -> list[dict[str, Any]]:
    return [doc.model_dump(mode="json") for doc in run.documents]


def check_options(step: StepSpec) -> list[str]:
    """The options model rejects unknown keys, and every option has a default and a description."""
    model: type[BaseModel] = step_class(step).Options
    problems = []
    for name, field in model.model_fields.items():
        if field.is_required():
            problems.append(f"option {name!r} has no default")
        if not field.description:
            problems.append(f"option {name!r} has no description")
    if model.model_config.get("extra") != "forbid":
        problems.append("unknown option keys are accepted; set model_config = ConfigDict(extra='forbid')")
    return problems


def check_picklable(step: StepSpec, options: dict[str, Any] | None = None,
                    docs: Sequence[Document] | None = None) -> list[str]:
    """Worker processes and Dask receive steps pickled before setup; the copy must behave as the original."""
    docs = list(docs if docs is not None else sample_documents())
    original = make_step(step, options)
    try:
        copy = pickle.loads(pickle.dumps(original))
    except Exception as exc:
        return [f"the step cannot be pickled before setup: {type(exc).__name__}: {exc}"]
    if _dumps(run_steps([copy], docs)) != _dumps(run_steps([original], docs)):
        return ["a pickled copy of the step gives other results than the original"]
    return []


def check_deterministic(step: StepSpec, options: dict[str, Any] | None = None,
                        docs: Sequence[Document] | None = None) -> list[str]:
    """Two fresh instances, and one instance run twice, give the same results."""
    docs = list(docs if docs is not None else sample_documents())
    first, second = make_step(step, options), make_step(step, options)
    baseline = _dumps(run_steps([first], docs))
    problems = []
    if _dumps(run_steps([second], docs)) != baseline:
        problems.append("two instances with the same options give different results")
    if _dumps(run_steps([first], docs)) != baseline:
        problems.append("running the same instance again gives different results (state leaks between runs)")
    return problems


def check_no_input_mutation(step: StepSpec, options: dict[str, Any] | None = None,
                            docs: Sequence[Document] | None = None) -> list[str]:
    """Unless the step declares ``mutates_input``, the documents it is given stay as they were."""
    instance = make_step(step, options)
    if instance.mutates_input:
        return []
    docs = list(docs if docs is not None else sample_documents())
    before = [doc.model_dump() for doc in docs]
    run_steps([instance], docs)
    return [f"document {doc.id!r} was changed in place; return doc.model_copy(update=...) instead"
            for doc, dumped in zip(docs, before) if doc.model_dump() != dumped]


def check_declared_changes(step: StepSpec, options: dict[str, Any] | None = None,
                           docs: Sequence[Document] | None = None) -> list[str]:
    """Only the fields in ``changes`` differ between input and output; spans stay valid."""
    instance = make_step(step, options)
    docs = list(docs if docs is not None else sample_documents())
    run = run_steps([instance], docs)
    problems = [f"document {doc_id!r} failed: {error.splitlines()[0]}" for doc_id, error in run.failed.items()]
    originals = {doc.id: doc for doc in docs}
    for out in run.documents:
        original = originals[out.id] if out.id in originals else None
        if original is None:
            problems.append(f"output document {out.id!r} has an id no input had; 'id' is not declared")
            continue
        changed = {name for name in Document.model_fields
                   if name != "history" and getattr(out, name) != getattr(original, name)}
        undeclared = changed - instance.changes
        if undeclared:
            problems.append(f"document {out.id!r}: changed {sorted(undeclared)} without declaring them in changes")
        problems += [f"document {out.id!r}: invalid span {p}" for p in out.invalid_spans()]
    return problems


CHECKS: dict[str, Callable[..., list[str]]] = {
    "options": check_options,
    "picklable": check_picklable,
    "deterministic": check_deterministic,
    "no_input_mutation": check_no_input_mutation,
    "declared_changes": check_declared_changes,
}


def check_contract(step: StepSpec, options: dict[str, Any] | None = None,
                   docs: Sequence[Document] | None = None) -> list[str]:
    """Every violation of the contract, prefixed by the check that found it."""
    problems = []
    for name, check in CHECKS.items():
        args = (step,) if check is check_options else (step, options, docs)
        try:
            problems += [f"{name}: {problem}" for problem in check(*args)]
        except Exception as exc:
            problems.append(f"{name}: could not run: {type(exc).__name__}: {exc}".splitlines()[0])
    return problems


def assert_contract(step: StepSpec, options: dict[str, Any] | None = None,
                    docs: Sequence[Document] | None = None) -> None:
    problems = check_contract(step, options, docs)
    assert not problems, "step contract violated:\n  " + "\n  ".join(problems)


class StepContract:
    """Subclass in a test module to get one pytest test per contract check:

        class TestMyStepContract(StepContract, step=MyStep, options={"x": 1}): pass
    """

    step: ClassVar[StepSpec]
    options: ClassVar[dict[str, Any] | None] = None
    documents: ClassVar[Sequence[Document] | None] = None

    def __init_subclass__(cls, step: StepSpec | None = None, options: dict[str, Any] | None = None,
                          documents: Sequence[Document] | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if step is not None:
            cls.step = step
        if options is not None:
            cls.options = options
        if documents is not None:
            cls.documents = documents

    def _assert(self, problems: list[str]) -> None:
        assert not problems, "\n".join(problems)

    def test_options_are_documented(self) -> None:
        self._assert(check_options(self.step))

    def test_picklable(self) -> None:
        self._assert(check_picklable(self.step, self.options, self.documents))

    def test_deterministic(self) -> None:
        self._assert(check_deterministic(self.step, self.options, self.documents))

    def test_does_not_mutate_input(self) -> None:
        self._assert(check_no_input_mutation(self.step, self.options, self.documents))

    def test_changes_only_what_it_declares(self) -> None:
        self._assert(check_declared_changes(self.step, self.options, self.documents))
