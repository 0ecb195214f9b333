"""Real releases tagged with entity and date spans, and the ways the tests run the export step on them."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from pressroom.core import DateSpan, Document, EntitySpan, Step
from pressroom.core.pipeline import Pipeline
from pressroom.core.readers.jsonl import JsonlReader
from pressroom.core.registry import Provided, Registry
from pressroom.core.runner import Runner
from pressroom.core.stats import RunStats
from pressroom.plugins.export.step import ExportStep

# A few names the releases mention often, with what an entity step would attach to them.
NAMES = {
    "Australia": ("GPE", "Australia", "AU"),
    "New Zealand": ("GPE", "New Zealand", "NZ"),
    "Vietnam": ("GPE", "Viet Nam", "VN"),
    "Prime Minister": ("TITLE", None, None),
}
NAME = re.compile(r"\b(" + "|".join(NAMES) + r")\b")
YEAR = re.compile(r"\b(19[5-9]\d|20[01]\d)\b")


def tag(doc: Document) -> Document:
    """The document with an entity span per name (in title and text) and a date span per year in the text."""
    entities = [EntitySpan(start=m.start(), end=m.end(), text=m.group(), field=field, label=NAMES[m.group()][0],
                           canonical=NAMES[m.group()][1], kb_id=NAMES[m.group()][2])
                for field in ("title", "text") for m in NAME.finditer(doc.field_text(field))]
    dates = [DateSpan(start=m.start(), end=m.end(), text=m.group(), value=m.group(), type="DATE")
             for m in YEAR.finditer(doc.text)]
    return doc.model_copy(update={"entities": entities, "dates": dates})


class Tagger(Step):
    name = "tag-names"
    changes: ClassVar[frozenset[str]] = frozenset({"entities", "dates"})

    def process(self, doc: Document) -> Document:
        return tag(doc)


def read_releases(path: Path) -> list[Document]:
    """The documents of a JSONL file as the runner reads them, tagged."""
    with open(path, "rb") as stream:
        records = list(JsonlReader().read(stream, str(path)))
    assert all(isinstance(r, Document) for r in records)
    return [tag(r) for r in records if isinstance(r, Document)]


def export(options: dict[str, Any], docs: Iterable[Document], complete: bool = True) -> None:
    """Run the export step as the runner does: publish at the end, or abort as a failed run does."""
    step = ExportStep(options)
    step.setup()
    for doc in docs:
        step.process(doc)
    if complete:
        step.close()
    else:
        step.abort()


def run_pipeline(source: Path, export_options: dict[str, Any]) -> RunStats:
    """Read ``source``, tag every document, export it; in-process, as ``pressroom run`` does."""
    registry = Registry.discover()
    registry.steps[Tagger.name] = Provided(Tagger, "tests", "tests")
    steps = [{"use": Tagger.name}, {"use": "export", "with": export_options}]
    # The ledger and quarantine in the test's folder: the default ones (out/ in the working directory) are locked by
    # any other run there.
    pipeline = Pipeline.from_dict({"steps": steps, "ledger": None, "quarantine": str(source.parent / "q.jsonl")},
                                  registry)
    return Runner(pipeline, [str(source)], log=io.StringIO()).run()


def leftovers(folder: Path) -> list[Path]:
    """Temporary files that a finished or discarded export must not leave behind."""
    return sorted(folder.rglob(".*.tmp"))


def input_with_awkward_text(folder: Path, au_slice: Path) -> Path:
    """The real releases plus one whose title and text hold quotes, commas, CR LF line breaks and non-ASCII."""
    awkward = ('{"id": "awkward", "date": "2001-02-03", "title": "Talks in \\"H\\u00e0 N\\u1ed9i\\", Vietnam\\r\\n'
               'and Wellington, New Zealand", "text": "He said: \\"Australia, of course.\\"\\r\\n\\r\\nThen, '
               'in 1975\\u2026\\n\\"Vietnam\\",\\"1999\\"\\n"}\n')
    path = folder / "input.jsonl"
    path.write_text(au_slice.read_text(encoding="utf-8") + awkward, encoding="utf-8")
    return path
