"""The `hybrid` backend: the statistical model's names, with the rules' knowledge on top.

The model's spans are the base, cut where they run names together: at list separators and brackets
(spacy_backend.py: `Kendal , Cumbria , England`), and where `and`, `&` or a possessive joins two rules names or
`at` follows a rules organization (`University of Illinois at Urbana-Champaign`: the organization, then its
place). The rules' `known` mentions (gazetteer entries, names the document
introduced) and titles replace the model spans they overlap, except a gazetteer name inside a
longer model name (`Boeing` in `Boeing Commercial Airplanes`: nested names keep the outer one).
Model spans that are gazetteer entries take its label, canonical name and id; other model spans
that are no names are dropped: lower case (`iPhone`, products), one ordinary English word (`Video`),
months and time zones, events (`Paris Air Show`, and the gazetteer names inside them), pieces of
words (`GB` in `30GB`), currency codes (`USD`, `US$`), and makers' names with a model number (`Trent
900`), unless the rules read the same words as an organization or place by its head word (`Center for
Middle East Policy`). A rules shape the model split (`Chrysler` + `LLC`) replaces the pieces. A model PERSON
ending in an organization's or place's head word (`Saturn Corporation`) is relabelled unless it is a first name
before an ordinary word (`Jim Press`), and so is a model ORG that is a lone first name (a place the model read
stays one: `Brittany`); a model person or organization after `in`, `to`, `from`... and before a comma and a
gazetteer place is a place (`to Sandy Hook , Maryland`), as is a one-word model ORG before a comma and a state
or county (`Grantham , Lincolnshire`), a place the rules read from the words around it is one whatever the
model read (`the town of Harbridge` as a model ORG), and a model place stays one where the rules read the first word of an
organization the document names (`in Fairmont` after `Fairmont State University`). A lone organization head
word is no name (`the Committee`; `the Senate` is), nor is a stock index the gazetteer also knows as a company
or exchange when a market report follows it or it is a short form the document never writes in full (`the Dow
fell`). Once a document names a person in full, a later mention of the surname alone is that person (`Angers`
after `Sandy Angers`); a model person the name lists do not know stays one when it is shaped as a full name
whose surname the text also uses alone (`Barack Obama` ... `Obama explained`; not `Kurri Kurri`). A model
organization opening with an honorific before the rules' person is that person (`Dr Hollingworth`), and a name
hyphenated to a lower-case word is part of an adjective, no name (`EADS-led`, `all-Airbus`). Names after a title or honorific and shape mentions (`... Airlines`, `University of
...`) fill only gaps the model leaves; of the rules' bare guesses (capitalized words that look like a name) only
people with a known first name are used (they label, join and fill model spans), as the model has seen and
rejected the others. Each choice was measured on both dev sets (benchmarks/score_entities.py): letting all
guesses fill gaps, or names after titles override the model, lowers F1 on both. Every decision is added to
the mention's `why` (`python -m pressroom.plugins.entities.explain --with '{"backend": "hybrid"}'` prints it).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

import pycountry

from pressroom.plugins.entities.mention import Mention
from pressroom.plugins.entities.patterns import CALENDAR_AND_CLOCK, names_a_product
from pressroom.plugins.entities.rules import PLACE_PREPOSITIONS, RulesTagger
from pressroom.plugins.entities.spacy_backend import SpacyTagger, after_honorifics

_FILL = frozenset({"cue", "shape"})
#: the rules' mentions whose boundaries a model span gluing them to other words does not override (and first-named
#: people, see ``merge``)
_BOUNDED = frozenset({"known", "shape"})
#: words that join two names into a list, not one name
_JOINING = frozenset({"and", "&", "'s", "’s"})
#: organization head words that alone name one body, paper or company in news (`the Senate`, `the Herald`,
#: `Telecom`), unlike `the Committee` or `the Bank`
_LONE_BODIES = frozenset(
    {"Senate", "Congress", "Parliament", "Army", "Navy", "Coalition", "Herald", "Times", "Tribune", "Journal",
     "Gazette", "Telecom"}
)
#: what follows a stock index in a market report, within its clause (`the Nasdaq fell 82 points`)
_INDEX_TALK = re.compile(
    r"(?:[^.;\n]|\.(?=\d)){0,80}?(?:\b(?:points?|percent|per cent|index|composite|average)\b|\d\s*%)"
)
#: a preposition that puts the next name somewhere (`marching to Sandy Hook , Maryland`): the rules' own
_LOCATIVE = re.compile(rf"\b(?:{'|'.join(sorted(PLACE_PREPOSITIONS))})\s+$")
#: a word as `_surname_alone` counts it: `O'Leary`, `Lloyd-Webber` whole, `Obama` of `Obama's`
_COUNTED_WORD = re.compile(r"(?:[OD]['’])?\w+(?:-\w+)*")
_WORD_CHARACTER = re.compile(r"\w")
#: a model designation: letters, then a hyphen and a number or a number of two digits or more (`F-4`, `CH-53`,
#: `A380`), not a year nor a channel's name (`MTV2`)
_DESIGNATION_SHAPE = r"[A-Z]{1,3}(?:-\d{1,4}|\d{2,4})[A-Z]?"
_DESIGNATION = re.compile(rf"{_DESIGNATION_SHAPE}\b")
_AFTER_DESIGNATION = re.compile(rf"(?<![\w-]){_DESIGNATION_SHAPE} \Z")
#: how far past a model span a spelling that is no name may run on (`... 's 500`, `... Cash Rate`)
_NON_NAME_REACH = 24
#: a hyphen joining a name to a lower-case word, after or before it (`EADS-led`, `all-Airbus`)
_HYPHENATED_AFTER = re.compile(r"-[a-z]")
_HYPHENATED_BEFORE = re.compile(r"\b[a-z]+-\Z")
#: a capitalized word spelled as a personal name, with a Gaelic or Scottish prefix or a hyphen (`McCain`, `Lloyd-Webber`)
_NAME_SHAPE = re.compile(r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?")


class HybridTagger:
    def __init__(self, rules: RulesTagger, model: SpacyTagger) -> None:
        self.rules = rules
        self.model = model

    def tag_documents(self, documents: Iterable[tuple[str, str]]) -> Iterator[tuple[list[Mention], list[Mention]]]:
        documents = list(documents)
        ruled = self.rules.tag_documents(documents)
        for (title, text), (title_model, text_model), (title_rules, text_rules) in zip(
            documents, self.model.tag_documents(documents), ruled, strict=True
        ):
            yield self.merge(title, title_rules, title_model), self.merge(text, text_rules, text_model)

    def tag(self, text: str) -> list[Mention]:
        return next(self.tag_documents([("", text)]))[1]

    def merge(self, text: str, ruled: list[Mention], statistical: list[Mention]) -> list[Mention]:
        # The same words read as a person by the rules, from a known first name: the person (`Paris Hilton`,
        # `Emil Habibi` as model ORGs), unless they end in an ordinary English word (`Dave Matthews Band`).
        people = {(m.start, m.end) for m in ruled if m.evidence == "guess" and self._first_named(text, m)}
        # ...and an organization or place shape is no person (`Boston Bruins`, a club, as a model PERSON), unless
        # it is a first name before an ordinary word (`Jim Press`)
        shapes = {
            (m.start, m.end): m.label
            for m in ruled
            if m.evidence == "shape" and not self._first_name_and_word(text[m.start : m.end])
        }
        places = {m.start: m.kb_id or "" for m in ruled if m.evidence == "known" and m.label == "GPE"}
        # the rules' names whose ends a model span gluing them to others does not override (`_unglued`)
        bounded = [m for m in ruled if m.evidence in _BOUNDED or (m.start, m.end) in people]
        # ...and a place the rules read from the words around it, not from a head word of its own (`the town of
        # Bridgton`, `in Fairmont , West Virginia`; not `Fairmont State`), is a place whatever the model read
        in_context = {
            span for span, label in shapes.items()
            if label == "GPE" and text[span[0] : span[1]].rsplit(" ", 1)[-1] not in self.rules.shapes.gpe_heads
        }
        informed = [
            _placed(text, self._by_rules_evidence(self._with_knowledge(text, m), people, shapes, in_context), places)
            for m in _unglued(text, _honoured(text, statistical, ruled), bounded)
            if not _misread(text, m)
        ]
        # The rules' organization or place shape on the same words outweighs the model span's last word
        # (`Center for Middle East Policy` is an organization by its head word, not a policy).
        # A person the model names in full (`Barack Obama`) keeps the surname alone (`Obama explained`): the answer
        # for each full name, which the surnames named do not change, is kept for the pass below.
        words = Counter(_COUNTED_WORD.findall(text))
        full_names = {
            m: self._nameless_person(text, m, words)
            for m in informed
            if m.label == "PERSON" and " " in text[m.start : m.end]
        }
        named = frozenset(text[m.start : m.end].rsplit(" ", 1)[1] for m, no_name in full_names.items() if not no_name)

        def nameless(m: Mention) -> bool:
            answer = full_names.get(m)
            return self._nameless_person(text, m, words, named) if answer is None else answer

        model = [
            m for m in informed
            if m.evidence == "known" or (m.start, m.end) in shapes or not (self._plain_word(text, m) or nameless(m))
        ]
        # Nested names keep only the outer one, even when the outer one is none of ours:
        # no `Paris` in `Paris Air Show`, no `Dow` in `Dow Jones Industrial Average`.
        events = [
            m for m in informed if m.evidence != "known" and (m.start, m.end) not in shapes and self._event(text, m)
        ]
        ruled = [m for m in ruled if not any(e.start <= m.start and m.end <= e.end for e in events)]
        # A place the model read before a comma and a known place stays one where the document's organization
        # starts with its name (`in Fairmont , West Virginia` after `Fairmont State University`).
        model_places = {
            (m.start, m.end) for m in model if m.label in ("GPE", "LOC") and _before_place(text, m, places)
        }
        ruled = [m for m in ruled if not (_short_form(text, m) and (m.start, m.end) in model_places)]
        # A shape name or a first-named person the model split in pieces is one name: `Chrysler` + `LLC` is
        # `Chrysler LLC`, `Esteban` + `Moreno` is `Esteban Moreno`.
        joined = [m for m in ruled if m.evidence == "shape" or (m.evidence == "guess" and self._first_named(text, m))]
        taken = [m for m in joined if _joins_pieces(m, model)]
        taken += [m for m in ruled if _overrides(m) and not _inside_longer(text, m, model)]
        # ...and where the model found nothing (`Moses Mendelssohn`); the rules' other guesses are not used.
        fill = [m for m in ruled if m.evidence in _FILL or self._first_named(text, m)]
        for candidate in model + fill:
            if all(candidate.end <= m.start or m.end <= candidate.start for m in taken):
                taken.append(candidate)
        kept = [m for m in taken if not (m.label == "ORG" and _product(text, m) or _in_adjective(text, m))]
        return _surnames_as_people(text, sorted(kept, key=lambda m: m.start))

    def _first_named(self, text: str, mention: Mention) -> bool:
        """Words of a rules PERSON that open with a known first name, end in no ordinary English word or
        acronym and are followed by no capitalized word (`Moses Mendelssohn`, not `Dave Matthews Band`,
        `Mac OS X`), and are no place before a plural (`Denver Nuggets`, a club)."""
        words = text[mention.start : mention.end].split(" ")
        shapes = self.rules.shapes
        return (
            mention.label == "PERSON"
            and len(words) > 1
            and words[0] in shapes.given_names
            and not shapes.is_common(words[-1])
            and not any(w.isupper() for w in words)
            and not text[mention.end : mention.end + 2].strip()[:1].isupper()  # `Martin Luther` of `... King`
            and not (words[-1].endswith("s") and self.rules.gazetteer.spells(words[0]))  # `Denver Nuggets`: a club
        )

    @staticmethod
    def _by_rules_evidence(
        mention: Mention,
        people: set[tuple[int, int]],
        shapes: dict[tuple[int, int], str],
        places_by_context: set[tuple[int, int]],
    ) -> Mention:
        span = (mention.start, mention.end)
        if mention.evidence == "known":
            return mention
        if span in people and mention.label != "PERSON":
            return _relabel(mention, "PERSON", "the rules read a person with a known first name")
        if span in shapes and mention.label == "PERSON":
            return _relabel(mention, shapes[span], "the rules read an organization or place by its head word")
        if span in places_by_context and mention.label != "GPE":  # `the town of Bridgton` as a model ORG
            return _relabel(mention, "GPE", "the rules read a place from the words around it")
        return mention

    def _first_name_and_word(self, surface: str) -> bool:
        """A known first name before one ordinary word, an organization's head word or not: the model's person
        (`Jim Press`) stays one."""
        words = surface.split(" ")
        shapes = self.rules.shapes
        return (
            len(words) == 2
            and words[0] in shapes.given_names
            and shapes.is_common(words[1])
            and not self.rules.gazetteer.spells(words[0])  # `Darwin Railway`: a place's railway
        )

    def _plain_word(self, text: str, mention: Mention) -> bool:
        """A model span the gazetteer does not know that is lower case (`iPhone`, a product), one
        ordinary English word (`Video`, `Pro`) or nationality adjective (`German`), a month, weekday or
        time zone, an event's name (`Paris Air Show`), or what the rules know is none of our labels (`GDP`,
        `Dow Jones`, `Nasdaq`): no name."""
        surface = text[mention.start : mention.end]
        if surface[0].islower() or self._event(text, mention) or self._opens_a_non_name(text, mention):
            return True
        shapes = self.rules.shapes
        return " " not in surface and (
            surface in CALENDAR_AND_CLOCK
            or shapes.is_common(surface)
            or surface in shapes.demonyms
            or surface in shapes.org_heads and surface not in _LONE_BODIES  # `the Committee`: no name alone
        )

    def _opens_a_non_name(self, text: str, mention: Mention) -> bool:
        """Whether the model span opens a spelling that is none of our labels, within it or running on past its end
        on the line (`Standard & Poor` of the index `Standard & Poor 's 500`, `Victoria` of `Victoria Cross`)."""
        line_end = text.find("\n", mention.end, mention.end + _NON_NAME_REACH)
        return self.rules.not_a_name(text[mention.start : mention.end + _NON_NAME_REACH if line_end < 0 else line_end])

    def _nameless_person(
        self, text: str, mention: Mention, counts: Counter[str], named: frozenset[str] = frozenset()
    ) -> bool:
        """A model PERSON with no known first name or surname in it (`Hang Seng`, `Mac OS`) nor the shape of a
        full name (`Barack Obama`: both words unknown to the lists), one word used as a thing's name (`the Mac`,
        `Mac OS X`) unless it is the surname of a person the document ``named`` in full, or a model ORG of
        ordinary English words only, without an organization's head word (`Business Developer`). ``counts``: how
        often the text writes each word."""
        shapes = self.rules.shapes
        words = text[mention.start : mention.end].replace(".", " ").split()
        if mention.label == "ORG":
            return all(shapes.is_common(w) and w not in shapes.org_heads for w in words)
        if mention.label != "PERSON":
            return False
        if len(words) == 1 and words[0] in named:
            return False
        if len(words) == 1 and _used_as_a_thing(text, mention):
            return True
        if any(w in shapes.given_names or w in shapes.surnames or len(w) == 1 for w in words):
            return False
        return not (
            len(words) > 1
            and all(self._name_shaped(w) for w in words)
            and not words[-1].endswith("s")  # a plural (`Fremantle Dockers`, `Soleilmoon Recordings`)
            and _surname_alone(text, mention, words[-1], counts)
        )

    def _name_shaped(self, word: str) -> bool:
        """A word written as a personal name (`Obama`, `McCain`, `O'Leary`) that is no ordinary English word,
        nationality or head word: the model's reading of it as a name part needs no name list."""
        shapes = self.rules.shapes
        return (
            _NAME_SHAPE.fullmatch(word) is not None
            and not shapes.is_common(word)
            and word not in shapes.demonyms
            and word not in shapes.org_heads
            and word not in shapes.loc_heads
            and not self.rules.gazetteer.spells(word)  # `Hollywood Canteen`, `Trafalgar Dock`
        )

    def _event(self, text: str, mention: Mention) -> bool:
        """Several words ending in an event, index or law word (`... Show`, `... Average`, `... Act`), or opening
        with one before `of` (`Battle of Gettysburg`, `Treaty of Versailles`)."""
        words = text[mention.start : mention.end].split(" ")
        misc_heads = self.rules.shapes.misc_heads
        return len(words) > 1 and (words[-1] in misc_heads or words[1] == "of" and words[0] in misc_heads)

    def _with_knowledge(self, text: str, mention: Mention) -> Mention:
        surface = text[mention.start : mention.end]
        entry = self.rules.lookup(surface)
        if entry is None or entry.label == "TITLE":
            return self._by_head_word(surface, mention)
        if self.rules.not_a_name(surface) and _an_index(text, mention, entry.name):
            return replace(mention, why=f"{mention.why}; {surface!r} is a stock index here, not {entry.name!r}")
        why = f"{mention.why}; gazetteer {entry.label} {entry.name!r}"
        return Mention(mention.start, mention.end, entry.label, entry.name, entry.id, evidence="known", why=why)

    def _by_head_word(self, surface: str, mention: Mention) -> Mention:
        """The shape of a name over the model's label: a name ending in an organization's, a maker's or a place's
        head word is one (`Saturn Corporation`, `Douglas Aircraft` ORGs, `Changi Airport`, `Lincoln Reservoir` LOCs), and
        a lone first name the model read as an organization is a person (`László`)."""
        shapes = self.rules.shapes
        if " " not in surface:
            # ...over an organization, not over a place: places are named after people (`Victoria`, `Florence`)
            if mention.label == "ORG" and surface in shapes.given_names and not shapes.is_acronym(surface):
                return _relabel(mention, "PERSON", f"first name {surface!r}")
            return mention
        head = surface.rsplit(" ", 1)[1]
        if head in shapes.org_heads and mention.label == "PERSON" and not self._first_name_and_word(surface):
            return _relabel(mention, "ORG", f"organization head word {head!r}")
        if mention.label == "PERSON" and self.rules.named_after_founder(surface.split(" ")):  # `Douglas Aircraft`
            return _relabel(mention, "ORG", f"a personal name before {head!r}: a maker named after its founder")
        if head in shapes.loc_heads and mention.label in ("PERSON", "ORG"):
            return _relabel(mention, "LOC", f"place head word {head!r}")
        return mention


