"""Build the review site: ``index.html``, ``doc.html``, their assets, and one data script per document.

Data travel as scripts (``data/index.js``, ``data/docs/N.js``) rather than JSON files, because browsers refuse
``fetch`` on ``file://`` pages; a document's script is loaded only when its page opens, so the index stays small.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pressroom.core.document import Document
from pressroom.core.errors import PressroomError
from pressroom.core.review.overview import Bar, Overview
from pressroom.core.review.templating import ASSETS, environment, script_data

#: A file in every built site; only a folder holding it (or an empty one) is replaced by a new build.
MARKER = ".pressroom-review"
ENTITY_LABELS = ("PERSON", "TITLE", "ORG", "GPE", "LOC")
# Background colours: fixed ones for the built-in labels, the rest cycle through the spare ones.
COLOURS = {"PERSON": "#ffd08a", "TITLE": "#c6e2ff", "ORG": "#c8f0c0", "GPE": "#f5c2e7", "LOC": "#e3d3ff",
           "DATE": "#ffe9a8", "TIME": "#ffe0c2", "DURATION": "#d9f2ef", "SET": "#eadfcf"}
SPARE_COLOURS = ("#b8ecf5", "#f0d0d0", "#dfe8b0", "#d8d8f8", "#f8d8b8", "#cfe3d4")
CHART_WIDTH, CHART_HEIGHT = 760, 140


class ReviewSiteError(PressroomError):
    """The output folder cannot take a review site."""


@dataclass(frozen=True)
class SiteSummary:
    index: Path
    documents: int
    entities: int
    dates: int


def build_site(documents: Iterable[Document], out: Path, *, source: str) -> SiteSummary:
    """Write the site for ``documents`` (read from ``source``) into ``out``, replacing an earlier build there.

    The site is built beside ``out`` and moved in place at the end, so a failed build leaves the old one.
    """
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise ReviewSiteError(f"{out} exists and is not a review site; choose an empty or new folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    building = out.parent / f".{out.name}.building-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    try:
        summary = _write_site(documents, building, source)
        shutil.rmtree(out, ignore_errors=True)
        building.rename(out)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return SiteSummary(out / "index.html", summary.documents, summary.entities, summary.dates)


def _write_site(documents: Iterable[Document], root: Path, source: str) -> SiteSummary:
    (root / "data" / "docs").mkdir(parents=True)
    shutil.copytree(ASSETS, root / "assets")
    overview = Overview()
    rows: list[list[Any]] = []
    names: dict[str, int] = {}
    digest = hashlib.sha256()
    entities = dates = 0
    for number, doc in enumerate(documents):
        overview.add(doc)
        entities += len(doc.entities)
        dates += len(doc.dates)
        digest.update(f"{doc.id}\0{doc.title}\0{doc.text}\0".encode("utf-8", "surrogatepass"))
        record = doc.model_dump(mode="json", include={"id", "date", "title", "text", "source", "entities", "dates"})
        (root / "data" / "docs" / f"{number}.js").write_text(
            f"pressroomReview.documentLoaded({number},{script_data(record)});\n", encoding="ascii")
        searchable = {span.canonical or span.text for span in doc.entities} | {span.text for span in doc.entities}
        rows.append([doc.id, doc.title, doc.date.isoformat() if doc.date else "",
                     sorted({span.label for span in doc.entities} | {span.type for span in doc.dates}),
                     sorted(names.setdefault(name, len(names)) for name in sorted(searchable)),
                     len(doc.entities), len(doc.dates)])
    labels = overview.labels()
    label_numbers = {label: i for i, label in enumerate(labels)}
    for row in rows:
        row[3] = [label_numbers[label] for label in row[3]]
    site = {
        "key": digest.hexdigest()[:16],
        "count": len(rows),
        "labels": labels,
        "dateLabels": sorted(overview.date_labels | {"DATE"}),
        "entityLabels": [label for label in labels if label not in overview.date_labels]
        + [label for label in ENTITY_LABELS if label not in labels],
        "colours": _colours(labels),
    }
    (root / "data" / "index.js").write_text(
        f"pressroomReview.indexLoaded({script_data({'names': list(names), 'docs': rows})});\n", encoding="ascii")
    env = environment()
    context = {"site": site, "source": source, "overview": overview, "chart": _chart(overview.bars()),
               "entities": entities, "dates": dates}
    for page in ("index.html", "doc.html"):
        (root / page).write_text(env.get_template(page).render(context), encoding="utf-8")
    (root / MARKER).write_text("built by `pressroom review`; the folder is replaced by the next build\n")
    return SiteSummary(root / "index.html", len(rows), entities, dates)


def _colours(labels: list[str]) -> dict[str, str]:
    others = sorted(set(labels) - set(COLOURS))
    return {**COLOURS, **{label: SPARE_COLOURS[i % len(SPARE_COLOURS)] for i, label in enumerate(others)}}


def _chart(bars: list[Bar]) -> dict[str, Any]:
    """Geometry of the inline SVG bar chart: one rect per bar, a tick label about every tenth bar."""
    if not bars:
        return {"bars": [], "width": CHART_WIDTH, "height": CHART_HEIGHT, "max": 0}
    top = max(bar.count for bar in bars) or 1
    step = CHART_WIDTH / len(bars)
    every = max(1, round(len(bars) / 10))
    return {
        "width": CHART_WIDTH, "height": CHART_HEIGHT, "max": top,
        "bars": [{"x": round(i * step, 2), "width": round(max(step - 1, 0.5), 2),
                  "height": round(CHART_HEIGHT * bar.count / top, 2), "label": bar.label, "count": bar.count,
                  "from": bar.start.isoformat(), "to": bar.end.isoformat(), "tick": i % every == 0}
                 for i, bar in enumerate(bars)],
    }
