"""The `clean` step's contract: registration, options, metadata, counters, originals, pickling."""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys
from collections import Counter
from importlib.metadata import entry_points
from pathlib import Path

import pluggy

import pressroom.plugins.clean
from pressroom.core import Document, hookspecs
from pressroom.plugins.clean.step import CleanStep

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_2290dcee0d5c0c3e.txt"
OCR_DOC = Document(
    id="ocr",
    title="  THE PRIME MINISTER\u00e2\u20ac\u2122S\n VISIT ",
    text="FOR PRESS\n\n27 March, 1973\n\nThe Prime Minister announced today details of a\n\nforthcoming visit.",
    date=dt.date(1973, 3, 27),
)


def ready(options: dict[str, object] | None = None) -> CleanStep:
    step = CleanStep(options)
    step.setup()
    return step


def test_registered_through_the_pressroom_hook_and_entry_point() -> None:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    manager.register(pressroom.plugins.clean)
    assert manager.hook.pressroom_steps() == [[CleanStep]]
    (entry,) = [e for e in entry_points(group="pressroom") if e.name == "clean"]
    assert entry.value == "pressroom.plugins.clean"


def test_plugin_import_is_light() -> None:
    code = "import sys, pressroom.plugins.clean; print(sorted({'ftfy', 'yaml'} & set(sys.modules)))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_contract() -> None:
    assert CleanStep.name == "clean"
    assert CleanStep.reads == {"text", "title"}
    assert CleanStep.changes == {"text", "title", "metadata"}
    for name, field in CleanStep.Options.model_fields.items():
        assert field.description, name
    assert CleanStep.Options.model_config["extra"] == "forbid"


def test_cleans_text_and_title_and_counts_per_rule() -> None:
    doc = ready().process(OCR_DOC)
    assert doc.title == "THE PRIME MINISTER'S VISIT"
    assert doc.text == "The Prime Minister announced today details of a forthcoming visit."
    assert doc.metadata == {
        "clean": {
            "mojibake": 1,
            "uncurl_quotes": 1,
            "title_whitespace": 1,
            "press_header": 1,
            "date_line": 1,
            "paragraph_join": 1,
        }
    }
    assert "original_text" not in doc.metadata


def test_input_document_is_not_mutated() -> None:
    before = OCR_DOC.model_dump()
    ready({"keep_original": True}).process(OCR_DOC)
    assert OCR_DOC.model_dump() == before


def test_keep_original() -> None:
    doc = ready({"keep_original": True}).process(OCR_DOC)
    assert doc.metadata["original_text"] == OCR_DOC.text
    assert doc.metadata["original_title"] == OCR_DOC.title


def test_clean_document_gets_no_counts() -> None:
    doc = Document(id="d", title="Budget", text="The budget is out.\n\nIt is balanced.", metadata={"k": 1})
    assert ready().process(doc).metadata == {"k": 1}


def test_run_counts_sum_the_per_document_counts() -> None:
    step = ready()
    docs = [OCR_DOC, OCR_DOC.model_copy(update={"id": "b"}), Document(id="c", text="10\u00a0am")]
    expected: Counter[str] = Counter()
    for doc in docs:
        expected.update(step.process(doc).metadata.get("clean", {}))
    assert expected and step.drain_counts() == expected
    assert step.drain_counts() == {}  # drained: the runner sums chunks without counting twice


def test_step_pickles_before_setup() -> None:
    step = pickle.loads(pickle.dumps(CleanStep({"disable": ["ends"], "keep_original": True})))
    step.setup()
    assert step.process(OCR_DOC).text == ready().process(OCR_DOC).text


def test_seed_release_keeps_its_paragraphs() -> None:
    header, body = SEED.read_text(encoding="utf-8").split("\n\n", 1)
    doc = Document(id="seed", title=header.split(" ", 3)[3], text=body, date=dt.date(2022, 12, 15))
    cleaned = ready().process(doc)
    assert cleaned.text == body.strip().replace("\u2019", "'")
    assert cleaned.metadata["clean"] == {"uncurl_quotes": 1}