def _surname_alone(text: str, mention: Mention, surname: str, words: Counter[str]) -> bool:
    """Whether the text also names the person by ``surname`` alone (`Obama explained` after `Barack Obama`), as
    news does with people, not with towns (`Kurri Kurri`) or bands (`Yothu Yindi`): more of it than the full name
    holds. ``words``: how often the text writes each word (`_COUNTED_WORD`)."""
    full = text[mention.start : mention.end]
    return words[surname] > _whole_name_count(text, full) * full.split().count(surname)


def _whole_name_count(text: str, name: str) -> int:
    """How often ``text`` writes ``name`` as a whole name (`Ann Lee`, not inside `Ann Leeson`): found by `str.find`,
    with no pattern compiled per name."""
    count, at = 0, text.find(name)
    while at >= 0:
        end = at + len(name)
        if not (at and _WORD_CHARACTER.match(text, at - 1)) and not _WORD_CHARACTER.match(text, end):
            count += 1
        at = text.find(name, at + 1)
    return count


def _honoured(text: str, statistical: list[Mention], ruled: list[Mention]) -> list[Mention]:
    """A model organization or place opening with an honorific before the rules' person is that person (`Dr
    Hollingworth`, `the Hon Derog` of `the Hon Derog Gioura` as model ORGs), while `Lord Howe Island` stays a
    place."""
    people = {r.start: r for r in ruled if r.evidence == "cue" and r.label == "PERSON"}
    result = []
    for m in statistical:
        person = people.get(after_honorifics(text, m.start, m.end)) if m.label != "PERSON" else None
        if person is not None and m.start < person.start < m.end:
            why = f"{m.why}; PERSON: {text[m.start : person.start].strip()!r} and the rules' person"
            m = replace(m, start=person.start, end=person.end, label="PERSON", canonical=person.canonical, why=why)
        result.append(m)
    return result


