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
    text = "Shadow Treasurer Jim Chalmers replied."
    plain = EntitiesStep()
    plain.setup()
    extra = EntitiesStep({"titles": ["Shadow Treasurer"]})
    extra.setup()
    spans = [(e.text, e.label) for e in extra.process(Document(id="t", text=text)).entities]  # type: ignore[union-attr]
    assert spans == [("Shadow Treasurer", "TITLE"), ("Jim Chalmers", "PERSON")]
    assert ("Shadow Treasurer", "TITLE") not in [
        (e.text, e.label) for e in plain.process(Document(id="t", text=text)).entities  # type: ignore[union-attr]
    ]


def test_step_pickles_without_its_gazetteers(seed_doc: Document) -> None:
    step = EntitiesStep()
    step.setup()
    clone = pickle.loads(pickle.dumps(step))
    assert len(pickle.dumps(step)) < 2_000
    assert clone.process(seed_doc) == step.process(seed_doc)


def test_unknown_options_are_rejected() -> None:
    with pytest.raises(pydantic.ValidationError):
        EntitiesStep({"backend": "neural"})
    with pytest.raises(pydantic.ValidationError):
        EntitiesStep({"gazeteers": []})


def test_keep_existing_adds_only_spans_that_do_not_overlap() -> None:
    text = "Kazakhstan pledged USD 3,000 to UNICEF in Almaty."
    money = EntitySpan(start=19, end=28, text="USD 3,000", field="text", label="MONEY")
    doc = Document(id="t", text=text, entities=[money])
    replaced = EntitiesStep().process(doc)
    assert isinstance(replaced, Document)
    assert ("USD", "ORG") in [(e.text, e.label) for e in replaced.entities]
    result = EntitiesStep({"keep_existing": True}).process(doc)
    assert isinstance(result, Document)
    assert result.entities[0] == money
    added = [(e.text, e.label) for e in result.entities[1:]]
    assert added == [("Kazakhstan", "GPE"), ("UNICEF", "ORG"), ("Almaty", "GPE")]
