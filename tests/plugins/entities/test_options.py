"""Options of the entities step: user gazetteers (YAML and CSV), extra titles, pickling, validation."""

from __future__ import annotations

import pickle

import pydantic
import pytest

from pressroom.core import Document, EntitySpan
from pressroom.plugins.entities import pressroom_steps
from pressroom.plugins.entities.gazetteer import load_entries
from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import DATA, seed_doc  # noqa: F401 (fixtures)


def test_registered_through_the_hook() -> None:
    assert pressroom_steps() == [EntitiesStep]
    assert EntitiesStep.reads == {"text", "title"} and EntitiesStep.changes == {"entities"}


def test_user_gazetteers_win_over_packaged_data() -> None:
    step = EntitiesStep({"gazetteers": [str(DATA / "user_gazetteer.yaml"), str(DATA / "user_gazetteer.csv")]})
    step.setup()
    text = "The PRF met K. Omuraliev in Samarqand and Samarkand, near Issyk-Kul."
    result = step.process(Document(id="t", text=text))
    assert isinstance(result, Document)
    found = {(e.text, e.label, e.canonical, e.kb_id) for e in result.entities}
    assert found == {
        ("PRF", "ORG", "Pressroom Foundation", "prf-1"),
        ("K. Omuraliev", "PERSON", "Kubanychbek Omuraliev", "person-42"),
        ("Samarqand", "GPE", "Samarkand", "geo:samarkand-test"),
        ("Samarkand", "GPE", "Samarkand", "geo:samarkand-test"),
        ("Issyk-Kul", "LOC", "Lake Issyk-Kul", None),
    }


def test_bad_gazetteer_label_is_reported(tmp_path: pytest.TempPathFactory) -> None:
    bad = tmp_path / "bad.yaml"  # type: ignore[operator]
    bad.write_text("- {name: Foo, label: THING}\n")
    with pytest.raises(ValueError, match="THING"):
        load_entries(bad)


def test_extra_title_words() -> None:
    text = "Chief Tea Taster Jim Chalmers replied."
    plain = EntitiesStep()
    plain.setup()
    extra = EntitiesStep({"titles": ["Chief Tea Taster"]})
    extra.setup()
    spans = [(e.text, e.label) for e in extra.process(Document(id="t", text=text)).entities]  # type: ignore[union-attr]
    assert spans == [("Chief Tea Taster", "TITLE"), ("Jim Chalmers", "PERSON")]
    assert ("Chief Tea Taster", "TITLE") not in [
        (e.text, e.label) for e in plain.process(Document(id="t", text=text)).entities  # type: ignore[union-attr]
    ]


def test_step_pickles_without_its_gazetteers(seed_doc: Document) -> None:
    step = EntitiesStep()
    step.setup()
    clone = pickle.loads(pickle.dumps(step))
    assert len(pickle.dumps(step)) < 2_000
    clone.setup()  # as each worker does
    assert clone.process(seed_doc) == step.process(seed_doc)


def test_unknown_options_are_rejected() -> None:
    with pytest.raises(pydantic.ValidationError):
        EntitiesStep({"backend": "neural"})
    with pytest.raises(pydantic.ValidationError):
        EntitiesStep({"gazeteers": []})


def test_keep_existing_adds_only_spans_that_do_not_overlap() -> None:
    text = "Kazakhstan gave to the UNICEF Winter Appeal in Almaty."
    start = text.index("UNICEF Winter Appeal")
    appeal = EntitySpan(start=start, end=start + 20, text="UNICEF Winter Appeal", field="text", label="EVENT")
    doc = Document(id="t", text=text, entities=[appeal])
    replacing = EntitiesStep()
    replacing.setup()
    replaced = replacing.process(doc)
    assert isinstance(replaced, Document)
    assert ("UNICEF", "ORG") in [(e.text, e.label) for e in replaced.entities]
    keeping = EntitiesStep({"keep_existing": True})
    keeping.setup()
    result = keeping.process(doc)
    assert isinstance(result, Document)
    assert result.entities[0] == appeal
    added = [(e.text, e.label) for e in result.entities[1:]]
    assert added == [("Kazakhstan", "GPE"), ("Almaty", "GPE")]