def _an_index(text: str, mention: Mention, entry_name: str) -> bool:
    """A gazetteer name that is also a stock index's (`Nasdaq`, `Dow`) names the index when it is a short form
    (`Dow` for `Dow Chemical`) the document does not write in full, or when a market report follows it (`the
    Nasdaq fell 82 points`); `listed on the Nasdaq` is the exchange."""
    surface = text[mention.start : mention.end]
    if surface.casefold() != entry_name.casefold():
        return entry_name not in text  # `Dow said` after `Dow Chemical` is the company
    return _INDEX_TALK.match(text, mention.end) is not None


def _placed(text: str, mention: Mention, places: dict[int, str]) -> Mention:
    """A model person or organization after a locative preposition and before `, ` and a gazetteer place is a
    place in that place (`to Sandy Hook , Maryland`), and so is a one-word organization before `, ` and a state,
    county or province (`Grantham , Lincolnshire`; not `Toyota , Japan 's carmaker`)."""
    if mention.evidence == "known" or mention.label not in ("PERSON", "ORG"):
        return mention
    place = _before_place(text, mention, places)
    if place is None:
        return mention
    if _LOCATIVE.search(text, max(0, mention.start - 12), mention.start):
        return _relabel(mention, "GPE", "a preposition before it and a place after its comma")
    if mention.label == "ORG" and " " not in text[mention.start : mention.end] and "-" in place:
        return _relabel(mention, "GPE", f"a state, county or province after its comma ({place})")
    return mention


