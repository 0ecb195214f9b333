"""Boilerplate rules: named line patterns, built in (``boilerplate.yaml``) or added from YAML."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pressroom.core import cached
from pressroom.plugins.clean.datelines import DATE_PATTERN, is_release_date

Where = Literal["head", "tail", "anywhere"]


class BoilerplateRule(BaseModel):
    """One boilerplate pattern as written in YAML."""

    model_config = ConfigDict(extra="forbid")

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
        try:
            _compile(pattern)
        except re.error as error:
            raise ValueError(f"invalid regular expression {pattern!r}: {error}") from None
        return pattern


def _compile(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The pattern for one stripped line, and the same for any line of a text that starts with a newline."""
    expanded = pattern.replace("{date}", f"(?P<date>{DATE_PATTERN})")
    # A leading "\n" rather than "^": the regex engine then jumps from newline to newline instead of trying
    # the pattern at every character (about 40 times faster on long texts).
    return re.compile(expanded, re.IGNORECASE), re.compile(f"\n(?:{expanded})$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class CompiledRule:
    name: str
    regex: re.Pattern[str]
    #: The pattern over a whole text preceded by a newline, one line at a time: no match there means no line matches.
    any_line: re.Pattern[str]
    where: Where
    block: bool

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
    return [CompiledRule(r.name, *_compile(r.pattern), r.where, r.block) for r in rules]
