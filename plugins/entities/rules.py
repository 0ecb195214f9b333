"""The `rules` backend: candidate spans, the evidence for each, then a decision.

Everything is built once in ``RulesTagger.__init__`` (called from the step's setup). Tagging is a
left-to-right pass over capitalized tokens: at each one the candidate spans (a title, a gazetteer
name, an organization shape, a run of name-like words) are weighed on their evidence: a first name
or surname from names-dataset, a middle initial, a title or honorific before, gazetteer membership,
head words (`... Airlines`, `... Park`), sentence and line position, capitals lines. Person-name
shape beats a place gazetteer (`William C. Dudley`, `Paris Hilton`). Then one reading per document:
a name tagged PERSON keeps its label and canonical form for its later short forms (`Mr Dudley`,
`Dudley`), in the title too. Each mention carries a short `why` for ``explain``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from pressroom.plugins.entities.gazetteer import Entry, Gazetteer, Match, load_entries
from pressroom.plugins.entities.mention import Evidence, Mention
from pressroom.plugins.entities.patterns import CALENDAR_AND_CLOCK, Shapes, load_shapes, names_a_product
from pressroom.plugins.entities.places import city_entries, country_entries, packaged_entries
from pressroom.plugins.entities.titles import load_titles
from pressroom.plugins.entities.tokens import Token, Tokenizer, tokenize

# Capitalized only because they open a sentence or a name they are not part of ("The Reserve Bank").
_DETERMINERS = frozenset("the a an this that these those his her its their our my your some all every each".split())
# Capitalized only because they open a sentence: no name starts with them (`If Congress acts`, `When Germany`).
_CONJUNCTIONS = frozenset("if when while but and or as so because although though unless until whether".split())
#: prepositions before which a place name that is also a common word (`Mobile`) may be trusted, and which put the
#: next name somewhere (`marching to Sandy Hook, Maryland`): the rules' and the hybrid's
PLACE_PREPOSITIONS = frozenset("in at near from to into via outside across around".split())
# Lower-case particles inside personal names (`Ludwig van Beethoven`, `Osama bin Laden`).
_NAME_PARTICLES = frozenset("van von de del der den da di du la le bin al el ibn".split())
# Short forms followed by a period that does not end the sentence.
_ABBREVIATIONS = frozenset("St Mt Inc Ltd Corp Co Jr Sr No Gen Lt Col Capt Gov Sgt Adm Maj Cdr Ft Pty".split())
# Legal forms close a company's name: `Chrysler LLC Jim Press` is the company, then a person.
LEGAL_FORMS = frozenset("Inc Incorporated Ltd Limited LLC LLP Corp Co Plc PLC N.V. GmbH S.A. SpA Oyj Bhd Pty AG".split())
_MAX_NAME_TOKENS = 5
#: what ends the clause after a stock index's name, before which a market report's figures would come
_CLAUSE_ENDS = frozenset([".", ";", ":", "!", "?"])
_QUOTES = frozenset("\"'“”‘’")
GENERATIONAL = frozenset(["Jr", "Sr"])
_DIGIT = re.compile(r"\d")


def _has_digit(words: Sequence[str]) -> bool:
    """Whether any of ``words`` holds a digit. Most are letters only, told without a regex search (whose set-up
    is most of its cost on a short name)."""
    joined = "".join(words)
    return not joined.isalpha() and _DIGIT.search(joined) is not None


_REGNAL = re.compile(r"[IVX]+|[JS]r\.?")  # `Elizabeth II`, `Clay Tice Jr.`: no surname
#: a Gaelic patronymic: a surname's shape (`McDonnell`, `MacArthur`), a first name only when the name lists say so
_PATRONYMIC = re.compile(r"Ma?c[A-Z]")
_MONTHS = frozenset(calendar.month_name[1:])
#: capitalized words before a colon at a line's start: a transcript speaker label (`PM:`, `HOST:`)
_MAX_LABEL_TOKENS = 4


def _currency_prefix(tokens: Sequence[Token], nxt: int) -> bool:
    """Whether the name ending before token ``nxt`` is glued to a `$`: `US$`, `A$`."""
    return nxt < len(tokens) and tokens[nxt].text == "$" and tokens[nxt].start == tokens[nxt - 1].end


_WORD = re.compile(r"\w+")
_NEXT_WORD = re.compile(r" +(\w+)")
_GLUE = frozenset(["and", "of", "the", "for", "on", "in", "to"])
#: short prepositions, whatever their case in a scanned release: never part of a personal name (`Near` may be)
_PREPOSITIONS = frozenset("in at to on of for by with from into via".split())
#: capitalized words that may end a personal name by themselves, lower-cased (``RulesTagger._stops_name``)
_NAME_STOPS = _DETERMINERS | _PREPOSITIONS | {"no", "i"}


def _spelled_out(acronym: str, text: str) -> bool:
    """Whether the last words of ``text`` stand for ``acronym``: each word but `and`, `of`... gives its initial, and
    maybe more of its own letters in order (`Worldwide Developers Conference` spells `WWDC`)."""
    letters = acronym.replace(".", "").lower()
    words = [w for w in map(str.lower, _WORD.findall(text)) if w not in _GLUE]

    def ends_with(k: int, m: int) -> bool:  # words[:k] end with a spelling of letters[:m]
        if m == 0:
            return True
        if k == 0:
            return False
        word = words[k - 1]
        for used in range(1, min(m, len(word)) + 1):  # the word gives letters[m - used:m]
            part = letters[m - used : m]
            if part[0] == word[0] and _in_order(part[1:], word[1:]) and ends_with(k - 1, m - used):
                return True
        return False

    return ends_with(len(words), len(letters))


def _in_order(part: str, rest: str) -> bool:
    position = 0
    for letter in part:
        position = rest.find(letter, position) + 1
        if not position:
            return False
    return True


#: a settlement's kind, then `of`, before a name: the name is the settlement's (`the village of Atwick`)
_SETTLEMENTS = frozenset(
    "town city village hamlet parish suburb municipality commune borough township seat".split()
)
_OF_THE = (" of ", " the ")


def _settlement_before(text: str, start: int) -> str:
    """The words `village of` (and so on) right before offset ``start``, or ''. Most names follow neither `of` nor
    `the`: those are told at once."""
    if not text.endswith(_OF_THE, 0, start):
        return ""
    words = text[max(0, start - 30) : start].split()
    if words and words[-1] == "the":
        words.pop()
    if len(words) < 2 or words[-1] != "of" or words[-2] not in _SETTLEMENTS:
        return ""
    if words[-2] == "seat" and words[-3:-2] != ["county"]:
        return ""  # `the county seat of Paxton`, not `a seat of learning`
    return " ".join(words[-3 if words[-2] == "seat" else -2 :])


def _country_or_continent(label: str, kb_id: str | None) -> bool:
    """Whether a known place is a country (its id a two-letter code) or a continent or region of the world (a LOC
    without an id: `North America`, `Europe`)."""
    return len(kb_id or "") == 2 or label == "LOC" and kb_id is None


#: heads that end an organization's name only before `of` and a capitalized word on the line, with the word that must
#: follow if any: chambers and firms (`Tasmanian House of Assembly`; not `Government House of Victoria`, a building
#: after a head word) and halls of fame (`College Football Hall of Fame`; not `Hall`, the surname)
_HEADS_BEFORE_OF = {"House": "", "Hall": "Fame"}

#: what a company does, right after its name (`Apple announces`, `Shell said`, `Target has reported`)
_COMPANY_VERB = re.compile(
    r" +((?:has |have |had )?(?:announce[sd]?|sa(?:id|ys)|report(?:s|ed)?|unveil(?:s|ed)?|launch(?:es|ed)?|"
    r"release[sd]?|plan(?:s|ned)|post(?:s|ed)))\b"
)

#: words a title of a work may hold in lower case (`Santa Through the Back Door`)
_TITLE_GLUE = frozenset("a an and as at by for from in of on or the to with".split())


def _quoted_title(text: str, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` open a quotation that holds only a title-cased phrase: a song's, a book's
    or an anthem's name (`" Santa Through the Back Door "`), not a person's name opening a quoted sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].rstrip(" ")
    if not before or before[-1] not in "\"“" or before[-1] == '"' and before.count('"') % 2 == 0:
        return False  # no quote before, or the one before closes a quotation (`"I agree," Kevin Rudd said`)
    line_end = text.find("\n", end)
    rest = text[end : len(text) if line_end < 0 else line_end]
    close = min((k for k in (rest.find('"'), rest.find("”")) if k >= 0), default=-1)
    if close < 0 or close > 60:
        return False
    return all(w[0].isupper() or w in _TITLE_GLUE for w in rest[:close].split())


#: what a capitalized word's spelling alone tells ``tag`` (``RulesTagger._word_kind``)
_SKIP, _LONE, _OTHER = "skip", "lone", "other"
_MAX_KINDS = 200_000


class RulesTagger:
    def __init__(self, gazetteer_paths: Iterable[str] = (), extra_titles: Iterable[str] = ()) -> None:
        self.shapes: Shapes = load_shapes()
        self.titles = load_titles(extra_titles)
        self.abbreviations = self.titles.honorifics | _ABBREVIATIONS
        self.gazetteer = Gazetteer()
        # First come, first served for a spelling: the user's files, then curated data, then bulk data.
        for path in gazetteer_paths:
            self.gazetteer.add(load_entries(path))
        self.gazetteer.add(country_entries())
        self.gazetteer.add(packaged_entries("places.yaml"))
        self.gazetteer.add(packaged_entries("organizations.yaml"))
        companies = packaged_entries("companies.yaml", self.shapes.common_words)
        self.gazetteer.add(companies)
        self._companies = frozenset(e.name for e in companies)  # their branches are named after places
        # a city named like an office word (`Officer`, Victoria) is trusted only where a place is expected
        self.gazetteer.add(city_entries(self.shapes.common_words | {w.lower() for w in self.titles.words}))
        self.not_names = Gazetteer()
        self.not_names.add(Entry(spelling, "") for spelling in self.shapes.not_names)  # no label: skipped
        # The lower-case words any rule or spelling looks at; all others may be collapsed into gaps.
        keep = (
            {"of", "for", "on", "the", "and"}
            | _NAME_PARTICLES
            | PLACE_PREPOSITIONS
            | self.shapes.connectors
            | self.gazetteer.lower_case_words()
            | self.titles.titles.lower_case_words()
            | self.shapes.org_descriptors
            | self.shapes.person_descriptors
        )
        self.tokenize = Tokenizer(self.abbreviations, keep)
        self._descriptors = self.shapes.org_descriptors | self.shapes.person_descriptors
        self._heads = self.shapes.org_heads | self.shapes.loc_heads  # in no one's name
        # Words that may open a title, a gazetteer or blocked name, an organization shape or a cue: a
        # capitalized sentence opener that is none of them and ordinary English is passed over at once.
        self._openers = frozenset(
            self.gazetteer.first_words()
            | self.titles.titles.first_words()
            | self.not_names.first_words()
            | self.titles.honorifics
            | self.shapes.greetings
            | self.shapes.org_heads
            | self.shapes.team_openers
        )
        # The words each lexicon's spellings start with, as written and case-folded: ``_at`` asks a lexicon for a
        # match only where one may start (most capitalized words start no spelling of most lexicons).
        self._title_starts = self.titles.titles.first_words(), self.titles.titles.first_words(fold_case=True)
        self._place_starts = self.gazetteer.first_words(), self.gazetteer.first_words(fold_case=True)
        self._not_name_starts = self.not_names.first_words()
        # spelling -> _SKIP/_LONE/_OTHER, filled as documents are read (outside and inside capitals lines)
        self._kinds: dict[str, str] = {}
        self._caps_kinds: dict[str, str] = {}

    def lookup(self, name: str) -> Entry | None:
        """The gazetteer entry spelled exactly ``name``, if any."""
        tokens = tokenize(name, self.abbreviations)
        match = self.gazetteer.match(tokens, 0) if tokens else None
        return match.entry if match is not None and match.length == len(tokens) else None

    def not_a_name(self, name: str) -> bool:
        """Whether ``name`` opens with a spelling that is none of our labels (`GDP`, `Dow Jones Industrial`)."""
        tokens = tokenize(name, self.abbreviations)
        return bool(tokens) and self.not_names.match(tokens, 0) is not None

    # ----------------------------------------------------------------- one document
    def tag_documents(self, documents: Iterable[tuple[str, str]]) -> Iterator[tuple[list[Mention], list[Mention]]]:
        """(title mentions, text mentions) of each (title, text): the text is read first, so that the
        names it introduces in full keep their reading in the title (one reading per document)."""
        for title, text in documents:
            known: dict[str, Mention] = {}
            in_text = self.tag(text, known)
            yield self.tag(title, known), in_text

    def tag(self, text: str, known: dict[str, Mention] | None = None) -> list[Mention]:
        """Mentions in ``text``; ``known`` holds the names read so far in the document and gains this text's."""
        tokens, capitals = self.tokenize.with_capitals(text)
        mentions: list[Mention] = []
        unresolved: list[tuple[int, int]] = []  # token ranges that may be names seen elsewhere in the text
        kinds, caps_kinds, descriptors = self._kinds, self._caps_kinds, self._descriptors
        last = len(tokens) - 1
        i = 0
        for k in capitals:  # the indices of the capitalized tokens: the only ones a name starts at
            if k < i:
                continue
            i = k
            tok = tokens[i]
            # a line's first word may open a speaker label (`PM:`, `JOURNALIST:`): who speaks next, not a name
            first_of_line = not i or tok.new_line
            # (a label's words are capitalized up to its colon: most lines' second token says there is none)
            if first_of_line and i < last and (tokens[i + 1].capitalized or tokens[i + 1].text == ":"):
                label_end = self._speaker_label_end(tokens, i)
                if label_end is not None:
                    i = label_end
                    continue
            # Most capitalized words are settled by their spelling alone (see _word_kind): no call to _at.
            if tok.in_caps_line:
                kind = caps_kinds.get(tok.text) or self._word_kind(tok.text, caps=True)
            else:
                kind = kinds.get(tok.text) or self._word_kind(tok.text, caps=False)
            if kind is _SKIP:
                i += 1
                continue
            # a lone word, unless read after a descriptor (`airline Qantas`) or running on into a name
            if kind is _LONE and (first_of_line or tokens[i - 1].text not in descriptors):
                nxt = tokens[i + 1] if i < last else None
                if nxt is None or not nxt.capitalized and nxt.text != "&" and nxt.text not in _NAME_PARTICLES:
                    unresolved.append((i, i + 1))
                    i += 1
                    continue
            found, i, leftover = self._at(tokens, i)
            mentions.extend(found)
            if leftover is not None:
                unresolved.append(leftover)
        found = self._propagate(text, tokens, capitals, mentions, unresolved, {} if known is None else known)
        return [m for m in found if not (m.label == "ORG" and names_a_product(text, m.end))]

    def _word_kind(self, text: str, *, caps: bool) -> str:
        """What ``_at`` does with a capitalized ``text`` on its own: _SKIP when it returns no mention and no
        leftover (a determiner, or in a capitals line a word that opens no spelling, honorific or greeting),
        _LONE when, next to no capitalized word, it is a lone word left unresolved, _OTHER when it depends on
        more. A token opening a line is first looked at as a speaker label (``tag``); remembered per spelling."""
        word = text.title() if caps else text
        if word.lower() in _DETERMINERS or word.lower() in _CONJUNCTIONS or word in CALENDAR_AND_CLOCK:
            kind = _SKIP
        elif text in self.titles.post_nominals or word in self.shapes.greetings or word in self.titles.honorifics:
            kind = _OTHER
        elif caps:
            folded = text.casefold()
            opens = (
                self.not_names.opens(text)
                or self.titles.titles.opens(folded, fold_case=True)
                or self.gazetteer.opens(folded, fold_case=True)
            )
            kind = _OTHER if opens else _SKIP
        elif text in self._openers or text.isupper():
            kind = _OTHER
        elif len(text) > 1 and text not in GENERATIONAL and not self.shapes.is_acronym(text):
            kind = _LONE
        else:
            kind = _OTHER
        kinds = self._caps_kinds if caps else self._kinds
        if len(kinds) >= _MAX_KINDS:  # a long run meets ever more spellings: start over rather than grow
            kinds.clear()
        kinds[text] = kind
        return kind

    def _at(self, tokens: Sequence[Token], i: int) -> tuple[list[Mention], int, tuple[int, int] | None]:
        """Mentions starting at capitalized token ``i``, the next index, and a range left unresolved. ``tag`` has
        read ``i`` as no speaker label and its spelling as no word to skip (``_word_kind``)."""
        tok = tokens[i]
        caps = tok.in_caps_line
        word = tok.text.title() if caps else tok.text
        if tok.text in self.titles.post_nominals and i and (
            tokens[i - 1].text == "," or tokens[i - 1].capitalized and tokens[i - 1].text.lower() not in _DETERMINERS
        ):
            if not self.gazetteer.match(tokens, i):  # `Pat Anderson AO`, `Peter Cosgrove AC MC`, `John Smith, OBE`
                return [], i + 1, None
        previous = tokens[i - 1].text if i else ""
        # `Nancy Wake AC, GM`: an honour in a list follows a post-nominal, or a comma after one
        if (previous in self.titles.post_nominals or previous == ",") and self._in_honours(tokens, i):
            return [], i + 1, None
        if (
            tok.sentence_start
            and not caps
            and not tok.text.isupper()
            and (i + 1 == len(tokens) or not tokens[i + 1].capitalized)
            and word not in self._openers
            and self.shapes.is_common(word)
            and word not in self.shapes.given_names
        ):  # `However, ...`: the same outcome as the checks below, without them
            return [], i + 1, (i, i + 1)
        if word in self.shapes.greetings:
            greeted = self._greeted(tokens, i)
            return greeted, i + 1 + len(greeted), None
        # Most capitalized words start no spelling: one set lookup instead of three gazetteer lookups.
        opener = caps or tok.text in self._openers or tok.text.isupper()
        blocked = self.not_names.match(tokens, i) if opener and tok.text in self._not_name_starts else None
        if blocked is not None:  # `GDP`, `Dow Jones`: capitalized, and none of our labels
            longer = self.gazetteer.match(tokens, i)
            if not self._known_over_blocked(tokens, i, blocked.length, longer):  # `Dow Chemical` is the company
                return [], i + blocked.length, None
        if i and not caps and not tok.new_line and previous in self._descriptors:
            described = self._described(tokens, i)
            if described is not None:
                return described
        if word in self.titles.honorifics:
            j = self._after_honorific(tokens, i, word)
            end = self._name_run(tokens, j, after_cue=True)
            if end > j and self._classify_run(tokens, j, end)[0] in ("PERSON", "ORG", None):
                people = [self._person(tokens, j, end, evidence="cue", why=f"after the honorific {word!r}")]
                if word in self.titles.plural_honorifics:
                    more, end = self._listed_people(tokens, end, word)
                    people += more
                return people, end, None
            return [], j, None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            not opener
            and (nxt is None or not nxt.capitalized and nxt.text != "&" and nxt.text not in _NAME_PARTICLES)
            and len(tok.text) > 1
            and tok.text not in GENERATIONAL
            and not self.shapes.is_acronym(tok.text)
        ):  # a lone capitalized word that opens nothing: the outcome of the checks below, without them
            return [], i + 1, (i, i + 1)
        if not caps:
            # a head word, or capitalized words after this one, else no organization is named by shape here
            heads_on = tok.text in self.shapes.org_heads or nxt is not None and (nxt.capitalized or nxt.text == "&")
            org_end = self._organization_end(tokens, i) if heads_on else None
            known = self.gazetteer.match(tokens, i) if org_end is not None and opener else None
            office = self.titles.titles.match(tokens, i) if org_end is not None and opener else None
            if office is not None:
                after = i + office.length
                # `Chairman Westpac Banking Corporation` is an office, then an organization; an office ending
                # the text (`... as Chief Government Whip`) is just the office
                if after == len(tokens) or tokens[after].text not in self.shapes.org_heads:
                    org_end = None
            if org_end is not None and (known is None or i + known.length < org_end):  # `Soviet Union` is known:
                why = "organization head word or legal form"
                return [self._mention(tokens, i, org_end, "ORG", evidence="shape", why=why)], org_end, None
        fold = caps or (len(word) > 3 and tok.text.isupper())
        title = place = None
        if opener:
            folded = tok.text.casefold() if fold else tok.text
            if folded in self._title_starts[fold]:
                title = self.titles.titles.match(tokens, i, fold_case=fold)
            if (folded if caps else tok.text) in self._place_starts[caps]:
                place = self.gazetteer.match(tokens, i, fold_case=caps)
        if title is not None and (place is None or place.length <= title.length):  # `General Motors` is no title
            if not (tok.sentence_start and title.length == 1 and self._starts_name(tokens, i)):
                return self._title(tokens, i, title.entry, title.length)
        if not caps and place is None and tok.text in self.shapes.team_openers:
            club = self.gazetteer.match(tokens, i + 1) if i + 1 < len(tokens) and not tokens[i + 1].new_line else None
            if club is not None and club.entry.label in ("GPE", "LOC"):  # `FC Basel`, `Real Madrid`
                why = f"sports club: {tok.text!r} before the place {club.entry.name!r}"
                end = i + 1 + club.length
                return [self._mention(tokens, i, end, "ORG", evidence="shape", why=why)], end, None
        # a capitalized word right after the place, else no club, head word or longer name follows it
        place_end = i if place is None else i + place.length
        capital_after = place is not None and place_end < len(tokens) and tokens[place_end].capitalized
        if not caps and capital_after and place is not None and place.entry.label in ("GPE", "LOC"):
            team_end = self._team_end(tokens, place_end, city=self._city(place.entry, tok.text))
            if team_end is not None:  # `Boston Bruins`, `Manchester United`: a club, not the city or a person
                why = f"sports club: the place {place.entry.name!r} before {tokens[team_end - 1].text!r}"
                return [self._mention(tokens, i, team_end, "ORG", evidence="shape", why=why)], team_end, None
        if place is not None and _currency_prefix(tokens, i + place.length):
            return [], i + place.length, None  # `US$`: a currency, not the country, whatever else the text says
        named_on = nxt is not None and (nxt.capitalized or nxt.text == "." or nxt.text in _NAME_PARTICLES)
        if named_on and place is not None and place.length == 1 and place.entry.label in ("GPE", "LOC"):
            # Person-name shape beats a place gazetteer: `Paris Hilton`, `Sydney Smith`.
            end = self._name_run(tokens, i, after_cue=True)
            label, why = self._classify_run(tokens, i, end) if end > i + 1 else (None, "")
            if label == "PERSON":
                why += f", over the place {place.entry.name!r}"
                return [self._mention(tokens, i, end, "PERSON", evidence="guess", why=why)], end, None
        if place is not None:
            if self._trust(tokens, i, place.entry, place.length):
                e = place.entry
                end = place_end
                head = self._place_head(tokens, end) if not caps and capital_after else None
                # a known place before a head word is a longer place: `Atlantic City`, `Sydney Cricket Ground`
                if head is not None:
                    shaped = "LOC" if tokens[head].text in self.shapes.loc_heads else "GPE"
                    why = f"known place {e.name!r} before the head word {tokens[head].text!r}"
                    return [self._mention(tokens, i, head + 1, shaped, evidence="shape", why=why)], head + 1, None
                event_end = self._event_end(tokens, end) if capital_after else None
                if event_end is not None:  # `Dow Jones Industrial Average`: nested names keep only the outer one
                    return [], event_end, None
                why = f"gazetteer {e.label} {e.name!r}"
                return [self._mention(tokens, i, end, e.label, e.name, e.id, why=why)], end, None
            return [], i + 1, (i, i + place.length)  # still a name if the document uses it as one elsewhere
        if caps:
            return [], i + 1, None
        if tok.sentence_start and self.shapes.is_common(tok.text) and tok.text not in self.shapes.given_names:
            return [], i + 1, (i, i + 1)
        end = self._name_run(tokens, i, after_cue=False)
        label, why = self._classify_run(tokens, i, end)
        if label is None:  # no evidence here; still a name if the document gives it elsewhere
            if word in self.shapes.demonyms:
                return [], i + 1, None  # `Nazi Germany`: the adjective names nothing, the place after it may
            return [], max(end, i + 1), (i, max(end, i + 1))
        if label == "PERSON":
            first = self._name_start(tokens, i, end)  # `Engineer John Greiner`, not `Mark W. Olson`
            return [self._mention(tokens, first, end, label, evidence="guess", why=why)], end, None
        evidence: Evidence = "shape" if label in ("GPE", "LOC") else "guess"
        return [self._mention(tokens, i, end, label, evidence=evidence, why=why)], end, None

    def _in_honours(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether token ``i`` (not the first) is an acronym other than a place's after a post-nominal, ending the line
        or before another one: an honour in a list of them, even where an organization has the same letters (`Nancy
        Wake AC, GM`: the George Medal, not General Motors; not `Tim Fischer MP, ABC reporter`)."""
        k = i - 2 if tokens[i - 1].text == "," else i - 1
        if k < 0 or tokens[k].text not in self.titles.post_nominals or not self.shapes.is_acronym(tokens[i].text):
            return False
        if self._place_at(tokens, i):
            return False  # `Mrs June Healy OAM  ACT`: where the person is from
        nxt = i + 2 if i + 2 < len(tokens) and tokens[i + 1].text == "," else i + 1
        return nxt == len(tokens) or tokens[nxt].new_line or tokens[nxt].text in self.titles.post_nominals

    def _after_honorific(self, tokens: Sequence[Token], i: int, word: str) -> int:
        """The index after the honorific ``word`` at ``i`` and its period; after `Rt`, after the honorific it opens too,
        however spelt (`the Rt. Hon.`, `the Rt. HIon.` in a scanned release)."""
        j = i + 2 if i + 1 < len(tokens) and tokens[i + 1].text == "." else i + 1
        if word in self.titles.honorific_prefixes and self._capitalized_at(tokens, j):
            j += 2 if j + 1 < len(tokens) and tokens[j + 1].text == "." else 1
        return j

    def _known_over_blocked(self, tokens: Sequence[Token], i: int, blocked: int, known: Match | None) -> bool:
        """Whether the gazetteer name at ``i`` outweighs the spelling of ``blocked`` tokens that names none of our
        labels there: a longer name (`Dow Chemical`, not `Dow`), or the same name spelled in full as the gazetteer
        gives it where no market report follows in its clause (`listed on the Nasdaq`, not `the Nasdaq fell 82
        points`)."""
        if known is None or known.length < blocked:
            return False
        if known.length > blocked:
            return True
        surface = " ".join(t.text for t in tokens[i : i + blocked])
        if known.entry.label != "ORG" or surface.casefold() != known.entry.name.casefold():
            return False  # `Dow`: a short form of `Dow Chemical`, and the index's name
        # a market report's figures in the clause (the tokenizer keeps digits, points and `%` next to them)
        for k in range(i + blocked, min(i + blocked + 16, len(tokens))):
            tok = tokens[k]
            if tok.new_line or tok.text == "%":
                return tok.text != "%"
            if tok.text == ".":
                # `82.65` (its decimals may be part of a gap, a run of lower-case words and numbers)
                glued = tokens[k - 1].end == tok.start and tokens[k - 1].text.isdigit()
                nxt = tokens[k + 1] if k + 1 < len(tokens) else None
                return not (glued and nxt is not None and (nxt.start == tok.end and nxt.text[:1].isdigit() or not nxt.text))
            if tok.text in _CLAUSE_ENDS:
                return True
            if tok.capitalized and self.not_names.match(tokens, k) is not None:
                return False  # `such as the Nasdaq and the S&P 500`: another index beside it
        return True

    def _described(self, tokens: Sequence[Token], i: int) -> tuple[list[Mention], int, None] | None:
        """`airline Aer Lingus`, `magazine Der Spiegel`, `analyst Chris Weafer`: the lower-case noun before
        the name says what it names, over what its words suggest. A title (`company Chairman`) or a known
        name spelled out whole (`manufacturer Boeing`) is left to the other rules."""
        noun = tokens[i - 1].text
        if noun in self.shapes.person_descriptors:
            label, end = "PERSON", self._name_run(tokens, i, after_cue=True)
        else:
            label, end = "ORG", self._described_end(tokens, i)
        if end <= i or self.titles.titles.match(tokens, i) is not None:
            return None
        known = self.gazetteer.match(tokens, i)
        if known is not None and i + known.length >= end:
            return None
        words = [t.text for t in tokens[i:end]]
        if label == "PERSON" and any(w in self.shapes.org_heads or w in self.shapes.loc_heads for w in words):
            return None
        if words[-1] in self.shapes.misc_heads or _has_digit(words):
            return None  # `company Worldwide Developers Conference`, `maker Airbus A380`: no organization
        why = f"after the {'person' if label == 'PERSON' else 'organization'} noun {noun!r}"
        evidence: Evidence = "cue" if label == "PERSON" else "shape"  # an organization by context, as by its words
        return [self._mention(tokens, i, end, label, evidence=evidence, why=why)], end, None

    def _described_end(self, tokens: Sequence[Token], i: int) -> int:
        """End of the capitalized words from ``i`` on one line, with `&` and particles between them and the
        period of a legal form (`Best Buy`, `Ernst & Young`, `Apple Inc.`)."""
        j = end = i
        while j < len(tokens) and j - i < 6 and not (j > i and tokens[j].new_line):
            tok = tokens[j]
            if tok.capitalized and tok.text[0].isalpha():
                if tok.text in self.titles.honorifics or tok.text in self.titles.post_nominals:
                    break
                if tok.text in CALENDAR_AND_CLOCK or (j > i and self.titles.titles.match(tokens, j) is not None):
                    break
                j = end = j + 1
                if j < len(tokens) and tokens[j].text == "." and tok.text in _ABBREVIATIONS:
                    j = end = j + 1
            elif j > i and (tok.text == "&" or tok.text in _NAME_PARTICLES):
                j += 1
            else:
                break
        return end

    def _speaker_label_end(self, tokens: Sequence[Token], i: int) -> int | None:
        """The index after the colon when capitalized words open a line and a colon follows them
        (`PM:`, `HOST:`, `JOURNALIST:`, `LEON BYNER:`); None otherwise."""
        j = i
        while j < len(tokens) and j - i < _MAX_LABEL_TOKENS and tokens[j].capitalized:
            if j > i and tokens[j].new_line:
                return None
            j += 1
        if j == len(tokens) or tokens[j].text != ":" or tokens[j].new_line:
            return None
        return j + 1

    def _listed_people(self, tokens: Sequence[Token], k: int, honorific: str) -> tuple[list[Mention], int]:
        """`Messrs. Hoenig, Melzer, and Poole`: the names after a plural honorific's first one, up to the word
        that is no name (`..., Senior Vice Presidents`); and the index after the last."""
        people = []
        while True:
            j = k
            if j < len(tokens) and tokens[j].text == ",":
                j += 1
            if j < len(tokens) and tokens[j].text == "and":
                j += 1
            if j == k or j >= len(tokens) or tokens[j].new_line or not self._name_like(tokens[j]):
                return people, k
            if self.titles.titles.opens(tokens[j].text) and tokens[j].text not in self.shapes.surnames:
                return people, k  # `..., Vice Presidents`: the office of those listed
            end = self._name_run(tokens, j, after_cue=True)
            if end == j or self._classify_run(tokens, j, end)[0] not in ("PERSON", None):
                return people, k
            people.append(self._person(tokens, j, end, evidence="cue", why=f"listed after {honorific!r}"))
            k = end

    def _greeted(self, tokens: Sequence[Token], i: int) -> list[Mention]:
        """`G'day Leon`: a first name alone after a greeting is the person greeted; the greeting is no name."""
        n = i + 1
        name = tokens[n].text if n < len(tokens) and not tokens[n].new_line else ""
        if name in self.shapes.given_names and name not in self.titles.honorifics:  # not `Dear Mr. Prime Minister`
            if n + 1 == len(tokens) or not tokens[n + 1].capitalized or tokens[n + 1].new_line:
                return [self._person(tokens, n, n + 1, evidence="cue", why=f"first name after {tokens[i].text!r}")]
        return []

    def _place_head(self, tokens: Sequence[Token], k: int) -> int | None:
        """Index of a place head word among the one to three capitalized words from ``k`` on the same line."""
        j = k
        while j < len(tokens) and j - k < 3 and tokens[j].capitalized and not tokens[j].new_line:
            word = tokens[j].text
            if word in self.shapes.loc_heads or word in self.shapes.gpe_heads:
                return j
            if word in self.shapes.org_heads or self.gazetteer.match(tokens, j) is not None:
                return None
            j += 1
        return None

    def _place_at(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether a known place (not an organization: `Officer, Federal Reserve Bank`) starts at token ``i``."""
        match = self.gazetteer.match(tokens, i)
        return match is not None and match.entry.label in ("GPE", "LOC")

    def _city(self, entry: Entry, word: str) -> bool:
        """A city or US state (`Boston`, `Texas`) that is no first name (`George`, `Sydney`)."""
        return (
            (entry.id or "").startswith(("geonames:", "US-"))
            and not entry.ambiguous
            and word not in self.shapes.given_names
        )

    def _team_end(self, tokens: Sequence[Token], k: int, *, city: bool) -> int | None:
        """End of a sports club's nickname from token ``k`` after a place: a team head word (`United`,
        `FC`) or, after a ``city``, one or two capitalized words on the same line ending in a plural that is
        no ordinary English word, head word, first name or plural of a title (`Bruins`, `Maple Leafs`)."""
        if self._place_head(tokens, k) is not None:
            return None  # a longer place: `Washington Dulles International Airport`
        for j in (k, k + 1):
            if j >= len(tokens) or not tokens[j].capitalized or tokens[j].new_line:
                return None
            word = tokens[j].text
            if word in self.titles.honorifics:
                return None  # `Commonwealth Mr Bowles`
            if j == k and word in self.shapes.team_heads:
                return j + 1
            if (
                city
                and len(word) > 3
                and word.endswith("s")
                and not word.endswith("ss")
                and word[:-1] not in self._openers  # `Ministers`, `Heads`: plurals of titles and names
                and word.isalpha()
                and not self.shapes.is_common(word)
                and word not in self.shapes.given_names
                and word not in self.shapes.org_heads
                and word not in self.shapes.loc_heads
                and word not in self.shapes.gpe_heads
                and word not in self.shapes.misc_heads
                and not self.gazetteer.spells(word)
            ):
                return j + 1
        return None

    def _event_end(self, tokens: Sequence[Token], k: int) -> int | None:
        """End of two to four capitalized words from token ``k`` that close on an event, index or law
        word (`Jones Industrial Average`, `Air Show`): then the name before them is part of that name.
        A single word is enough only if it names an event (`Sydney Festival`, `Melbourne Cup`, `Delta Program`):
        `New South Wales Review` may be the state's review. Words opening a name of their own that is none of ours
        (`United States Dow Jones Industrial Average`) leave the place before them standing."""
        j = k
        while j < len(tokens) and j - k < 4 and tokens[j].capitalized and not tokens[j].in_caps_line:
            j += 1
            word = tokens[j - 1].text
            if word in self.shapes.misc_heads and (j - k > 1 or word in self.shapes.event_heads):
                return j if self.not_names.match(tokens, k) is None else None
        return None

    # ----------------------------------------------------------------- titles and people
    def _title(self, tokens: Sequence[Token], i: int, entry: Entry, length: int) -> tuple[list[Mention], int, None]:
        end = i + length
        head = tokens[end].text if end < len(tokens) and not tokens[end].new_line else ""
        # `King Island`, `Queen Street` (not `President Park`, `Princess Marina`: surnames, first names)
        if length == 1 and head in self.shapes.loc_heads and head not in self.shapes.surnames and head not in self.shapes.given_names:
            why = f"place head word {head!r} after {tokens[i].text!r}"
            return [self._mention(tokens, i, end + 1, "LOC", evidence="shape", why=why)], end + 1, None
        if entry.name in self.titles.portfolio and end < len(tokens) and tokens[end].text in ("for", "of", "on"):
            end = self._continuation(tokens, end) or end
        canonical = entry.name
        while end < len(tokens) and not tokens[end].new_line:  # `Brigadier General`: one office, two words
            more = self.titles.titles.match(tokens, end, fold_case=tokens[end].in_caps_line)
            if more is None:
                break
            canonical = f"{canonical} {more.entry.name}"
            end += more.length
        found = [self._mention(tokens, i, end, "TITLE", canonical, evidence="cue", why="office in the title lexicon")]
        if end == len(tokens) or tokens[end].new_line:  # a list's `Chief Executive` line: the next line is another entry
            return found, end, None
        of_place = self._office_place(tokens, end) if tokens[end].text.lower() == "of" else None
        if of_place is not None:  # `President of the United States Barack Obama`: the office, its place, its holder
            k, place = of_place
            after = k + place.length
            e = place.entry
            held = self._mention(tokens, k, after, e.label, e.name, e.id, why=f"gazetteer {e.label} {e.name!r}")
            honorific = tokens[after].text.title() if tokens[after].in_caps_line else tokens[after].text
            if honorific in self.titles.honorifics:  # `Prime Minister of Australia Mr Howard`: the honorific's turn
                return [*found, held], after, None
            name_end = self._name_run(tokens, after, after_cue=True)
            if name_end > after + 1 and self._holder_name(tokens, after, name_end):
                why = f"after the office {entry.name!r} of {e.name!r}"
                return [*found, held, self._person(tokens, after, name_end, evidence="cue", why=why)], name_end, None
        org_end = self._organization_end(tokens, end) if tokens[end].capitalized else None
        if org_end is not None:  # `Chairman Westpac Banking Corporation`: the office, then whose
            why = f"organization head word or legal form, after the title {entry.name!r}"
            return [*found, self._mention(tokens, end, org_end, "ORG", evidence="shape", why=why)], org_end, None
        name_end = self._name_run(tokens, end, after_cue=True)
        if name_end > end + 1 and tokens[name_end - 1].text in self.shapes.misc_heads:
            name_end -= 1  # `Captain Cook Bicentenary`, `PRIME MINISTER Press Statement`: an event or a document
        if name_end == end + 1 and self._plain_word(tokens[end]):
            return found, end, None  # `the General Convention`: an ordinary word, no one's name
        caps = tokens[end].in_caps_line
        place = self.gazetteer.match(tokens, end, fold_case=caps) if name_end > end else None
        if place is not None and end + place.length == name_end and place.entry.label in ("GPE", "LOC"):
            # `PRIME MINISTER CANBERRA` (a letterhead), `Land Commander Australia`: a place after the office, but
            # `President Lagos`, `Air Marshal Houston` are people named like cities
            country = len(place.entry.id or "") == 2
            if (caps or country) and tokens[end].text.title() not in self.shapes.given_names:
                return found, end, None
        if name_end > end:
            found.append(self._person(tokens, end, name_end, evidence="cue", why=f"after the title {entry.name!r}"))
        return found, max(name_end, end), None

    def _office_place(self, tokens: Sequence[Token], of: int) -> tuple[int, Match] | None:
        """Where the known place an office is ``of`` starts, and the place (`Premier of Victoria`, `President of the
        United States`), when capitalized words follow it on the same line: a holder's name, not part of the place."""
        k = of + 1 + (of + 1 < len(tokens) and tokens[of + 1].text.lower() == "the")
        if not self._capitalized_at(tokens, k):
            return None
        place = self.gazetteer.match(tokens, k, fold_case=tokens[k].in_caps_line)
        if place is None or place.entry.label not in ("GPE", "LOC") or self._organization_end(tokens, k) is not None:
            return None  # `Director of the Commonwealth Serum Laboratories`: of a body named after the place
        word = tokens[k].text.title()
        if place.length == 1 and (self.shapes.is_common(word) or word in self.shapes.not_person_openers):
            return None  # `Administrator of the Commonwealth`: the word's ordinary sense
        after = k + place.length
        if not self._capitalized_at(tokens, after):
            return None
        return k, place

    def _holder_name(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """Whether the words after an office of a place are a name: no ordinary word (`Premier of Queensland Flood
        grants`, `... Philippines To Visit`), no acronym (`LTGEN`), no known place, no organization."""
        shapes = self.shapes
        for tok in tokens[start:end]:
            word = tok.text.title() if tok.in_caps_line else tok.text
            if len(word) > 1 and (shapes.is_common(word) or word.isupper() or word in shapes.org_heads):
                return False
        return self.gazetteer.match(tokens, start) is None and self._organization_end(tokens, start) is None

    def _plain_word(self, tok: Token) -> bool:
        """A head word (`Convention`) or ordinary English that is no first name or surname (not `Street`, `Brown`)."""
        word = tok.text.title() if tok.in_caps_line else tok.text
        shapes = self.shapes
        if word in shapes.misc_heads or word in shapes.org_heads or word in shapes.loc_heads:
            return True
        return shapes.is_common(word) and word not in shapes.given_names and word not in shapes.surnames

    def _person(self, tokens: Sequence[Token], start: int, end: int, *, evidence: Evidence, why: str) -> Mention:
        return self._mention(tokens, start, end, "PERSON", evidence=evidence, why=why)

    def _starts_name(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether a sentence-opening title word is really a first name (`General Motors` is not, `Major Mitchell`...)."""
        return i + 1 < len(tokens) and tokens[i + 1].text in self.shapes.org_heads

    def _name_like(self, tok: Token) -> bool:
        return tok.capitalized and (tok.in_caps_line or not self.shapes.is_common(tok.text))

    def _name_run(self, tokens: Sequence[Token], i: int, *, after_cue: bool) -> int:
        """End of the personal name starting at ``i`` (``i`` itself when there is none). A name stops at a
        line break, a post-nominal (`AC`, `MP`), a weekday or time zone, a title, head word or honorific."""
        j = i
        while j < len(tokens) and j - i < _MAX_NAME_TOKENS:
            tok = tokens[j]
            text = tok.text
            if j > i and tok.new_line:
                break
            if not tok.capitalized:  # only a particle (lower case) goes on, to a capitalized word on the line
                if text in _NAME_PARTICLES and j > i and j + 1 < len(tokens) and self._capitalized_at(tokens, j + 1):
                    j += 1
                    continue
                break
            if not text[0].isalpha() or text in self.titles.honorifics:
                break
            if text.lower() in _NAME_STOPS and self._stops_name(tokens, i, j):
                break
            word = text.title() if tok.in_caps_line and len(text) > 3 else text
            if word in self.titles.post_nominals or word in CALENDAR_AND_CLOCK and not self._month_in_name(tokens, j):
                break
            if tok.in_caps_line and (self.shapes.is_common(text) or text.title() in self.titles.honorifics):
                break  # `PRIME MINISTER TO MR JOHN MURRAY`: in capitals only the words tell
            if text[-1] == "s" and self.titles.titles.spells(text[:-1]):
                break  # `Vice Presidents`, `Governors`: offices in the plural, no one's name
            if text in self._openers and self._opens_another_name(tokens, i, j, after_cue=after_cue):
                break  # else no title or gazetteer name starts here
            # an initial or `Jr` keeps its period: `William C. Dudley`, `Clay Tice Jr.`
            dotted = len(text) == 1 or text in GENERATIONAL
            j += 2 if dotted and j + 1 < len(tokens) and tokens[j + 1].text == "." else 1
        return j

    def _stops_name(self, tokens: Sequence[Token], i: int, j: int) -> bool:
        """Whether the capitalized word at ``j`` (one of ``_NAME_STOPS``) of a name from ``i`` ends it: an article, a
        preposition, a number's `No`, the pronoun `I`."""
        text = tokens[j].text
        if len(text) > 1 and text.lower() in _DETERMINERS:
            return True  # `Sir Robert Menzies The Prime Minister ...`, `The Administrator Her Excellency ...`
        if j > i and text.lower() in _PREPOSITIONS and not self._capitalized_at(tokens, j + 1):
            return True  # `Mr Noboru Takeshita In 1988`: capitalized outside a headline, in no one's name
        if text in ("No", "NO") and j + 1 < len(tokens) and tokens[j + 1].text[:1] in ".0123456789":
            return True  # `PM No 85/1970`: a number
        # `Prime Minister Blair I will`: the pronoun, not a regnal number
        return j > i and text == "I" and j + 1 < len(tokens) and not tokens[j + 1].capitalized and (
            tokens[j + 1].text not in (".", ",", "'s", "’s")
        )

    def _opens_another_name(self, tokens: Sequence[Token], i: int, j: int, *, after_cue: bool) -> bool:
        """Whether an opener at ``j`` (a word that may start a title or a gazetteer name) in a name from ``i`` starts
        another name instead of going on with this one."""
        text = tokens[j].text
        if self.titles.titles.match(tokens, j) or j > i and text in self.shapes.org_heads:
            if not self._surname_like_office(tokens, i, j) and not self._surname_head(tokens, i, j):
                return True  # `Minister` after `Minister for Health and` is the next office, no one's name
        after_initial = j > 1 and tokens[j - 1].text == "." and len(tokens[j - 2].text) == 1
        if j > i + 1 and not after_initial and self.gazetteer.match(tokens, j) is not None:
            if not (j + 1 < len(tokens) and tokens[j + 1].text in GENERATIONAL):  # `William Clay Ford Jr.`
                return True  # `Ilham Aliyev Azerbaijan`: a name followed by a place, not one long name
        if j == i and not after_cue and self.gazetteer.match(tokens, j) is not None:
            return True
        # `EADS North America`: a company and its branch (`_branches`), no one's name
        return j == i + 1 and not tokens[j].in_caps_line and self._branch_at(tokens, i)

    @staticmethod
    def _capitalized_at(tokens: Sequence[Token], k: int) -> bool:
        """Whether a capitalized word follows at ``k`` on the same line (in a headline: `Visit To India`)."""
        return k < len(tokens) and tokens[k].capitalized and not tokens[k].new_line

    def _surname_like_office(self, tokens: Sequence[Token], i: int, j: int) -> bool:
        """`Martin Luther King`, `Julie Bishop`: an office word that is also a surname ends a name begun by a first
        name, when nothing after it continues an office (`... King of Spain`)."""
        tok = tokens[j]
        first = tokens[i].text
        if j == i or first not in self.shapes.given_names or tok.text not in self.shapes.surnames:
            return False
        if i and tokens[i - 1].text.lower() in _DETERMINERS or self.titles.titles.opens(first):
            return False  # `the Western Australian Premier`, `as Vice Premier`: an office after its qualifiers
        if self.shapes.is_common(first) or self.gazetteer.match(tokens, i):
            return False  # `Sydney Queen's Counsel`: an office after a place
        office = self.titles.titles.match(tokens, j)
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        return (office is None or office.length == 1) and (
            nxt is None or not nxt.capitalized and nxt.text not in _NAME_PARTICLES and nxt.text.lower() not in ("of", "for")
        )

    @staticmethod
    def _month_in_name(tokens: Sequence[Token], j: int) -> bool:
        """`Theresa May`: a month closing a name, not next to a number as in a date."""
        if tokens[j].text not in _MONTHS:
            return False
        nxt = tokens[j + 1].text if j + 1 < len(tokens) else ""
        return not (nxt[:1].isdigit() or tokens[j - 1].text[:1].isdigit())

    def _classify_run(self, tokens: Sequence[Token], start: int, end: int) -> tuple[str | None, str]:
        """The label of the capitalized words ``tokens[start:end]`` and the evidence for it."""
        shapes = self.shapes
        run = [t for t in tokens[start:end] if t.text != "." and t.text not in _NAME_PARTICLES]
        words = [t.text for t in run]
        if not words or words[0] in GENERATIONAL:
            return None, ""  # `..., Jr. Voting`: the end of a name before, not a name
        if len(words) == 1 and (words[0] in shapes.loc_heads or words[0] in CALENDAR_AND_CLOCK):
            return None, ""  # a lone `Street` or `UTC` names nothing
        if words[-1] in shapes.misc_heads or _has_digit(words):
            return None, ""  # events, laws and products (`Patriotic War`, `Airbus A380`, `Cape Class`)
        if words[-1] in shapes.loc_heads or (len(words) > 1 and words[0] in shapes.place_openers):
            return "LOC", "place head word"
        if len(words) > 1 and words[-1] in shapes.gpe_heads:
            return "GPE", f"head word {words[-1]!r}"
        if len(words) == 1:
            if shapes.is_acronym(words[0]) and not shapes.is_common(words[0]):
                return "ORG", "acronym"
            return None, ""
        if all(map(shapes.is_acronym, words)):
            return None, ""
        if words[0] in shapes.not_person_openers or words[-1] in shapes.demonyms:
            return None, ""  # `West Jersey`, `Fiji Indian` are no one's names
        if not self._heads.isdisjoint(words) and not self._surname_head(tokens, start, end - 1):
            return None, ""  # `Australian Government`
        if self._placed(tokens, start, end):
            return "GPE", "a place preposition before it, a comma and a known region after it"
        return self._person_evidence(run, start, tokens)

    def _surname_head(self, tokens: Sequence[Token], start: int, j: int) -> bool:
        """`Jim Press`, `Richard Court`: a first name alone before a head word that is also a surname (and that
        no `of ...` or capitalized word continues) is a person's name, not an organization's (`Victoria Police`,
        `Royal Court`, `High Court` are not: a place, an opener, no first name)."""
        if j != start + 1 or tokens[j].text not in self.shapes.surname_heads or tokens[j].new_line:
            return False
        first = tokens[start].text
        shapes = self.shapes
        if first not in shapes.given_names or shapes.is_common(first) or first in shapes.not_person_openers:
            return False
        if self.gazetteer.spells(first) or start and tokens[start - 1].text.lower() in _DETERMINERS:
            return False  # `Adelaide Bank`, `the Margaret Court Arena`
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        return nxt is None or nxt.new_line or not nxt.capitalized and nxt.text not in ("of", "for", "on")

    def _placed(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """`in Fairmont, West Virginia`, `marching to Sandy Hook, Maryland`: capitalized words after a place
        preposition, then a comma and a known state, province or county that ends the phrase, are a place in it."""
        if not start or tokens[start - 1].text not in PLACE_PREPOSITIONS or end + 1 >= len(tokens):
            return False
        if tokens[end].text != "," or tokens[end].new_line:
            return False
        region = self.gazetteer.match(tokens, end + 1)
        if region is None or region.entry.label not in ("GPE", "LOC") or "-" not in (region.entry.id or ""):
            return False  # `in Toyota, Japan's carmaker`: a country after the comma says less
        after = end + 1 + region.length
        return after == len(tokens) or not tokens[after].capitalized and tokens[after].text not in ("'s", "’s")

    def _person_evidence(self, run: list[Token], start: int, tokens: Sequence[Token]) -> tuple[str | None, str]:
        """PERSON when the words have a person's name shape: a known first name, a middle initial, an
        initial before a surname, or a known surname after a word that is no English word; ORG for a maker named
        after its founder (`Douglas Aircraft`) and for two surnames opening with a patronymic (`McDonnell Douglas`)."""
        names = [t.text.title() if t.in_caps_line else t.text for t in run]
        first = 0 if run[0].in_caps_line else self._office_words(names)  # a run is on one line
        given, last = names[first], names[-1]
        acronym = any(len(t.text) > 1 and t.text.isupper() and not t.in_caps_line for t in run[first:])
        if not any(self._name_like(t) for t in run[first:]) or acronym or (last.isupper() and not run[-1].in_caps_line):
            return None, ""  # `Mac OS X Lion`: no acronym in a personal name, no lone letter as a surname
        plain_given, plain_last = not self.shapes.is_common(given), not self.shapes.is_common(last)
        if not plain_last and last not in self.shapes.surnames and self.gazetteer.spells(given):
            return None, ""  # `Washington Mutual`: a place and an ordinary word (`Paris Hilton`, `Sydney Smith` are people)
        if last in self.shapes.maker_heads and self.named_after_founder(names[first:]):  # `Douglas Aircraft`
            return "ORG", f"a personal name before {last!r}: a maker named after its founder"
        if given in self.shapes.given_names and (plain_given or plain_last):  # `Steve Jobs`, `Mark Papermaster`
            return "PERSON", f"first name {given!r}"
        if not plain_last and not run[-1].in_caps_line:
            return None, ""
        if len(given) == 1 or any(len(t.text) == 1 and t.text.isupper() for t in run[first + 1 : -1]):
            return "PERSON", "name shape: initial and surname"
        if len(names) - first == 2 and _PATRONYMIC.match(given) and last in self.shapes.surnames:
            return "ORG", "two surnames, the first a patronymic: a firm named after its founders"
        if (
            last in self.shapes.surnames
            and not self.gazetteer.spells(last)  # `in Europe Spain has ...`: two places
            and last not in self.shapes.not_person_openers  # `the Moscone West center`: a part of a place
            and given.isalpha()
            and not self.shapes.is_common(given)
            and not tokens[start].sentence_start
        ):
            return "PERSON", f"surname {last!r}"
        return None, ""

    def named_after_founder(self, words: Sequence[str]) -> bool:
        """A known first name or surname, then a maker's head word: a maker named after its founder (`Douglas
        Aircraft`, `Martin Aircraft`), not a person. The rules and the hybrid ask it alike."""
        return (
            len(words) == 2
            and words[1] in self.shapes.maker_heads
            and (words[0] in self.shapes.given_names or words[0] in self.shapes.surnames)
        )

    # ----------------------------------------------------------------- organizations
    def _organization_end(self, tokens: Sequence[Token], i: int) -> int | None:
        """End of an organization named by shape: capitalized words up to a head word, plus `of ...`."""
        head = None
        j = i
        while j < len(tokens) and j - i < 6 and (
            tokens[j].capitalized
            or tokens[j].text == "&"
            or tokens[j].text == "and" and head is None and self._joins_fields(tokens, i, j)
        ):
            if j > i and (tokens[j].new_line or tokens[j].text in self.titles.honorifics):
                break
            before_of = None
            if tokens[j].text in self.shapes.org_heads or (
                tokens[j].text in _HEADS_BEFORE_OF and (before_of := self._head_before_of(tokens, i, j)) is not None
            ):
                after_place = j > i and tokens[j - 1].text in self.shapes.loc_heads
                office = self.titles.titles.match(tokens, j) if after_place else None
                if office is not None and office.length > 1:
                    break  # `White House Press Secretary`: a place, then an office, no organization's name
                head = j if before_of is None else before_of
                if tokens[j].text in LEGAL_FORMS and not (j + 1 < len(tokens) and tokens[j + 1].text in LEGAL_FORMS):
                    break
                if j + 1 < len(tokens) and tokens[j + 1].text in self.shapes.demonyms:
                    break  # `European Central Bank Swiss National Bank`: a list of names run together
            j += 1
        if head is None or (head == i and not (head + 1 < len(tokens) and tokens[head + 1].text in ("of", "for", "on"))):
            return None  # a bare `Organization` or `Council` is a back-reference, not a name
        if self._surname_head(tokens, i, head):
            return None  # `Jim Press`: a first name and a surname, not the `... Press` publisher
        end = head + 1
        if end < len(tokens) and not tokens[end].new_line and (
            tokens[end].text in self.shapes.loc_heads or tokens[end].text in self.shapes.misc_heads
        ):
            return None  # `Old Parliament House` is a place, `Joint Media Release` a document
        if end < len(tokens) and tokens[end].text == "." and tokens[head].text in _ABBREVIATIONS:
            return end + 1  # `Apple Inc.`: the period belongs to the abbreviation
        if end + 1 < len(tokens) and tokens[end].text == "International" and not tokens[end].new_line:
            if not tokens[end + 1].capitalized:
                return end + 1  # `Thai Airways International`, `Lions Clubs International`: the group's name ends so
        if end < len(tokens) and tokens[end].text in ("of", "for", "on") and not self._for_another(tokens, end):
            end = self._continuation(tokens, end) or end
        return None if end == i + 1 else end  # `the Cabinet of the day`: a bare head word still

    def _joins_fields(self, tokens: Sequence[Token], i: int, k: int) -> bool:
        """Whether `and` at token ``k`` joins the fields an organization's name lists before its head word
        (`Securities and Exchange Commission`, `Australian Competition and Consumer Commission`): ordinary words
        or nationalities before it, a capitalized word after it on the line (not `Qantas and Virgin Airlines`)."""
        return (
            k > i
            and k + 1 < len(tokens)
            and tokens[k + 1].capitalized
            and not tokens[k + 1].new_line
            and all(self.shapes.is_common(t.text) or t.text in self.shapes.demonyms for t in tokens[i:k])
        )

    def _head_before_of(self, tokens: Sequence[Token], i: int, k: int) -> int | None:
        """Where the name ends whose head is the word at token ``k`` (of a name from ``i``) that counts only before
        `of` and a capitalized word on the line (`_HEADS_BEFORE_OF`): at the head, which `of ...` continues, or after
        the word it must be (`Hall of Fame`); None if it is no head here."""
        required = _HEADS_BEFORE_OF[tokens[k].text]
        if k + 2 >= len(tokens) or tokens[k + 1].text != "of" or not tokens[k + 2].capitalized or tokens[k + 2].new_line:
            return None
        if required:
            return k + 2 if tokens[k + 2].text == required else None
        return k if k == i or tokens[k - 1].text not in self._heads else None

    def _for_another(self, tokens: Sequence[Token], k: int) -> bool:
        """`League for the St. Louis Eagles`, `League for FC Basel`, `Service for the Launceston Health
        Centre`: after `for`, a club or an organization named after a place is another name, which the
        organization serves or plays for (`Partnership for Africa`, `Centre for Indonesia Studies` go on)."""
        j = k + 2 if k + 1 < len(tokens) and tokens[k + 1].text == "the" else k + 1
        if tokens[k].text != "for" or j >= len(tokens):
            return False
        if tokens[j].text in self.shapes.team_openers:
            return True
        place = self.gazetteer.match(tokens, j)
        if place is None or place.entry.label not in ("GPE", "LOC"):
            return False
        city = self._city(place.entry, tokens[j].text)
        club = self._team_end(tokens, j + place.length, city=city)
        return club is not None or self._organization_end(tokens, j) is not None

    def _continuation(self, tokens: Sequence[Token], k: int) -> int | None:
        """End of `of the Turkic States` / `for Employment and Training` after token ``k``, without a
        trailing personal name: it ends after its last ordinary word or place, or takes one odd word."""
        j = k + 1
        if j < len(tokens) and tokens[j].text == "the":
            j += 1
        good = after_place = None
        run_start = j
        while j < len(tokens) and j - k < 16:
            tok = tokens[j]
            if tok.text in ("and", "&") and j + 1 < len(tokens) and tokens[j + 1].capitalized and not tokens[j + 1].new_line:
                j += 1
                continue
            if tok.text == "," and j > run_start and self._listed_on(tokens, j):
                j += 1  # `for Industry, Science and Technology`
                continue
            if not tok.capitalized or tok.text in self.titles.honorifics or tok.new_line or tok.text in CALENDAR_AND_CLOCK:
                break  # `... Committee on Tuesday`: a date after a name is not part of it
            if tok.text.lower() in _DETERMINERS:
                break  # `... and Training The Hon John Dawkins`
            place = self.gazetteer.match(tokens, j)
            if place is not None and place.entry.label in ("GPE", "LOC"):
                j += place.length
                good = after_place = j
                continue
            if after_place == j and (
                tok.text in self.shapes.org_heads or tok.text in self.shapes.demonyms or self.titles.titles.match(tokens, j)
            ):
                break  # `Bank of Canada Bank of England`, `Bank of England Governor`: after the place, the next name
            if self.shapes.is_common(tok.text) or tok.text in self.shapes.org_heads:
                good = j + 1
            j += 1
        if j == run_start:
            return None
        tail = j - (good or run_start)
        if tail > 1:  # `Minister for Defence Materiel Mike Kelly`: the odd words up to a personal name
            return self._person_after(tokens, max(good or run_start + 1, run_start + 1), j) or good
        return j

    def _listed_on(self, tokens: Sequence[Token], comma: int) -> bool:
        """Whether the comma at ``comma`` goes on with a list of capitalized words closed by `and` and another
        (`Industry, Science and Technology`), none a first name or honorific (`Defence, Stephen Smith and ...`)."""
        j = comma + 1
        while j < len(tokens) and j - comma < 9 and not tokens[j].new_line:
            tok = tokens[j]
            if tok.text in ("and", "&"):
                return j > comma + 1 and j + 1 < len(tokens) and self._portfolio_word(tokens, j + 1)
            if tok.text != "," and not self._portfolio_word(tokens, j):
                return False
            j += 1
        return False

    def _portfolio_word(self, tokens: Sequence[Token], j: int) -> bool:
        """A capitalized word on the line that is no first name, honorific, nationality, office or known organization."""
        tok = tokens[j]
        if not tok.capitalized or tok.new_line or tok.text in self.shapes.given_names or tok.text in self.titles.honorifics:
            return False
        if tok.text in self.shapes.demonyms:
            return False  # `Reserve Bank of Australia, Australian Securities and ...`: another body's name
        known = self.gazetteer.match(tokens, j)  # `Bank of England, European Central Bank and ...`: other names
        return self.titles.titles.match(tokens, j) is None and (known is None or known.entry.label != "ORG")

    def _name_start(self, tokens: Sequence[Token], i: int, end: int) -> int:
        """Where the personal name in ``tokens[i:end]`` starts (see ``_office_words``)."""
        run = [k for k in range(i, end) if tokens[k].text != "." and tokens[k].text not in _NAME_PARTICLES]
        return run[self._office_words([tokens[k].text for k in run])] if run else i

    def _office_words(self, names: Sequence[str]) -> int:
        """How many ordinary words open the name ``names``, two words at least left: `Engineer John Greiner` less an
        office word the lexicon lacks, but `Mark W. Olson` whole (a first name before an initial)."""
        first = 0
        while len(names) - first > 2 and self.shapes.is_common(names[first]):
            if names[first] in self.shapes.given_names and len(names[first + 1]) == 1:
                break
            first += 1
        return first

    def _person_after(self, tokens: Sequence[Token], first: int, end: int) -> int | None:
        """The first index from ``first`` on where a first name opens a personal name running to ``end`` (less an
        `and` or article before it), unless an office comes first."""
        for p in range(first, end - 1):
            if self.titles.titles.match(tokens, p) is not None:
                return None  # `Department of Defense Deputy Secretary Patrick Shanahan`: an office comes first
            if tokens[p].text in self.shapes.given_names and self._classify_run(tokens, p, end)[0] == "PERSON":
                while p > first and (tokens[p - 1].text in ("and", "&") or tokens[p - 1].text.lower() in _DETERMINERS):
                    p -= 1  # `Minister for Finance and Simon Crean`: the office ends before the `and`
                return p
        return None

    # ----------------------------------------------------------------- places
    def _trust(self, tokens: Sequence[Token], i: int, entry: Entry, length: int) -> bool:
        """Reject names used otherwise: a common-word city without place context, `Paris Hilton`,
        a common-word company opening a sentence (`Apple`)."""
        previous = tokens[i - 1].text.lower() if i else ""
        if entry.ambiguous and entry.label not in ("GPE", "LOC"):  # `Apple Computer` is sure, `Apple` is not
            return length > 1 or not (tokens[i].sentence_start or tokens[i].in_caps_line)
        if entry.ambiguous:
            nxt = i + length
            followed_by_place = (
                nxt + 1 < len(tokens) and tokens[nxt].text == "," and self._place_at(tokens, nxt + 1)
            )
            if previous not in PLACE_PREPOSITIONS and not followed_by_place:
                return False
        if entry.label in ("GPE", "LOC") and length == 1 and previous not in PLACE_PREPOSITIONS:
            nxt = i + 1
            if previous in _QUOTES and nxt < len(tokens) and tokens[nxt].text in _QUOTES:
                return False  # `the kernel, "Darwin"`, `the 'Sydney'`: a place's name given to a thing or a ship
            follows = nxt < len(tokens) and tokens[nxt].text not in CALENDAR_AND_CLOCK  # `Asia Monday`
            if follows and self._name_like(tokens[nxt]) and not tokens[nxt].in_caps_line:
                follower = tokens[nxt].text
                is_other_name = (
                    self.gazetteer.match(tokens, nxt) is not None
                    or follower in self.shapes.org_heads
                    or follower in self.shapes.loc_heads
                    or follower in self.shapes.gpe_heads
                    or self.titles.titles.match(tokens, nxt) is not None
                    or self.shapes.is_acronym(follower)
                )
                return is_other_name
        return True

    # ----------------------------------------------------------------- whole document
    def _mention(
        self,
        tokens: Sequence[Token],
        start: int,
        end: int,
        label: str,
        canonical: str | None = None,
        kb_id: str | None = None,
        *,
        evidence: Evidence = "known",
        why: str = "",
    ) -> Mention:
        return Mention(tokens[start].start, tokens[end - 1].end, label, canonical, kb_id, evidence, why)

    def _branches(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """`Ford Australia`, `GM Europe`, `EADS North America`: a company the gazetteer knows by one word, or an
        acronym read as an organization, then a country or continent ending the name, is the company's branch
        there: one organization (not `the EU Japan summit`)."""
        merged: list[Mention] = []
        for m in mentions:
            if m.label != "GPE" and m.label != "LOC" or not merged:
                merged.append(m)
                continue
            last = merged[-1]
            company = last.evidence == "known" and last.canonical in self._companies
            if (
                last.label == "ORG"
                and (company or last.evidence == "guess" and self._branch_acronym(text[last.start : last.end]))
                and m.evidence == "known"
                and _country_or_continent(m.label, m.kb_id)
                and text[last.end : m.start] == " "
                and " " not in text[last.start : last.end]
                and not self._capital_at(text, m.end)
            ):
                why = f"{last.why}; its branch in {text[m.start : m.end]!r}"
                merged[-1] = Mention(last.start, m.end, "ORG", None, None, "shape", why)
                continue
            merged.append(m)
        return merged

    def _branch_acronym(self, word: str) -> bool:
        """An acronym that may name a company with branches: three letters or more, no English word (not `SE`)."""
        return len(word) > 2 and self.shapes.is_acronym(word) and not self.shapes.is_common(word)

    def _branch_at(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether token ``i`` is such an acronym and a country or continent after it ends the name (`EADS North
        America plans`, not `MTV Australia Video Music Awards`)."""
        if not self._branch_acronym(tokens[i].text):
            return False
        place = self.gazetteer.match(tokens, i + 1)
        if place is None or not _country_or_continent(place.entry.label, place.entry.id):
            return False
        return not self._capitalized_at(tokens, i + 1 + place.length)

    def _capital_at(self, text: str, end: int) -> bool:
        """Whether a capitalized word other than an office (`Toyota Australia President`) follows offset ``end`` on
        the same line: the name runs on."""
        word = _NEXT_WORD.match(text, end)
        return word is not None and word[1][0].isupper() and not self.titles.titles.opens(word[1])

    def _within_longer_name(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """Whether the words ``tokens[start:end]`` are part of a longer capitalized name (`the High` / `Court`
        across a line break, `Court of Appeal`) or a head word after an article (`the Court`): then a person's
        surname the document gives is not them."""
        if start:
            prev = tokens[start - 1]
            if prev.text in ("the", "The") and tokens[start].text in self._heads:
                return True  # `the Court`, not `the Smith brothers`
            runs_on = not tokens[start].sentence_start or tokens[start].new_line and not prev.in_caps_line
            opener = prev.sentence_start and self.shapes.is_common(prev.text)  # `Later Omuraliev said`
            if prev.capitalized and prev.text[0].isalpha() and runs_on and not opener:  # `the High` / `Court`
                # an ordinary word or a head word before it (`High`, `Regional`, `Home` / `Affairs`), not a name
                # (`Sir Ninian` / `Stephen` across a line break), an initial or an office (`Prime Ministers`)
                word = prev.text
                plain = self.shapes.is_common(word) or word in self._heads or word in self.shapes.not_person_openers
                office = self.titles.titles.spells(word) or word[-1] == "s" and self.titles.titles.spells(word[:-1])
                if plain and not office and word not in self.shapes.given_names and word not in self.titles.honorifics:
                    return True
        nxt = end + 1 < len(tokens) and tokens[end].text in ("of", "for") and tokens[end + 1].capitalized
        return nxt

    def _short_form(self, word: str) -> bool:
        """Whether an organization's first word may stand for it alone: no English word, first name or place."""
        return not (
            self.shapes.is_common(word)
            or word in self.shapes.given_names
            or word in self.shapes.not_person_openers
            or word in self.shapes.org_heads  # `the Organization` refers back, it is no short form
            or self.gazetteer.spells(word)
        )

    def _stands_for(self, acronym: str, name: str) -> bool:
        """Whether a bracketed acronym abbreviates the name before it, or may (`Royal Australian Air Force (RAAF)`,
        `Daimler (DCX)`), and is no honour after it (`Order of the British Empire (OBE)`)."""
        one_word = len(_WORD.findall(name)) == 1
        return _spelled_out(acronym, name) or one_word and acronym not in self.titles.post_nominals

    def _unnamed_acronyms(
        self, text: str, tokens: Sequence[Token], bracketed: list[int], by_end: dict[int, int], mentions: list[Mention]
    ) -> set[str]:
        """Acronyms the document spells out as no name: `Maintenance, Repair and Overhaul (MRO)`, `software
        development kit (SDK)`, `Worldwide Developers Conference (WWDC)`: in brackets after the words their
        letters stand for, on which no mention ends. ``bracketed``: the capitalized words after a bracket."""
        if not bracketed:
            return set()
        ends = {by_end.get(m.end) for m in mentions}
        found = set()
        for k in bracketed:
            n = k - 1
            if n >= len(tokens) - 2:
                continue
            acronym = tokens[k].text
            if tokens[n + 2].text == ")" and n - 1 not in ends and self.shapes.is_acronym(acronym):
                if _spelled_out(acronym, text[max(0, tokens[n].start - 120) : tokens[n].start]):
                    found.add(acronym)
        return found

    def _first_names_like_places(
        self,
        text: str,
        tokens: Sequence[Token],
        mentions: list[Mention],
        unresolved: list[tuple[int, int]],
        known: dict[str, Mention],
    ) -> tuple[list[Mention], list[tuple[int, int]]]:
        """`Nancy Wake` in a document that writes `Ms Wake` (or, in its title, after naming her in the text): a
        known one-word place before the surname the document gives a person after an honorific is that person's first
        name. One reading per document; `Geneva Accords` and `Sydney Sail` name no one."""
        surnames = {
            text[m.start : m.end]
            for m in mentions
            if m.evidence == "cue" and m.label == "PERSON" and self._after_an_honorific(text, m.start)
        }
        if not surnames and not known:  # no person the document names: the text, read first, mostly
            return mentions, unresolved
        result: list[Mention] = []
        taken_to = -1
        for m in mentions:
            if m.start < taken_to:
                continue  # a word now part of the person's name
            place = m.label in ("GPE", "LOC") and m.evidence == "known" and " " not in text[m.start : m.end]
            word = _NEXT_WORD.match(text, m.end) if place else None
            if word is not None and word[1].istitle() and not self.gazetteer.spells(word[1]):
                full = known.get(text[m.start : word.end()])
                if word[1] in surnames or full is not None and full.label == "PERSON":
                    why = f"the document names a person {word[1]!r}; {text[m.start : m.end]!r} is a first name here"
                    m = Mention(m.start, word.end(), "PERSON", None, None, "known", why)
                    taken_to = m.end
            result.append(m)
        if taken_to < 0:
            return mentions, unresolved
        people = [(m.start, m.end) for m in result if m.evidence == "known" and m.label == "PERSON"]
        left = [(a, b) for a, b in unresolved if not any(s <= tokens[a].start < e for s, e in people)]
        return result, left

    def _company_by_its_verb(self, text: str, tokens: Sequence[Token], start: int, end: int) -> Mention | None:
        """A company named like an English word, left unresolved at a sentence start, before what companies do
        (`Apple announces ...`, `Shell said`): the common noun does none of it without an article."""
        after = tokens[end - 1].end
        verb = _COMPANY_VERB.match(text, after)
        if verb is None:
            return None
        company = self.gazetteer.match(tokens, start)
        if company is None or company.length != end - start or company.entry.label != "ORG":
            return None
        e = company.entry
        why = f"gazetteer ORG {e.name!r}, before {verb.group(1)!r}"
        return Mention(tokens[start].start, after, "ORG", e.name, e.id, "known", why)

    def _after_an_honorific(self, text: str, start: int) -> bool:
        """Whether an honorific is the word before offset ``start`` (`Ms Wake`, `Mr. Wake`)."""
        before = text[max(0, start - 16) : start].rstrip(" .").rsplit(None, 1)
        return bool(before) and before[-1] in self.titles.honorifics

    def _propagate(
        self,
        text: str,
        tokens: Sequence[Token],
        capitals: list[int],
        mentions: list[Mention],
        unresolved: list[tuple[int, int]],
        known: dict[str, Mention],
    ) -> list[Mention]:
        """One reading per document. ``known`` maps the surfaces the document has named (from earlier
        fields, and now from this text) to their mention: a PERSON's full name and surname, `known`
        organizations and places, an organization's acronym in brackets. A later short form takes that
        reading: `Dudley` or `Mr Dudley` after `William C. Dudley` is him (even where a gazetteer says
        town); a gazetteer name we did not trust at a sentence start (`Apple` opening a headline) is
        a name when the text uses it as one elsewhere."""
        # the capitalized words after a bracket (`... (OECD)`), and the index by end offset of the tokens before
        # the bracket: the only ones it is read for
        mentions, unresolved = self._first_names_like_places(text, tokens, mentions, unresolved, known)
        bracketed = [k for k in capitals if k >= 2 and tokens[k - 1].text == "("] if "(" in text else []
        by_end = {tokens[k - 2].end: k - 2 for k in bracketed}
        # First names of people and first words of organizations (`Lockheed` after `Lockheed Martin`): only
        # for words left unresolved, never over a gazetteer name.
        first_names: dict[str, Mention] = {}
        for m in mentions:
            surface = text[m.start : m.end]
            if m.label == "PERSON" and " " in surface.strip() and m.canonical is None:
                full = Mention(m.start, m.end, m.label, surface, m.kb_id, m.evidence, m.why)
                words = surface.split()
                known.setdefault(surface, full)
                if not _REGNAL.fullmatch(words[-1]):  # `Elizabeth I`: `I` alone is the pronoun
                    known.setdefault(words[-1], full)
                if words[0] in self.shapes.given_names:  # `Angelo` alone, once `Angelo Ruiz` is named
                    first_names.setdefault(words[0], full)
            elif m.label == "ORG" and " " in surface and self._short_form(surface.split()[0]):
                short = Mention(m.start, m.end, m.label, m.canonical or surface, m.kb_id, m.evidence, m.why)
                first_names.setdefault(surface.split()[0], short)
            if m.evidence == "known" and m.label in ("ORG", "GPE", "LOC"):
                known.setdefault(surface, m)
                if m.canonical:  # `Apple` opening a headline, once `Apple Computer` is named
                    known.setdefault(m.canonical, m)
            last = by_end.get(m.end)
            if m.label in ("ORG", "GPE", "LOC") and last is not None:
                n = last + 1
                if n + 2 < len(tokens) and tokens[n].text == "(" and tokens[n + 2].text == ")":
                    acronym = tokens[n + 1].text
                    if self.shapes.is_acronym(acronym) and self._stands_for(acronym, surface):
                        known.setdefault(acronym, replace(m, canonical=m.canonical or surface))
        unnamed = self._unnamed_acronyms(text, tokens, bracketed, by_end, mentions)
        result = []
        for m in mentions:
            surface = text[m.start : m.end]
            if m.evidence == "guess" and surface in unnamed:
                continue
            if m.evidence == "guess" and m.label == "PERSON" and _quoted_title(text, m.start, m.end):
                continue  # `" Santa Through the Back Door "`: a song, no one's name
            settlement = _settlement_before(text, m.start) if m.evidence == "guess" else ""
            if settlement:  # `the municipality of Wörlitze Winkel`
                m = Mention(m.start, m.end, "GPE", None, None, "shape", f"after {settlement!r}")
            k = known.get(surface)
            if k is not None and k.label == "PERSON" and surface != k.canonical:
                if m.label == "PERSON" and m.canonical is None:
                    m = replace(m, canonical=k.canonical, evidence="known", why=f"{m.why}; short for {k.canonical!r}")
                elif m.label in ("GPE", "LOC") or (m.label == "ORG" and m.evidence != "shape"):
                    why = f"the document names {k.canonical!r}, a person"
                    m = Mention(m.start, m.end, "PERSON", k.canonical, None, "known", why)
            elif k is not None and m.label == "ORG" and k.label == "ORG":
                m = replace(m, canonical=k.canonical, evidence="known")
            result.append(m)
        for start, end in unresolved:
            surface = text[tokens[start].start : tokens[end - 1].end]
            if self._placed(tokens, start, end):  # `in Fairmont, West Virginia` after `Fairmont State University`
                why = "a place preposition before it, a comma and a known region after it"
                result.append(Mention(tokens[start].start, tokens[end - 1].end, "GPE", None, None, "shape", why))
                continue
            offset = tokens[start].start
            settlement = _settlement_before(text, offset)
            if settlement:  # `the village of Atwick`
                why = f"after {settlement!r}"
                result.append(Mention(tokens[start].start, tokens[end - 1].end, "GPE", None, None, "shape", why))
                continue
            k = known.get(surface) or first_names.get(surface)
            # a company named like a word is left unresolved at a sentence start only; a word opening no spelling
            # (`However`) is none
            if k is None and tokens[start].sentence_start and tokens[start].text in self._openers:
                found = self._company_by_its_verb(text, tokens, start, end)
                if found is not None:
                    result.append(found)
                    continue
            short = k is not None and k.label == "PERSON" and surface != k.canonical
            if short and self._within_longer_name(tokens, start, end):
                continue  # `the High Court` in a document naming Sir Charles Court
            if k is not None:
                why = f"the document names {k.canonical or surface!r} as {k.label}"
                result.append(Mention(tokens[start].start, tokens[end - 1].end, k.label, k.canonical, k.kb_id, "known", why))
        result.sort(key=lambda m: m.start)
        result = self._branches(text, result)
        # A new Mention rather than dataclasses.replace, which is several times slower: one per name.
        return [
            m if m.canonical else Mention(m.start, m.end, m.label, text[m.start : m.end], m.kb_id, m.evidence, m.why)
            for m in result
        ]
