"""A large set of words (the name lists: 160,000 words) held in a few thousand strings, not one object per word.

A frozenset of the names is 160,000 strings that every process reading the tagger from the set-up cache must build
and hash, and free at exit: most of its set-up. A ``WordSet`` keeps the sorted words in chunks of
``_CHUNK_WORDS``, each one string of its lines, found by bisecting the chunks' first words. A lookup costs more than
a set's, so each answer is remembered: a document asks again mostly about words already asked.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Any

#: words per chunk: fewer chunks are fewer strings to read back, longer ones a slower search for a new word
_CHUNK_WORDS = 32
#: answers remembered at most (distinct words asked): then forgotten and asked again
_MAX_KNOWN = 200_000


class WordSet:
    """An immutable set of words (strings without line breaks) that answers ``in``, ``len`` and iteration (in
    sorted order)."""

    __slots__ = ("_firsts", "_chunks", "_size", "_known")

    def __init__(self, words: Iterable[str]) -> None:
        ordered = sorted(set(words))
        if any("\n" in word for word in ordered):
            raise ValueError("a WordSet holds words without line breaks")
        starts = range(0, len(ordered), _CHUNK_WORDS)
        chunks = ["\n" + "\n".join(ordered[i : i + _CHUNK_WORDS]) + "\n" for i in starts]
        self._restore([ordered[i] for i in starts], chunks, len(ordered))

    def _restore(self, firsts: list[str], chunks: list[str], size: int) -> None:
        self._firsts, self._chunks, self._size = firsts, chunks, size
        self._known: dict[Any, bool] = {}

    def __contains__(self, word: object) -> bool:
        try:
            return self._known[word]
        except KeyError:
            pass
        if len(self._known) >= _MAX_KNOWN:
            self._known.clear()
        known = self._known[word] = self._search(word)
        return known

    def _search(self, word: object) -> bool:
        if not isinstance(word, str) or "\n" in word:
            return False
        chunk = bisect_right(self._firsts, word) - 1
        return chunk >= 0 and f"\n{word}\n" in self._chunks[chunk]

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[str]:
        for chunk in self._chunks:
            yield from chunk[1:-1].split("\n")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WordSet):
            return NotImplemented
        return self._chunks == other._chunks

    def __hash__(self) -> int:
        return hash(tuple(self._firsts))

    def __repr__(self) -> str:
        return f"<WordSet of {self._size} words>"

    def __reduce__(self) -> tuple[Any, ...]:
        # the chunks alone: the remembered answers belong to one process's documents
        return _read_back, (self._firsts, self._chunks, self._size)


def _read_back(firsts: list[str], chunks: list[str], size: int) -> WordSet:
    words = WordSet.__new__(WordSet)
    words._restore(firsts, chunks, size)
    return words
