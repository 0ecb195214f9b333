"""Regex alternations of many words, as trees of their shared beginnings (used by the dates and entities plugins)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TypeAlias

# A letter tree of words: each letter leads to the letters that may follow it; "" marks the end of a word.
_Tree: TypeAlias = dict[str, "_Tree"]


def word_tree(words: Iterable[str], space: str = re.escape(" ")) -> str:
    """A regex alternation of the words, as a tree of their shared beginnings
    (`j(?:an(?:uary)?|u(?:l(?:y)?|n(?:e)?))`): the regex engine tries the branches of a flat alternation one by
    one at every position it reads, where here it follows the one branch a letter leads to. It matches what
    the flat alternation of the words sorted longest first matches: the words that match at one place begin
    one another, and the longer is tried first (`sept` wins over `sep`). Branches are in alphabetical order, so
    that the pattern's text is the same in every process (the words often come from a set). ``space``: what a
    space in a word matches (a regex)."""
    return _word_tree(tuple(sorted(words)), space)


@functools.lru_cache(maxsize=None)
def _word_tree(words: tuple[str, ...], space: str) -> str:
    tree: _Tree = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return "|".join(_branches(tree, space))


def _branches(node: _Tree, space: str) -> list[str]:
    """The alternatives below a node of the tree, one per letter."""
    return [(space if char == " " else re.escape(char)) + _rest(below, space)
            for char, below in sorted(node.items()) if char]


def _rest(node: _Tree, space: str) -> str:
    """What may follow a letter, as one regex item."""
    branches = _branches(node, space)
    if "" in node:
        return f"(?:{'|'.join(branches)})?" if branches else ""  # greedy: the longer word first
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
