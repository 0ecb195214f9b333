"""The tokenizer the rules read: offsets, sentence starts, all-caps lines and gap tokens."""

from __future__ import annotations

from pressroom.plugins.entities.tokens import GAP, Token, Tokenizer, tokenize

_HONORIFICS = frozenset({"Mr", "Dr"})


def _texts(tokens: list[Token]) -> list[str]:
    return [t.text for t in tokens]


def test_offsets_point_at_each_token_in_the_text() -> None:
    text = "The Attorney-General, Mr. O'Leary, met AT&T's  chief in U.S.\n\nNew York."
    tokens = tokenize(text, _HONORIFICS)
    assert _texts(tokens) == [
        "The", "Attorney-General", ",", "Mr", ".", "O'Leary", ",", "met", "AT&T", "'s", "chief", "in", "U.S.",
        "New", "York", ".",
    ]
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.text for t in tokens if t.new_line] == ["New"]


def test_sentence_starts_after_an_end_but_not_after_an_honorific_or_initial() -> None:
    text = 'Dr. Smith met J. Howard. (Labor) said: "Yes" and (then) left'
    starts = [t.text for t in tokenize(text, _HONORIFICS) if t.sentence_start]
    # `Dr.` and `J.` end no sentence; an opening bracket passes a start on to the word inside it, or none;
    # a straight quote may close a sentence as well as open one
    assert starts == ["Dr", "(", "Labor", '"', "Yes", "and"]


def test_lines_written_in_capitals_are_marked_whatever_their_other_letters() -> None:
    text = "PRIME MINISTER OF AUSTRALIA – CANBERRA ÉTÉ\nThe Prime Minister said.\nMEDIA RELEASE (ok) TODAY"
    tokens = tokenize(text, _HONORIFICS)
    assert [t.text for t in tokens if t.in_caps_line] == [
        "PRIME", "MINISTER", "OF", "AUSTRALIA", "–", "CANBERRA", "ÉTÉ", "MEDIA", "RELEASE", "(", "ok", ")", "TODAY",
    ]
    # fewer than four in five Latin letters in capitals: an ordinary line that shouts a little
    assert not any(t.in_caps_line for t in tokenize("SYDNEY NEWS from the day", _HONORIFICS))
    # fewer than eight letters: too short to tell
    assert not any(t.in_caps_line for t in tokenize("AB, CD; EF!\n", _HONORIFICS))


def test_capitals_are_counted_on_latin_letters_only() -> None:
    """Lines with letters outside A-Z (and a lone surrogate from a bad escape) are judged on their A-Z letters."""
    assert all(t.in_caps_line for t in tokenize("ÜBER ALLES DEUTSCHLAND ÄÖ", _HONORIFICS))
    assert all(t.in_caps_line for t in tokenize("NEW ZEALAND \ud800 RELEASE", _HONORIFICS))
    assert not any(t.in_caps_line for t in tokenize("NEW ZEALAND déjà vu à côté", _HONORIFICS))


def test_gaps_stand_for_runs_of_words_the_rules_never_read() -> None:
    tokenizer = Tokenizer(_HONORIFICS, keep={"of", "the"})
    text = "The Bank of Japan said, after a long meeting of the board, that Sydney rates rose."
    tokens = tokenizer(text)
    # `said, ... that`: one gap, with the commas and keep words inside it
    assert _texts(tokens) == ["The", "Bank", "of", "Japan", "", "Sydney", "", "."]
    assert tokens[4] is GAP and tokens[6] is GAP
    real = [t for t in tokens if t is not GAP]
    assert all(text[t.start : t.end] == t.text for t in real)
    # the same real tokens, with the same flags, as without gaps
    plain = {(t.start, t.text, t.sentence_start, t.capitalized) for t in tokenize(text, _HONORIFICS)}
    assert {(t.start, t.text, t.sentence_start, t.capitalized) for t in real} <= plain


def test_a_capitals_line_needs_a_run_of_capitals_whatever_its_bytes() -> None:
    """Lines are first picked on their UTF-8 bytes, where an accented letter's bytes look like marks: the run of
    capitals is then looked for in the line's characters, and the offsets stay character offsets."""
    # nine capitals, no other Latin letter, but `é` breaks every run: no capitals line
    assert not any(t.in_caps_line for t in tokenize("ABCéDEFéGHIé", _HONORIFICS))
    text = "Déjà vu – café\nPRIME MINISTER – CANBERRA\nThé end"
    tokens = tokenize(text, _HONORIFICS)
    assert [t.text for t in tokens if t.in_caps_line] == ["PRIME", "MINISTER", "–", "CANBERRA"]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_tokens_hold_every_field_the_class_would_set() -> None:
    """The tokenizer fills its tokens in place instead of calling ``Token(...)``: each equals the one the class builds,
    all seven fields set (an unset one would fail the comparison)."""
    text = "Mr. Lee met (us).\nNEW ZEALAND RELEASE"
    assert tokenize(text, _HONORIFICS) == [
        Token(0, 2, "Mr", True, False, True),
        Token(2, 3, ".", False, False, False),
        Token(4, 7, "Lee", False, False, True),
        Token(8, 11, "met", False, False, False),
        Token(12, 13, "(", False, False, False),
        Token(13, 15, "us", False, False, False),
        Token(15, 16, ")", False, False, False),
        Token(16, 17, ".", False, False, False),
        Token(18, 21, "NEW", True, True, True, new_line=True),
        Token(22, 29, "ZEALAND", False, True, True),
        Token(30, 37, "RELEASE", False, True, True),
    ]


def test_a_gap_ends_on_a_word_not_kept_and_stops_where_a_word_is_no_plain_word() -> None:
    """Keep words inside a run are gapped, those ending it are tokens; a keep word that is no plain word (`&`) or a
    word joined to the next one (`of-the`, `of.x`) is no gap word, and every real token is the one the plain
    tokenizer finds."""
    tokenizer = Tokenizer(_HONORIFICS, keep={"of", "the", "&", "a"})
    text = "Bank said of the plan of the Board, then of the & rest of-the way a.b. of.x said the of"
    tokens = tokenizer(text)
    assert _texts(tokens) == [
        "Bank", "", "of", "the", "Board", ",", "", "of", "the", "&", "", "a.b.", "of", ".", "", "the", "of",
    ]
    real = [t for t in tokens if t is not GAP]
    plain = {(t.start, t.text, t.sentence_start, t.capitalized) for t in tokenize(text, _HONORIFICS)}
    assert {(t.start, t.text, t.sentence_start, t.capitalized) for t in real} <= plain
