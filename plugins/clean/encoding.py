"""Mojibake, HTML-entity, control-character and NFC repair by ftfy, run only on lines that can need it."""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
from collections import Counter
from contextlib import nullcontext
from typing import Any

from pressroom.core.cache import patterns_kept
from pressroom.plugins.clean.ftfy_shortcut import FtfyShortcut

# ftfy leaves a pure-ASCII line unchanged unless it holds '&' (HTML entities) or a control
# character (\r, terminal escapes): such a line is skipped exactly, not approximately.
# These are the other bytes of UTF-8 text, non-ASCII ones included (their lines go to ftfy anyway).
_HARMLESS_BYTES = bytes([ord("\t"), ord("\n"), *range(0x20, 0x7F), *range(0x80, 0x100)]).replace(b"&", b"")


@functools.cache
def _ftfy() -> tuple[Any, Any, Any, FtfyShortcut]:
    """ftfy, its configuration, the same for text with markup (where, like ftfy.fix_text, entities are not
    unescaped) and the shortcut for the lines whose repair is certain. Imported on the first text that can need
    it: most releases are plain ASCII, and importing ftfy costs a tenth of a second of start-up, two fifths of it
    compiling its regular expressions (and wcwidth's), which are read back compiled after the first run."""
    # Only ftfy's first import in the process compiles its patterns: after another, there would be none to keep.
    with patterns_kept("clean-ftfy-patterns", _ftfy_versions()) if "ftfy" not in sys.modules else nullcontext():
        import ftfy

        shortcut = FtfyShortcut()
    config = ftfy.TextFixerConfig(explain=True)
    return ftfy, config, config._replace(unescape_html=False), shortcut


def _ftfy_versions() -> bytes:
    """What the patterns compiled by importing ftfy depend on besides the Python running (which the set-up cache
    keys on itself): the installed ftfy and wcwidth (which ftfy imports), told apart by their first files' paths,
    sizes and times (reading their versions from their metadata would compile the email parser's patterns)."""
    versions = []
    for name in ("ftfy", "wcwidth"):
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec else None
        stat = os.stat(origin) if origin else None
        versions.append(f"{origin} {stat.st_size} {stat.st_mtime_ns}" if stat else f"{name} none")
    return "\n".join(versions).encode()


def load_ftfy() -> None:
    """Import ftfy and build its configuration now: in the main process before worker processes fork, which then
    share them rather than each importing ftfy on its first text (``Step.load_shared``)."""
    _ftfy()


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
    ftfy, plain, with_markup, shortcut = _ftfy()
    if (known := shortcut.fix(line)) is not None:  # most lines: ftfy would only uncurl quotes, if anything
        return known
    fixed, explanation = ftfy.fix_and_explain(line, with_markup if markup else plain)
    return fixed, tuple(sorted({_rule_name(action, detail) for action, detail in explanation or ()}))


def _has_entity_or_control(text: str) -> bool:
    """Whether ``text`` holds '&' or a control character other than tab and newline.

    Deleting all other bytes is a plain table loop in C, many times faster than a character-class search."""
    return bool(text.encode("utf-8", "surrogatepass").translate(None, _HARMLESS_BYTES))


def repair_encoding(text: str, counts: Counter[str]) -> str:
    """Return ``text`` as ``ftfy.fix_text`` would, counting in ``counts`` the lines each ftfy fixer changed."""
    ascii_lines_may_need_ftfy = _has_entity_or_control(text)
    if text.isascii() and not ascii_lines_may_need_ftfy:  # isascii() reads a flag of the string: free
        return text
    markup = "<" in text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.isascii() and not (ascii_lines_may_need_ftfy and _has_entity_or_control(line)):
            continue
        fixed, rules = _fix_line(line, markup)
        if fixed != line:
            lines[i] = fixed
            counts.update(rules)
    return "\n".join(lines)