def _before_place(text: str, mention: Mention, places: dict[int, str]) -> str | None:
    """The id of the gazetteer place after a comma right after ``mention`` (`Maryland` in `Sandy Hook ,
    Maryland`), if any."""
    after = re.match(r"\s*,\s*", text[mention.end : mention.end + 4])
    return None if after is None else places.get(mention.end + after.end())


def _short_form(text: str, mention: Mention) -> bool:
    """A rules organization that is the first word of one the document names in full (`Fairmont` for
    `Fairmont State University`)."""
    surface = text[mention.start : mention.end]
    full = mention.canonical or ""
    return mention.evidence == "known" and mention.label == "ORG" and full.startswith(surface + " ")


def _relabel(mention: Mention, label: str, why: str) -> Mention:
    return replace(mention, label=label, why=f"{mention.why}; {label}: {why}")


def _overrides(mention: Mention) -> bool:
    """Gazetteer names and titles replace the model spans they overlap (`President Vladimir Putin` as
    one model PERSON becomes the TITLE `President`, then the rules' PERSON `Vladimir Putin` fills the gap)."""
    return mention.evidence == "known" or mention.label == "TITLE"


def _joins_pieces(mention: Mention, model: list[Mention]) -> bool:
    """Whether ``mention`` holds two model spans or more, or one shorter one (for a person, a PERSON one:
    `Army of the Rhine` over `Rhine`, not `Nazi Germany` over `Germany`), and no model span crosses its ends."""
    inside = [m for m in model if mention.start <= m.start and m.end <= mention.end]
    crossing = [m for m in model if m.start < mention.end and mention.start < m.end and m not in inside]
    shorter = [
        m for m in inside
        if (m.start, m.end) != (mention.start, mention.end) and (mention.label != "PERSON" or m.label == "PERSON")
    ]
    return (len(inside) > 1 or bool(shorter)) and not crossing


