"""Options of the ``clean`` step."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pressroom.plugins.clean.rules import BoilerplateRule, default_rules


class CleanOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fix_encoding: bool = Field(
        default=True,
        description="repair mojibake, HTML entities, C1/control characters and apply NFC with ftfy "
        "(only on lines that can need it)",
    )
    normalize_characters: bool = Field(
        default=True,
        description="no-break spaces to spaces, zero-width spaces dropped, U+2028/U+2029 to newlines, "
        "private-use bullets (U+F0B7, ...) to real bullets",
    )
    rejoin_lines: bool = Field(default=True, description="rejoin paragraphs broken in the middle of a sentence")
    join_hyphenated: bool = Field(default=True, description="join words hyphenated across a line break")
    remove_boilerplate: bool = Field(default=True, description="remove lines matched by the boilerplate rules")
    extra_patterns: list[BoilerplateRule] = Field(
        default_factory=list, description="boilerplate rules added to the built-in ones (same format)"
    )
    disable: list[str] = Field(default_factory=list, description="names of boilerplate rules to switch off")
    keep_original: bool = Field(
        default=False,
        description="store the text and title as they were in metadata['original_text'] and ['original_title']",
    )

    @model_validator(mode="after")
    def _known_names(self) -> CleanOptions:
        builtin = {rule.name for rule in default_rules()}
        extra = [rule.name for rule in self.extra_patterns]
        if clash := sorted(set(extra) & builtin | {n for n in extra if extra.count(n) > 1}):
            raise ValueError(f"extra_patterns reuse rule names {clash}; pick new names or `disable` the built-in")
        if unknown := sorted(set(self.disable) - builtin - set(extra)):
            raise ValueError(f"disable names unknown rules {unknown}; known: {sorted(builtin | set(extra))}")
        return self

    def boilerplate_rules(self) -> list[BoilerplateRule]:
        """The rules in force: built-in then extra, minus the disabled ones."""
        return [r for r in [*default_rules(), *self.extra_patterns] if r.name not in self.disable]
