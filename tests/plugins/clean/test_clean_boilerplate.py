"""Boilerplate lines are removed by named rules, counted per rule; users add and disable rules in YAML."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pydantic
import pytest
import yaml

from pressroom.core import Document
from pressroom.plugins.clean.step import CleanStep

SLICE = Path(__file__).resolve().parents[2] / "data" / "clean" / "au-pm-slice.jsonl"
RELEASE = dt.date(1991, 1, 14)
BODY = (
    "The Australian Government deplores the use of force over recent days in Vilnius.\n\n"
    "We are registering our deep concern about developments in Lithuania."
)


def clean(text: str, options: dict[str, object] | None = None, date: dt.date | None = RELEASE) -> Document:
    step = CleanStep(options)
    step.setup()
    return step.process(Document(id="d", text=text, date=date))


@pytest.mark.parametrize(
    ("header", "rule"),
    [
        ("FOR MEDIA 14 JANUARY 1991", "press_header"),
        ("FOR PRESS: P. M. No. 12/ 1991", "press_header"),
        ("MEDIA RELEASE", "press_header"),
        ("For immediate release", "press_header"),
        ("14 January, 1991.", "date_line"),
        ("Monday, 14th January 1991", "date_line"),
        ("January 14, 1991", "date_line"),
        ("14/01/91", "date_line"),
        ("E&OE - PROOF ONLY", "eeo"),
    ],
)
def test_leading_boilerplate_lines_are_removed(header: str, rule: str) -> None:
    doc = clean(f"{header}\n\n{BODY}")
    assert doc.text == BODY
    assert doc.metadata["clean"] == {rule: 1}


def test_a_date_other_than_the_release_date_is_kept() -> None:
    # It may be the only trace of when the release was issued: the `dates` step needs it.
    for header in ("15 January 1991", "FOR MEDIA 15 JANUARY 1991"):
        assert clean(f"{header}\n\n{BODY}").text == f"{header}\n\n{BODY}"
    assert clean(f"14 January 1991\n\n{BODY}", date=None).text == f"14 January 1991\n\n{BODY}"


def test_header_lines_in_the_body_are_kept() -> None:
    text = f"{BODY}\n\nMEDIA RELEASE\n\nThe Prime Minister will travel to Vilnius next week with the Minister."
    assert clean(text).text == text


@pytest.mark.parametrize("end", ["ENDS", "[ends]", "- END -", "# # #"])
def test_end_marks_are_removed(end: str) -> None:
    doc = clean(f"{BODY}\n\n{end}")
    assert doc.text == BODY
    assert doc.metadata["clean"] == {"ends": 1}


def test_contact_block_is_removed_up_to_a_capitals_heading() -> None:
    text = (
        f"{BODY}\n\nFor further information: Susan Mackintosh\n\nSenator Button's Office\n\n(062) 77 7580 (bh)\n\n"
        "ONE NATION EARLY START PROJECTS\n\nSYDNEY TO BRISBANE"
    )
    doc = clean(text)
    assert doc.text == f"{BODY}\n\nONE NATION EARLY START PROJECTS\n\nSYDNEY TO BRISBANE"
    assert doc.metadata["clean"] == {"contact": 1}


def test_contact_line_followed_by_prose_is_kept() -> None:
    text = f"Media contacts: see below.\n\n{BODY}"
    assert clean(text).text == text


def test_user_rules_from_yaml_add_and_disable() -> None:
    options = yaml.safe_load(
        r"""
        extra_patterns:
          - name: letterhead
            where: head
            pattern: 'prime minister'
          - name: page_number
            pattern: '-\s*\d+\s*-'
        disable: [ends]
        """
    )
    first, second = BODY.split("\n\n")
    text = f"PRIME MINISTER\n\n{first}\n\n- 2 -\n\n{second}\n\nENDS"
    doc = clean(text, options)
    assert doc.text == f"{BODY}\n\nENDS"
    assert doc.metadata["clean"] == {"letterhead": 1, "page_number": 1}


def test_user_rule_with_date_placeholder() -> None:
    rule = {"name": "issued", "where": "head", "pattern": r"issued\s+{date}"}
    options: dict[str, object] = {"extra_patterns": [rule]}
    assert clean(f"Issued 14 January 1991\n\n{BODY}", options).text == BODY
    assert clean(f"Issued 2 March 1990\n\n{BODY}", options).text.startswith("Issued 2 March 1990")


@pytest.mark.parametrize(
    "options",
    [
        {"disable": ["no_such_rule"]},
        {"extra_patterns": [{"name": "ends", "pattern": "x"}]},
        {"extra_patterns": [{"name": "bad", "pattern": "(unclosed"}]},
        {"extra_patterns": [{"name": "Bad Name", "pattern": "x"}]},
        {"extra_patterns": [{"name": "twice", "pattern": "{date} {date}"}]},
        {"extra_patterns": [{"name": "global_flag", "pattern": "(?s)foo"}]},
    ],
)
def test_invalid_rules_are_rejected_when_the_pipeline_is_loaded(options: dict[str, object]) -> None:
    with pytest.raises(pydantic.ValidationError):
        CleanStep(options)


def test_boilerplate_can_be_switched_off() -> None:
    text = f"MEDIA RELEASE\n\n{BODY}\n\nENDS"
    assert clean(text, {"remove_boilerplate": False}).text == text


def test_only_rules_searched_over_whole_texts_compile_that_pattern() -> None:
    """Head and tail rules are matched line by line: their whole-text form is never compiled (compiling a `{date}`
    pattern twice was a hundredth of a run's start-up), and a global flag, valid for one line, is valid there."""
    step = CleanStep({"extra_patterns": [{"name": "flagged", "where": "head", "pattern": "(?s)briefing note"}]})
    step.setup()
    doc = step.process(Document(id="r", text=f"BRIEFING NOTE\n\n{BODY}\n\nENDS", date=RELEASE))
    assert doc.text == BODY and doc.metadata["clean"] == {"flagged": 1, "ends": 1}
    compiled = {rule.name: "any_line" in vars(rule) for rule in step._rules}
    assert compiled == {"date_line": False, "press_header": False, "eeo": True, "ends": False, "contact": False,
                        "flagged": False}


def test_prose_is_told_by_the_whole_line_when_its_start_does_not_settle_it() -> None:
    """`_is_prose` reads a line a stretch at a time; a long line whose start is a capitals header is still read to
    its end, a word across a stretch's end counts once, and every line of real releases is told as counting all
    its words tells it."""
    from pressroom.plugins.clean.boilerplate import _WORD, _is_prose

    def counted(line: str) -> bool:
        firsts = [match.group(1) for match in _WORD.finditer(line)]
        return not line.isupper() and len(firsts) >= 6 and sum(map(str.islower, firsts)) >= 3

    header = "MEDIA RELEASE 14 JANUARY 1991 " + "PRIME MINISTER, CANBERRA ACT 2600 " * 5
    assert len(header) > 160
    assert _is_prose(header + "and the government said it will act")
    assert not _is_prose(header + "And The Government Said")
    across = "WORD " * 31 + "abcdefghijklmnopqrstuvwxyz it"  # the long word runs past the 160th character
    assert not _is_prose(across) and not counted(across)
    assert _is_prose(across + " is") and counted(across + " is")
    rows = [json.loads(line) for line in SLICE.read_text(encoding="utf-8").splitlines()]
    lines = [line.strip() for row in rows for line in row["text"].split("\n") if line.strip()]
    assert len(lines) > 1000 and any(len(line) > 160 for line in lines)
    assert [_is_prose(line) for line in lines] == [counted(line) for line in lines]