def _unglued(text: str, statistical: list[Mention], ruled: list[Mention]) -> list[Mention]:
    """Model spans, with those that glue names together cut into the names: two ``ruled`` names (gazetteer
    entries, shapes, people with a known first name) joined by `and`, `&` or a possessive are a list (`Angola and
    Mozambique`, `Discovery Institute 's Center for Science and Culture`, `Peter Collins & Mary Baxter`), and an
    organization before `at` is followed by its place
    (`University of Illinois at Urbana-Champaign`). The rules' names then stand; the model keeps the rest."""
    result = []
    for m in statistical:
        inner = sorted(
            (r for r in ruled if m.start <= r.start and r.end <= m.end),
            key=lambda r: r.start,
        )
        cuts = [(a.end, b.start) for a, b in zip(inner, inner[1:]) if text[a.end : b.start].strip() in _JOINING]
        cuts += [(a.end, a.end + 4) for a in inner if a.label == "ORG" and text.startswith(" at ", a.end, m.end - 1)]
        if not cuts:
            result.append(m)
            continue
        why = f"{m.why}, cut where it joins names ({text[m.start : m.end]!r})"
        start, label = m.start, m.label
        for cut_start, cut_end in [*sorted(cuts), (m.end, m.end)]:
            if cut_start > start:
                name = text[start:cut_start]
                result.append(replace(m, start=start, end=cut_start, label=label, canonical=name, why=why))
            start = cut_end
            label = "GPE" if text.startswith(" at ", cut_start) else m.label  # where the organization is
    return result


