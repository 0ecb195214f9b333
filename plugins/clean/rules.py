"""Boilerplate rules: named line patterns, built in (``boilerplate.yaml``) or added from YAML."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pressroom.core import cached
from pressroom.plugins.clean.datelines import DATE_PATTERN, is_release_date

Where = Literal["head", "tail", "anywhere"]


class BoilerplateRule(BaseModel):
    """One boilerplate pattern as written in YAML. Frozen: the built-in rules are validated once per process and
    shared, so no caller may change them for the others."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="rule name, used in counts and in `disable`")
    pattern: str = Field(
        description="regular expression that must match a whole line (stripped, case-insensitive; "
        "use scoped flags such as `(?-i:...)`); `{date}` stands for a full date, and the line then matches only if that date is the release date"
    )
    where: Where = Field(
        default="anywhere",
        description="`head`: only among the lines before the first paragraph of prose; `tail`: only "
        "after the last one; `anywhere`: any line",
    )
    block: bool = Field(
        default=False, description="also remove up to 6 following lines that are neither prose nor capitals "
        "(the names, offices, phone numbers and e-mail addresses of a contact block)"
    )

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        if pattern.count("{date}") > 1:
            raise ValueError("`{date}` may appear once in a pattern")
        _checked(_line_regex, pattern)
        return pattern

    @model_validator(mode="after")
    def _compiles_over_texts(self) -> BoilerplateRule:
        if self.where == "anywhere":  # the only rules searched over whole texts
            _checked(lambda pattern: _any_line_regex(_line_regex(pattern)), self.pattern)
        return self


def _checked(compile_: Callable[[str], re.Pattern[str]], pattern: str) -> None:
    try:
        compile_(pattern)
    except re.error as error:
        raise ValueError(f"invalid regular expression {pattern!r}: {error}") from None


def _line_regex(pattern: str) -> re.Pattern[str]:
    """The pattern for one stripped line."""
    return re.compile(pattern.replace("{date}", f"(?P<date>{DATE_PATTERN})"), re.IGNORECASE)


def _any_line_regex(line: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern for any line of a text that starts with a newline.

    A leading "\\n" rather than "^": the regex engine then jumps from newline to newline instead of trying the
    pattern at every character (about 40 times faster on long texts)."""
    return re.compile(f"\n(?:{line.pattern})$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class CompiledRule:
    name: str
    regex: re.Pattern[str]
    where: Where
    block: bool

    @functools.cached_property
    def any_line(self) -> re.Pattern[str]:
        """The pattern over a whole text preceded by a newline, one line at a time: no match there means no line
        matches. Compiled when first searched: only `anywhere` rules are (compiling a `{date}` pattern twice was a
        hundredth of a run's start-up)."""
        return _any_line_regex(self.regex)

    def matches(self, line: str, release: dt.date | None) -> bool:
        m = self.regex.fullmatch(line)
        if m is None:
            return False
        # An optional `{date}` that is absent does not stop the match.
        return m.groupdict().get("date") is None or is_release_date(m["date"], release)


def default_rules() -> list[BoilerplateRule]:
    """The built-in rules shipped in ``boilerplate.yaml``."""
    return list(_builtin_rules())


@functools.cache
def _builtin_rules() -> tuple[BoilerplateRule, ...]:
    """Validated once per process (the options and the set-up both ask). The file's parse is kept in Pressroom's
    set-up cache, keyed by its text: a run after the first does not import PyYAML for it."""
    source = resources.files("pressroom.plugins.clean").joinpath("boilerplate.yaml").read_text(encoding="utf-8")
    items = cached("clean-boilerplate.yaml", source.encode("utf-8"), lambda: _parse_yaml(source))
    return tuple(BoilerplateRule.model_validate(item) for item in items)


def _parse_yaml(text: str) -> Any:
    import yaml

    return yaml.safe_load(text)


def compile_rules(rules: list[BoilerplateRule]) -> list[CompiledRule]:
    return [CompiledRule(r.name, _line_regex(r.pattern), r.where, r.block) for r in rules]
