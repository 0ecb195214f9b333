"""Mojibake, HTML-entity, control-character and NFC repair by ftfy, run only on lines that can need it."""

from __future__ import annotations

import re
from collections import Counter

import ftfy

# ftfy leaves a pure-ASCII line unchanged unless it holds '&' (HTML entities) or a control
# character (\r, terminal escapes): such a line is skipped exactly, not approximately.
_MAY_NEED_FTFY = re.compile(r"[^\t\n\x20-\x25\x27-\x7e]")

_CONFIG = ftfy.TextFixerConfig(explain=True)
# Like ftfy.fix_text, do not unescape entities in text that contains markup.
_CONFIG_MARKUP = _CONFIG._replace(unescape_html=False)


# ftfy fixers that undo a wrong decoding, counted together with whole-line re-decodings.
_MOJIBAKE_FIXERS = frozenset({"decode_inconsistent_utf8", "restore_byte_a0", "replace_lossy_sequences"})


def _rule_name(action: str, detail: str) -> str:
    if action in ("encode", "decode", "transcode") or detail in _MOJIBAKE_FIXERS:
        return "mojibake"
    if action == "normalize":
        return detail.lower()  # "nfc"
    return detail  # the ftfy fixer, e.g. "uncurl_quotes", "fix_c1_controls"


def repair_encoding(text: str, counts: Counter[str]) -> str:
    """Return ``text`` as ``ftfy.fix_text`` would, counting in ``counts`` the lines each ftfy fixer changed."""
    if not _MAY_NEED_FTFY.search(text):
        return text
    config = _CONFIG_MARKUP if "<" in text else _CONFIG
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not _MAY_NEED_FTFY.search(line):
            continue
        fixed, explanation = ftfy.fix_and_explain(line, config)
        if fixed != line:
            lines[i] = fixed
            counts.update({_rule_name(action, detail) for action, detail in explanation or ()})
    return "\n".join(lines)