def _inside_longer(text: str, mention: Mention, model: list[Mention]) -> bool:
    """A gazetteer name strictly inside a model name: the outer name stands. A title after a name in a model
    person is a surname (`Martin Luther King`), not the office before a name (`President Vladimir Putin`) or
    after an article (`H. M. The Queen`)."""
    if mention.label == "TITLE":
        return any(
            m.label == "PERSON"
            and m.start < mention.start
            and mention.end <= m.end
            and not _after_article(text, m, mention)
            for m in model
        )
    if mention.label == "PERSON":
        return False
    return any(
        m.start <= mention.start and mention.end <= m.end and (m.start, m.end) != (mention.start, mention.end)
        for m in model
    )


def _after_article(text: str, person: Mention, title: Mention) -> bool:
    before = text[person.start : title.start].split()
    return bool(before) and before[-1] in ("The", "the")


@functools.cache
def _currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def _used_as_a_thing(text: str, mention: Mention) -> bool:
    """One word after an article or before an acronym: `the Mac`, `Mac OS X`, no one's name."""
    before = text[max(0, mention.start - 4) : mention.start].lower()
    after = text[mention.end : mention.end + 12].split(maxsplit=1)
    return before.endswith(("the ", " a ", " an ")) or bool(after) and len(after[0]) > 1 and after[0].isupper()


