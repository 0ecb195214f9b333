"""Gazetteer lookup: the longest spelling at a token, never across a line break, exact or case-folded."""

from __future__ import annotations

from pressroom.plugins.entities.gazetteer import Entry, Gazetteer
from pressroom.plugins.entities.tokens import tokenize

_NEW_YORK = Entry("New York", "GPE")
_NEW_YORK_CITY = Entry("New York City", "GPE", ("NYC",))
_NEW_SOUTH_WALES = Entry("New South Wales", "GPE", ("NSW",))
_YORK = Entry("York", "GPE")
_US = Entry("United States", "GPE", ("US",))


def _gazetteer() -> Gazetteer:
    gazetteer = Gazetteer()
    gazetteer.add([_NEW_YORK, _NEW_YORK_CITY, _NEW_SOUTH_WALES, _YORK, _US])
    return gazetteer


def _found(gazetteer: Gazetteer, text: str, i: int = 0, *, fold_case: bool = False) -> tuple[str, int] | None:
    match = gazetteer.match(tokenize(text, frozenset()), i, fold_case=fold_case)
    return None if match is None else (match.entry.name, match.length)


def test_longest_spelling_wins_and_shorter_ones_remain() -> None:
    gazetteer = _gazetteer()
    assert _found(gazetteer, "New York City Council") == ("New York City", 3)
    assert _found(gazetteer, "New York State") == ("New York", 2)
    assert _found(gazetteer, "in New South Wales", 1) == ("New South Wales", 3)
    assert _found(gazetteer, "New Zealand") is None
    assert _found(gazetteer, "visit York", 1) == ("York", 1)
    assert _found(gazetteer, "the NYC subway", 1) == ("New York City", 1)


def test_a_spelling_near_the_end_of_the_text() -> None:
    gazetteer = _gazetteer()
    assert _found(gazetteer, "to New York") is None
    assert _found(gazetteer, "to New York", 1) == ("New York", 2)
    assert _found(gazetteer, "to New", 1) is None


def test_no_spelling_runs_across_a_line_break() -> None:
    gazetteer = _gazetteer()
    assert _found(gazetteer, "New\nYork") is None
    # the longer spelling crosses the break, the shorter one before it does not
    assert _found(gazetteer, "New York\n\nCity Hall") == ("New York", 2)


def test_case_folded_lookup_for_lines_in_capitals() -> None:
    gazetteer = _gazetteer()
    assert _found(gazetteer, "NEW YORK CITY") is None
    assert _found(gazetteer, "NEW YORK CITY", fold_case=True) == ("New York City", 3)
    assert _found(gazetteer, "new south wales", fold_case=True) == ("New South Wales", 3)
    # short all-capital spellings are words in a headline ("LET US"): only matched as written
    assert _found(gazetteer, "LET US GO", 1, fold_case=True) is None
    assert _found(gazetteer, "NSW", fold_case=True) is None
    assert _found(gazetteer, "the US", 1) == ("United States", 1)


def test_first_entry_keeps_a_spelling_unless_overridden() -> None:
    gazetteer = _gazetteer()
    gazetteer.add([Entry("York", "ORG", id="user")])
    assert gazetteer.match(tokenize("York", frozenset()), 0).entry == _YORK  # type: ignore[union-attr]
    gazetteer.add([Entry("York", "ORG", id="user")], override=True)
    for fold_case in (False, True):
        match = gazetteer.match(tokenize("York", frozenset()), 0, fold_case=fold_case)
        assert match is not None and (match.entry.label, match.entry.id) == ("ORG", "user")
    # a longer spelling added later is found too
    gazetteer.add([Entry("York Minster", "LOC")])
    assert _found(gazetteer, "York Minster") == ("York Minster", 2)
    assert _found(gazetteer, "York Street") == ("York", 1)


def test_words_spelled_and_counted() -> None:
    gazetteer = _gazetteer()
    assert gazetteer.spells("York") and gazetteer.spells("NSW") and not gazetteer.spells("New")
    assert gazetteer.first_words() == {"New", "NYC", "NSW", "York", "United", "US"}
    assert len(gazetteer) == 8


def test_entries_and_a_gazetteer_read_back_from_a_pickle_are_the_same() -> None:
    import pickle

    entries = [_NEW_YORK_CITY, Entry("Mobile", "GPE", (), "geonames:4076598", ambiguous=True), Entry("Apple", "ORG")]
    again = pickle.loads(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == entries and [hash(e) for e in again] == [hash(e) for e in entries]
    assert [(e.name, e.label, e.aliases, e.id, e.ambiguous) for e in again] == [
        ("New York City", "GPE", ("NYC",), None, False), ("Mobile", "GPE", (), "geonames:4076598", True),
        ("Apple", "ORG", (), None, False),
    ]
    gazetteer = _gazetteer()
    copy = pickle.loads(pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL))
    for text, i in (("New York City Council", 0), ("in New South Wales", 1), ("York", 0), ("US", 0)):
        assert _found(copy, text, i) == _found(gazetteer, text, i)
    assert _found(copy, "NEW YORK", fold_case=True) == ("New York", 2)
    # an entry read back is made again where it is first found, one Entry for all its spellings and both tables
    spellings = (("NYC", False), ("New York City", False), ("new york city", True))
    found = [m.entry for text, fold in spellings if (m := copy.match(tokenize(text, frozenset()), 0, fold_case=fold))]
    assert found == [_NEW_YORK_CITY] * 3 and found[0] is found[1] is found[2]
    assert pickle.loads(pickle.dumps(copy, protocol=pickle.HIGHEST_PROTOCOL)).match(
        tokenize("York", frozenset()), 0
    ) == gazetteer.match(tokenize("York", frozenset()), 0)
