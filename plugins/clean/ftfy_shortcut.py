"""ftfy's answer for a line without running ftfy, when ftfy's own tables show that all it can do is uncurl quotes.

`ftfy.fix_and_explain` repeats one pass until the text stops changing. A pass unescapes HTML entities, re-decodes
mojibake only when `ftfy.badness.is_bad` says the text looks like it, then runs fixers that each act on a known set
of characters (C1 controls, ligatures, full-width forms, curly quotes, line breaks, surrogates, escapes, control
characters) and NFC. On a line with no entity, NFC-stable and none of those characters but curly quotes, whose
mojibake repair leaves it as it is, a pass only uncurls the quotes, and a second pass changes nothing: the answer is
known exactly. Built from the default `TextFixerConfig` (the one the step uses), with or without `unescape_html`.

The mojibake repair leaves alone a line without `is_bad`'s signs; a line with them (OCR'd releases write `œ` for
`£`: "œ 5 million") is left alone too when none of ftfy's ways to re-decode it applies: each single-byte encoding
that can encode it gives bytes that are not UTF-8 and that no transcoder (`restore_byte_a0`,
`replace_lossy_sequences`) would touch, and it holds no sequence `decode_inconsistent_utf8` looks for.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

UNCURL = "uncurl_quotes"
# Characters ftfy's other fixers replace or drop beyond its tables: line breaks (fix_line_breaks), the escape
# that starts a terminal code (remove_terminal_escapes) and lone surrogates (fix_surrogates).
_LINE_BREAKS_ESCAPES_SURROGATES = "\r\u2028\u2029\x1b\ud800-\udfff"
_ASCII_BUT_SUBSTITUTE = frozenset(map(chr, range(0x80))) - {"\x1a"}
_UTF8_STARTS = frozenset(range(0xC2, 0xF5))  # the first byte of a UTF-8 sequence of 2 to 4 bytes
_UTF8_CONTINUATIONS = frozenset(range(0x80, 0xC0))
#: Sets of characters past ASCII whose verdict is remembered: a corpus shows a few hundred; the bound keeps a
#: long-lived process fed arbitrary text from growing without end.
KEPT_SETS = 4096


def _char_class(chars: set[str], extra: str = "") -> re.Pattern[str]:
    return re.compile("[" + "".join(map(re.escape, sorted(chars))) + extra + "]")


def _position_chars(op: Any, value: Any) -> set[str] | None:
    """The characters one position of a parsed pattern matches, when that is a plain list of them."""
    if op is sre.LITERAL:
        return {chr(value)}
    if op is not sre.IN:
        return None
    chars: set[str] = set()
    for item, argument in value:
        if item is sre.LITERAL:
            chars.add(chr(argument))
        elif item is sre.RANGE:
            chars.update(map(chr, range(argument[0], argument[1] + 1)))
        else:  # a negated set or a category (\s, \w): not a plain list
            return None
    return chars


def telltales(badness: re.Pattern[str], common: set[str]) -> set[str] | None:
    """Characters of which every match of ``badness`` holds at least one, or None if there is no such short list.

    Each alternative of ftfy's pattern has positions that only non-ASCII characters fill; one such position per
    alternative is chosen, avoiding the ``common`` typographic characters, and its characters are taken. A text
    with none of them cannot match, so the costly pattern (tried at every letter) runs only on texts that have one.
    """
    if badness.flags & re.IGNORECASE:
        return None
    tree = _parser.parse(badness.pattern, badness.flags)
    if len(tree.data) != 1 or tree.data[0][0] is not sre.BRANCH:
        return None
    found: set[str] = set()
    for alternative in tree.data[0][1][1]:
        positions = [_position_chars(op, value) for op, value in alternative.data]
        candidates = [chars for chars in positions if chars and not any(c.isascii() for c in chars)]
        if not candidates:
            return None
        found |= min(candidates, key=lambda chars: (len(chars & common), len(chars)))
    return found


def leading_bytes(pattern: re.Pattern[bytes]) -> set[int] | None:
    """The bytes any match of ``pattern`` starts with, when each of its alternatives starts with a plain list of
    them; else None."""
    tree = _parser.parse(pattern.pattern, pattern.flags)
    if len(tree.data) != 1 or tree.data[0][0] is not sre.BRANCH:
        return None
    found: set[int] = set()
    for alternative in tree.data[0][1][1]:
        chars = _position_chars(*alternative.data[0]) if alternative.data else None
        if chars is None:
            return None
        found |= set(map(ord, chars))
    return found


class FtfyShortcut:
    """ftfy's fixed line and fixer names for the lines whose answer is certain, from ftfy's own data."""

    def __init__(self) -> None:
        from ftfy import chardata
        from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
        from ftfy.fixes import uncurl_quotes

        self._chardata = chardata
        # The bytes restore_byte_a0's and replace_lossy_sequences' patterns start with.
        self._transcoded = (leading_bytes(chardata.ALTERED_UTF8_RE), leading_bytes(chardata.LOSSY_UTF8_RE))
        # Characters past ASCII -> whether no encoding of them is re-decoded, remembered per set.
        self._set_not_redecodable: Callable[[frozenset[str]], bool] = functools.lru_cache(maxsize=KEPT_SETS)(
            lambda chars: self._not_redecodable("".join(chars)))
        self._uncurl: Callable[[str], str] = uncurl_quotes
        self._entity = chardata.HTML_ENTITY_RE
        self._badness = BADNESS_RE
        common = set(MOJIBAKE_CATEGORIES["common"] + MOJIBAKE_CATEGORIES["start_punctuation"])
        common |= set(MOJIBAKE_CATEGORIES["end_punctuation"])
        found = telltales(BADNESS_RE, common)
        self._telltale = _char_class(found) if found is not None else None
        # fix_c1_controls, fix_latin_ligatures, fix_character_width, remove_control_chars and the rest.
        acted_on = {chr(c) for table in (chardata.LIGATURES, chardata.WIDTH_MAP, chardata.CONTROL_CHARS) for c in table}
        acted_on |= {chr(c) for c in range(0x80, 0xA0)}
        self._acted_on = _char_class(acted_on, _LINE_BREAKS_ESCAPES_SURROGATES)

    def _pass(self, text: str) -> str | None:
        """One pass of ftfy over ``text`` when every fixer but uncurl_quotes surely leaves it alone, else None."""
        if "&" in text and self._entity.search(text):
            return None
        if ((self._telltale is None or self._telltale.search(text)) and self._badness.search(text)
                and not self._not_redecoded(text)):
            return None  # looks like mojibake, and ftfy may re-decode it
        uncurled = self._uncurl(text)
        # Curly quotes are none of the characters the other fixers act on: checking after uncurling is the same.
        if self._acted_on.search(uncurled) or not unicodedata.is_normalized("NFC", uncurled):
            return None
        return uncurled

    def _not_redecoded(self, text: str) -> bool:
        """Whether ftfy's one step of mojibake repair (`_fix_encoding_one_step_and_explain`) surely returns a line
        that looks like mojibake as it is, by its own tables: False when it may not (ftfy decides then).

        Which single-byte encodings can encode the line, and the bytes they give, depend only on its characters
        past ASCII (0x1A, the byte the sloppy codecs write for U+FFFD, counts as one): a line whose every possible
        encoding gives none of the bytes that start a re-decoding is not re-decoded. The Latin-1 branch and the
        last one change only C1 controls, among the characters `_pass` leaves to ftfy."""
        if not self._set_not_redecodable(frozenset(text) - _ASCII_BUT_SUBSTITUTE):
            return False
        return not self._chardata.UTF8_DETECTOR_RE.search(text)  # decode_inconsistent_utf8

    def _not_redecodable(self, chars: str) -> bool:
        """Whether no single-byte encoding of text made of these characters past ASCII (and ASCII) can be re-decoded:
        its bytes start nothing a transcoder changes, hold neither 0xC0 nor 0xED (decoded as utf-8-variants then),
        and are not UTF-8 whatever their order, lacking either the bytes that start a sequence or those that
        continue one."""
        altered, lossy = self._transcoded
        if altered is None or lossy is None:
            return False
        for encoding in self._chardata.CHARMAP_ENCODINGS:
            if not self._chardata.possible_encoding(chars, encoding):
                continue
            encoded = set(chars.encode(encoding))
            starts = {0xC0, 0xED} | (altered if encoding != "macroman" else set()) | (
                lossy if encoding.startswith("sloppy") else set())
            if (encoded & starts or max(encoded) < 0x80
                    or (encoded & _UTF8_STARTS and encoded & _UTF8_CONTINUATIONS)):
                return False
        return True

    def fix(self, line: str) -> tuple[str, tuple[str, ...]] | None:
        """``(fixed line, fixer names)`` as `ftfy.fix_and_explain` gives them, or None when only ftfy can tell."""
        fixed = self._pass(line)
        if fixed is None:
            return None
        if fixed == line:
            return line, ()
        # ftfy runs a second pass on the uncurled line; it must change nothing (mojibake may show once uncurled).
        if self._pass(fixed) != fixed:
            return None
        return fixed, (UNCURL,)