def _misread(text: str, mention: Mention) -> bool:
    """Model spans that are no names: a piece of a word (`GB` in `30GB`), a currency code (`USD`) or
    a country code in a currency (`US$`), a product's name opening with or after its model designation (`F-15
    Eagle`, `KC-10 Extender`)."""
    if mention.start > 0 and text[mention.start - 1].isalnum():
        return True
    if _DESIGNATION.match(text, mention.start) or _AFTER_DESIGNATION.search(
        text, max(0, mention.start - 12), mention.start
    ):
        return True
    return text.startswith("$", mention.end) or text[mention.start : mention.end] in _currency_codes()


def _in_adjective(text: str, mention: Mention) -> bool:
    """A name hyphenated to a lower-case word is part of an adjective (`an EADS-led consortium`, `Intel-based`, `an
    all-Airbus fleet`), no name of its own; tokenized gold never cuts a word there."""
    before = _HYPHENATED_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    return bool(before or _HYPHENATED_AFTER.match(text, mention.end))


def _product(text: str, mention: Mention) -> bool:
    """A maker's name with a model number after it or ending its span (`Boeing 787`, `Trent 900`)."""
    words = text[mention.start : mention.end].split(" ")
    return names_a_product(text, mention.end) or (len(words) > 1 and any(c.isdigit() for c in words[-1]))


def _surnames_as_people(text: str, mentions: list[Mention]) -> list[Mention]:
    """Once `Sandy Angers` is a PERSON, a later `Angers` is that person, not the French city."""
    people: dict[str, str] = {}
    result = []
    for m in mentions:
        surface = text[m.start : m.end]
        if m.label == "PERSON" and " " in surface:
            people.setdefault(surface.rsplit(" ", 1)[1], m.canonical or surface)
        elif m.label != "PERSON" and surface in people:
            why = f"the document names {people[surface]!r}, a person"
            m = replace(m, label="PERSON", canonical=people[surface], kb_id=None, evidence="known", why=why)
        result.append(m)
    return result
