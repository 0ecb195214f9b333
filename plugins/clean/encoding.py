"""Mojibake, HTML-entity, control-character and NFC repair by ftfy, run only on lines that can need it."""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

# ftfy leaves a pure-ASCII line unchanged unless it holds '&' (HTML entities) or a control
# character (\r, terminal escapes): such a line is skipped exactly, not approximately.
_MAY_NEED_FTFY = re.compile(r"[^\t\n\x20-\x25\x27-\x7e]")


@functools.cache
def _ftfy() -> tuple[Any, Any, Any]:
    """ftfy, its configuration, and the same for text with markup (where, like ftfy.fix_text, entities are not
    unescaped). Imported on the first text that can need it: most releases are plain ASCII, and importing ftfy
    costs a tenth of a second of start-up."""
    import ftfy

    config = ftfy.TextFixerConfig(explain=True)
    return ftfy, config, config._replace(unescape_html=False)


# ftfy fixers that undo a wrong decoding, counted together with whole-line re-decodings.
_MOJIBAKE_FIXERS = frozenset({"decode_inconsistent_utf8", "restore_byte_a0", "replace_lossy_sequences"})


def _rule_name(action: str, detail: str) -> str:
    if action in ("encode", "decode", "transcode") or detail in _MOJIBAKE_FIXERS:
        return "mojibake"
    if action == "normalize":
        return detail.lower()  # "nfc"
    return detail  # the ftfy fixer, e.g. "uncurl_quotes", "fix_c1_controls"


@functools.lru_cache(maxsize=4096)
def _fix_line(line: str, markup: bool) -> tuple[str, tuple[str, ...]]:
    """ftfy's repair of one line, and the names of the rules that changed it, each once and sorted (so that the
    counts come out in the same order in every process). Remembered: the step cleans until the text is stable, so
    a second round sees again every line the first one left as it was."""
    ftfy, plain, with_markup = _ftfy()
    fixed, explanation = ftfy.fix_and_explain(line, with_markup if markup else plain)
    return fixed, tuple(sorted({_rule_name(action, detail) for action, detail in explanation or ()}))


def repair_encoding(text: str, counts: Counter[str]) -> str:
    """Return ``text`` as ``ftfy.fix_text`` would, counting in ``counts`` the lines each ftfy fixer changed."""
    if not _MAY_NEED_FTFY.search(text):
        return text
    markup = "<" in text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not _MAY_NEED_FTFY.search(line):
            continue
        fixed, rules = _fix_line(line, markup)
        if fixed != line:
            lines[i] = fixed
            counts.update(rules)
    return "\n".join(lines)
