"""WordSet: the name lists as a few thousand strings answer exactly what a frozenset of their words answers."""

from __future__ import annotations

import pickle

import pytest

from pressroom.plugins.entities.packaged import read_lines
from pressroom.plugins.entities.wordset import WordSet


def test_a_name_list_answers_as_a_set_of_its_words_does() -> None:
    names = read_lines("given_names.txt")
    words = WordSet(names)
    assert len(words) == len(set(names)) and list(words) == sorted(set(names))
    # each listed name, the names around each chunk's edges, and near misses: a prefix, a longer word, other cases
    probes = [*names[::97], names[0], names[-1], "", "A", "Zzzzzz", "aaron", "AARON", "Aaro", "Aaronx", "Esther",
              "Esther Smith", "Mary\nJohn", "Mary\n", "\nMary", 42, None, ("Mary",)]
    for probe in probes:
        assert (probe in words) == (probe in frozenset(names)), probe
        assert (probe in words) == (probe in frozenset(names)), probe  # and again, from what it remembered
    assert all(name in words for name in names)


def test_adjacent_words_across_a_line_break_are_not_a_word() -> None:
    words = WordSet(["Ann", "Anna", "Bob"])
    assert "Ann" in words and "Anna" in words and "An" not in words and "Ann\nAnna" not in words
    with pytest.raises(ValueError, match="line breaks"):
        WordSet(["Ann\nAnna"])


def test_an_empty_set_holds_nothing() -> None:
    words = WordSet([])
    assert len(words) == 0 and "" not in words and "Ann" not in words and list(words) == []


def test_read_back_from_a_pickle_it_is_the_same_set_and_remembers_nothing() -> None:
    words = WordSet(read_lines("surnames.txt"))
    assert "Dudley" in words and "Notasurnameatall" not in words
    again = pickle.loads(pickle.dumps(words, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == words and hash(again) == hash(words) and list(again) == list(words)
    assert again._known == {}  # answers belong to the process that asked
    assert "Dudley" in again and "Notasurnameatall" not in again
    assert WordSet(["Ann"]) != WordSet(["Anna"]) and WordSet(["Ann"]) != frozenset(["Ann"])
