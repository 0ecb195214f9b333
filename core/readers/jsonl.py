"""JSON Lines: one document per line with ``id``, ``title``, ``text``, ``date``; other keys go to metadata."""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

from pydantic import ValidationError

from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.readers.base import Reader, Record, parse_date

# Keys that a Pressroom export writes back; reading them restores the document (stage chaining).
_DOCUMENT_KEYS = frozenset(Document.model_fields) - {"id", "date", "source"}
# JSON null for these reads as absent.
_NULLABLE_KEYS = frozenset({"title", "text"})
#: Deeper records are refused: serializers (pydantic's, the writers') stop at a few hundred levels.
MAX_DEPTH = 100
# A \uD800-\uDFFF escape; only records holding one can carry a lone surrogate, which UTF-8 cannot write.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number; write null or a string")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:40]} is too large for a float; write it as a string")
    return value


_DECODER = json.JSONDecoder(parse_float=_finite_float, parse_constant=_reject_constant)


class JsonlReader(Reader):
    name = "jsonl"
    description = "one JSON object per line: id, title, text, date (YYYY-MM-DD); other keys go to metadata"
    extensions = (".jsonl", ".ndjson", ".json")

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return head.lstrip().startswith(b"{")

    @classmethod
    def count(cls, stream: BinaryIO) -> int:
        return sum(1 for lineno, line in enumerate(stream, start=1) if record_line(line, lineno))

    def read(self, stream: BinaryIO, source: str, first_line: int = 1) -> Iterator[Record]:
        """The records of the stream; ``first_line``: the line number of its first line (the stream may be a
        piece of the file, ``pressroom.core.executors.input_lines``)."""
        for lineno, line in enumerate(stream, start=first_line):
            line = record_line(line, lineno)
            if line:
                yield self.parse_line(line, f"{source}:{lineno}")

    @staticmethod
    def parse_line(line: bytes, where: str) -> Record:
        """The document on one line; ``where`` (``file:line``) locates errors, and its file name and line name
        a record without an id, so that ids do not depend on the folder the file is in."""
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raw = line.decode("utf-8", errors="replace")
            return InputError(f"bytes at column {exc.start + 1} are not UTF-8; re-encode the file as UTF-8",
                              source=where, raw=raw)
        try:
            record: Any = _DECODER.decode(text)
        except json.JSONDecodeError as exc:
            return InputError(f"invalid JSON at column {exc.colno}: {exc.msg}", source=where, raw=text)
        except RecursionError:
            return InputError(f"JSON nested deeper than {MAX_DEPTH} levels; flatten the record", source=where, raw=text)
        except ValueError as exc:
            message = str(exc)
            if "integer string conversion" in message:
                message = (f"a number has more than {sys.get_int_max_str_digits()} digits; "
                           "write it as a string")
            return InputError(message, source=where, raw=text)
        if not isinstance(record, dict):
            return InputError(f"expected a JSON object, got {_json_type(record)}", source=where, raw=text)
        # Both checks read the whole line only when it could fail them: a str find is a fraction of a regex
        # search, and a record of strings alone (most releases) nests nothing.
        escaped = ("\\ud" in text or "\\uD" in text) and _SURROGATE_ESCAPE.search(text) is not None
        nested = (any(type(value) is dict or type(value) is list for value in record.values())
                  and text.count("[") + text.count("{") > MAX_DEPTH)
        problem = _value_problem(record, check_strings=escaped, check_depth=nested)
        if problem:
            return InputError(problem, source=where, raw=text)
        try:
            return _document(record, where, os.path.basename(where))
        except InputError as exc:
            exc.raw = text
            return exc
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            return InputError(f"not a valid document: {problems}", source=where, raw=text)


def record_line(line: bytes, lineno: int) -> bytes:
    """The line as the reader parses it: without the UTF-8 byte order mark that may open the file; empty when
    blank (no record)."""
    if lineno == 1:
        line = line.removeprefix(b"\xef\xbb\xbf")
    return line if line and not line.isspace() else b""


def _document(record: dict[str, Any], where: str, default_id: str) -> Document:
    fields = {key: record.pop(key) for key in _DOCUMENT_KEYS & record.keys()}
    for key in _NULLABLE_KEYS & fields.keys():
        if fields[key] is None:
            del fields[key]
    metadata = fields.setdefault("metadata", {})
    if not isinstance(metadata, dict):
        raise InputError(f"metadata must be a JSON object, got {_json_type(metadata)}", source=where)
    fields["date"] = parse_date(record.pop("date", None), where)
    fields["id"] = _document_id(record.pop("id", None), where, default_id)
    fields["source"] = record.pop("source", None) or where
    metadata.update(record)
    return Document.model_validate(fields)


def _document_id(value: object, where: str, default: str) -> str:
    """A string id as it is, an integer as its decimal digits, a missing one (null, "") as ``default``."""
    if value is None or value == "":
        return default
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise InputError(f"id must be a string or an integer, got {_json_type(value)}", source=where)


def _value_problem(record: dict[str, Any], check_strings: bool, check_depth: bool) -> str | None:
    """What makes a parsed record unwritable: nesting past MAX_DEPTH or a lone surrogate in a string."""
    if not (check_strings or check_depth):
        return None
    stack: list[tuple[Any, str, int]] = [(record, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict):
            if depth > MAX_DEPTH:
                return f"{path or 'the record'} is nested deeper than {MAX_DEPTH} levels; flatten the record"
            for key, item in value.items():
                stack.append((key, f"{path}.{key}".lstrip(".") + " (key)", depth))
                stack.append((item, f"{path}.{key}".lstrip("."), depth + 1))
        elif isinstance(value, list):
            if depth > MAX_DEPTH:
                return f"{path} is nested deeper than {MAX_DEPTH} levels; flatten the record"
            stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))
        elif check_strings and isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                return (f"{path} holds a lone surrogate {ascii(value[exc.start])[1:-1]} at character "
                        f"{exc.start + 1} (half of a UTF-16 pair, not a character); fix or remove the \\u escape")
    return None


def _json_type(value: object) -> str:
    """The JSON name of a parsed value's type, as the user wrote it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)
