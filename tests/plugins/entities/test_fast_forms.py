"""The faster forms the entities step builds and reads are the same values: its shapes read back from the set-up
cache, its spans built for a whole document at once, and the lexicons' first words it asks before a lookup."""

from __future__ import annotations

import pickle

from pressroom.core import EntitySpan
from pressroom.core.document import unchecked_each
from pressroom.plugins.entities.gazetteer import Entry, Gazetteer
from pressroom.plugins.entities.patterns import load_shapes
from pressroom.plugins.entities.tokens import tokenize


def test_shapes_read_back_from_a_pickle_are_the_same_word_sets() -> None:
    shapes = load_shapes()
    data = pickle.dumps(shapes, protocol=pickle.HIGHEST_PROTOCOL)
    again = pickle.loads(data)
    assert again == shapes
    assert len(shapes.given_names) > 5_000 and "Esther" in again.given_names and "Dudley" in again.surnames
    # the large name lists travel as a few thousand strings (WordSet), not as a pickled set of words
    assert len(data) < len(pickle.dumps(frozenset(shapes.given_names))) + len(pickle.dumps(frozenset(shapes.surnames)))


def test_spans_built_for_a_document_equal_validated_spans_and_keep_their_own_fields_set() -> None:
    rows = [
        {"start": 0, "end": 7, "text": "Dudley", "field": "text", "label": "PERSON", "canonical": "William C. Dudley",
         "kb_id": None},
        {"start": 12, "end": 18, "text": "Sydney", "field": "title", "label": "GPE", "canonical": "Sydney",
         "kb_id": "geonames:2147714"},
    ]
    built = unchecked_each(EntitySpan, [dict(row) for row in rows])
    assert built == [EntitySpan(**row) for row in rows]
    assert [span.model_dump() for span in built] == rows
    assert built[0].model_dump_json() == EntitySpan(**rows[0]).model_dump_json()
    assert built[0].__pydantic_fields_set__ == set(EntitySpan.model_fields)
    built[0].__pydantic_fields_set__.discard("kb_id")  # each span has a set of its own
    assert built[1].__pydantic_fields_set__ == set(EntitySpan.model_fields)
    assert built[1].model_copy(update={"label": "LOC"}).label == "LOC"


def test_first_words_are_where_a_match_may_start() -> None:
    gazetteer = Gazetteer()
    gazetteer.add([Entry("New York", "GPE", ("NYC",)), Entry("Reserve Bank of Australia", "ORG")])
    assert gazetteer.first_words() == {"New", "NYC", "Reserve"}
    assert gazetteer.first_words(fold_case=True) == {"new", "reserve"}  # short capitals stay out of the folded table
    for text in ("New York", "NEW YORK", "Reserve Bank of Australia", "the NYC office"):
        tokens = tokenize(text, frozenset())
        for i, token in enumerate(tokens):
            for fold in (False, True):
                first = token.text.casefold() if fold else token.text
                if first not in gazetteer.first_words(fold_case=fold):
                    assert gazetteer.match(tokens, i, fold_case=fold) is None
    assert gazetteer.match(tokenize("NEW YORK", frozenset()), 0, fold_case=True) is not None


def test_the_longest_spelling_wins_among_those_sharing_first_words_and_none_runs_across_a_line() -> None:
    gazetteer = Gazetteer()
    gazetteer.add([
        Entry("New", "GPE"), Entry("New York", "GPE"), Entry("New York City", "GPE"),
        Entry("New South Wales", "GPE", ("NSW",)), Entry("Bank of New York Mellon", "ORG"),
    ])
    text = "New York City and New York, then New South Wales, New Zealand, Bank of New York Mellon and New\nYork City"
    expected = [
        (0, "New York City"), (4, "New York"), (8, "New South Wales"), (12, "New"), (15, "Bank of New York Mellon"),
        (17, "New York"), (21, "New"),  # `New` / `York City` across the line break: `New` alone
    ]
    for written, fold_case in ((text, False), (text, True), (text.upper(), True)):
        tokens = tokenize(written, frozenset())
        matches = [(i, gazetteer.match(tokens, i, fold_case=fold_case)) for i in range(len(tokens))]
        assert [(i, m.entry.name) for i, m in matches if m is not None] == expected
        assert all(" ".join(t.text for t in tokens[i : i + m.length]).casefold() == m.entry.name.casefold()
                   for i, m in matches if m is not None)
