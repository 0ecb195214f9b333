"""Context the rules read around a name: the noun before it, an acronym spelled out, the document's other names."""

from __future__ import annotations

from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import rules_step, text_spans  # noqa: F401 (fixtures)


def test_a_noun_before_a_name_says_what_it_names(rules_step: EntitiesStep) -> None:
    text = (
        "Irish national airline Aer Lingus bought twelve jets, and the electronics retailer Best Buy sold fewer "
        "discs, the German magazine Der Spiegel reported. Uralsib analyst Chris Weafer was not surprised."
    )
    spans = text_spans(rules_step, text)
    assert ("Aer Lingus", "ORG") in spans and ("Best Buy", "ORG") in spans and ("Der Spiegel", "ORG") in spans
    assert ("Chris Weafer", "PERSON") in spans
    # a title after the noun is still a title, and a known name keeps its gazetteer reading
    spans = text_spans(rules_step, "The company Chairman met the aircraft manufacturer Boeing in Seattle.")
    assert ("Chairman", "TITLE") in spans and ("Boeing", "ORG") in spans


def test_an_acronym_spelled_out_as_ordinary_words_is_no_organization(rules_step: EntitiesStep) -> None:
    text = (
        "Maintenance, Repair and Overhaul (MRO) work could double. Apple released a software development kit "
        "(SDK) at the Worldwide Developers Conference (WWDC). MRO and WWDC drew crowds; the Royal Australian "
        "Air Force (RAAF) flew in. The RAAF was there."
    )
    spans = text_spans(rules_step, text)
    assert not any(name in ("MRO", "SDK", "WWDC") for name, _ in spans)
    assert ("RAAF", "ORG") in spans


def test_a_headline_short_form_takes_the_known_name_given_later(rules_step: EntitiesStep) -> None:
    text = "Apple launches new iPhone\nApple Computer today announced its latest phone."
    assert text_spans(rules_step, text)[0] == ("Apple", "ORG")


def test_a_weekday_after_a_place_does_not_make_it_a_name(rules_step: EntitiesStep) -> None:
    spans = text_spans(rules_step, "Stock prices dropped sharply in Europe and Asia Monday, with fears of a recession.")
    assert ("Asia", "LOC") in spans


def test_a_legal_form_closes_a_company_name(rules_step: EntitiesStep) -> None:
    spans = text_spans(rules_step, "The dealers of Chrysler LLC Jim Press spoke to were worried.")
    assert spans[0] == ("Chrysler LLC", "ORG")


def test_a_bare_head_word_and_greetings_are_no_names(rules_step: EntitiesStep) -> None:
    text = "I have informed the Cabinet of the plan. I'd say we wish you a Merry Christmas."
    assert text_spans(rules_step, text) == []


def test_lists_of_offices_keep_each_line_apart(rules_step: EntitiesStep) -> None:
    text = (
        "Mr Robert Johnson\nChief Executive\nToyota Motor Sales Australia Limited\n\n"
        "Senator Carrick, Minister for National Development and\nEnergy\n\n"
        "He met the Minister for Health and\nMinister for Repatriation and Compensation."
    )
    spans = text_spans(rules_step, text)
    assert ("Chief Executive", "TITLE") in spans
    assert ("Toyota Motor Sales Australia Limited", "ORG") in spans  # no person after a title on the line before
    assert ("Minister for National Development", "TITLE") in spans and ("Minister for Health", "TITLE") in spans
    assert ("Minister for Repatriation and Compensation", "TITLE") in spans
    assert not any(label == "PERSON" and name in ("Energy", "Minister") for name, label in spans)


def test_an_office_before_an_organization_is_a_title_then_the_organization(rules_step: EntitiesStep) -> None:
    spans = text_spans(rules_step, "Mr Kevin Kirby, Chairman James N Kirby Pty Limited, met General Motors.")
    assert spans == [
        ("Kevin Kirby", "PERSON"), ("Chairman", "TITLE"), ("James N Kirby Pty Limited", "ORG"), ("General Motors", "ORG")
    ]


def test_an_office_ending_the_text_is_that_office(rules_step: EntitiesStep) -> None:
    # as in AU PM release pmt-40375, whose headline the tagger used to fail on (an index past the last word)
    spans = text_spans(rules_step, "I announce the re-appointment of Ms Nola Marino as Chief Government Whip")
    assert spans == [("Nola Marino", "PERSON"), ("Chief Government Whip", "TITLE")]


def test_minutes_lists_of_people_and_plural_offices(rules_step: EntitiesStep) -> None:
    """The attendance and vote lists of FOMC minutes (fed-monetary-releases)."""
    text = (
        "Votes for this action: Messrs. Greenspan, McDonough, Jordan, and Kelley, Ms. Phillips, and Mr. Poole.\n"
        "Messrs. Davis, Dewald, and Hunter, Senior Vice Presidents, Federal Reserve Banks of San Francisco\n"
        "Assistant Secretary Mr. Mattingly, General Counsel Mr. Prell\n"
        "Federal funds continued to trade mainly at rates close to the Federal Reserve's target."
    )
    spans = text_spans(rules_step, text)
    people = [name for name, label in spans if label == "PERSON"]
    assert people == ["Greenspan", "McDonough", "Jordan", "Kelley", "Phillips", "Poole", "Davis", "Dewald", "Hunter",
                      "Mattingly", "Prell"]
    assert ("General Counsel", "TITLE") in spans
    assert not any(name in ("Jordan", "Federal") and label != "PERSON" for name, label in spans)


def test_release_boilerplate_and_structures_are_read_for_what_they_are(rules_step: EntitiesStep) -> None:
    text = (
        "PM No 85/1970\n"
        "Statement by the Prime Minister, the Rt. Hon. Sir Robert Menzies The Prime Minister announced today\n"
        "Joint Media Release with the Minister for Health\n"
        "We have committed funds to the Rookwood Weir. The Cape Class vessels are big. Brigadier General John A. Corder."
    )
    spans = text_spans(rules_step, text)
    assert ("Robert Menzies", "PERSON") in spans and ("Rookwood Weir", "LOC") in spans
    assert ("John A. Corder", "PERSON") in spans  # an initial `A.` is no article
    assert not any(name in ("No", "Joint Media", "Cape Class") for name, _ in spans)


def test_honours_after_names_and_the_pronoun_i_are_no_names(rules_step: EntitiesStep) -> None:
    text = (
        "General Peter Cosgrove AC MC met Ms Pat Anderson AO and Sir John Smith, OBE. She was made an Officer of the "
        "Order of Australia (AO) in 2014. The Royal Australian Air Force (RAAF) flew; the RAAF's Chief Medical Officer "
        "spoke. During my meeting with Prime Minister Blair I will raise it. Queen Elizabeth I, the first of the name."
    )
    spans = text_spans(rules_step, text)
    assert not any(name in ("AC", "MC", "AO", "OBE", "Officer", "I", "Blair I") for name, _ in spans)
    assert ("RAAF", "ORG") in spans and ("Blair", "PERSON") in spans and ("Elizabeth I", "PERSON") in spans


def test_old_speeches_offices_and_adjacent_places(rules_step: EntitiesStep) -> None:
    """From the Miller Center speeches: a body after an office word, two places side by side."""
    text = "Having been a member of the General Convention, I know it. Since the change in Europe Spain has ordered it."
    spans = text_spans(rules_step, text)
    assert ("Europe", "LOC") in spans and ("Spain", "GPE") in spans
    assert not any(label == "PERSON" for _, label in spans)


def test_capitals_lines_and_portfolios_written_in_capitals_words(rules_step: EntitiesStep) -> None:
    text = (
        "JOINT STATEMENT BY THE PRIME MINISTER AND THE PREMIER OF\n\nWESTERN AUSTRALIA, BRIAN BURKE\n\n"
        "The Prime Minister, the Federal Minister for Aboriginal Affairs, Mr Holding, and the Minister for "
        "Indigenous Affairs met."
    )
    spans = text_spans(rules_step, text)
    assert ("PRIME MINISTER", "TITLE") in spans and ("PREMIER", "TITLE") in spans
    assert not any(name == "AND" for name, _ in spans)  # the headline is a capitals line, though others follow
    assert ("Minister for Aboriginal Affairs", "TITLE") in spans and ("Minister for Indigenous Affairs", "TITLE") in spans


def test_names_run_together_in_a_list_of_links_come_apart(rules_step: EntitiesStep) -> None:
    """An FOMC release's list of central banks' websites, and its `HTML | PDF` links."""
    text = (
        "Information is available at the following websites: Bank of Canada Bank of England Bank of Japan European "
        "Central Bank Swiss National Bank. Minutes of the Federal Open Market Committee: HTML | PDF. The Bank of "
        "England Governor spoke to the Department of Natural Resources and Mines."
    )
    orgs = [name for name, label in text_spans(rules_step, text) if label == "ORG"]
    assert orgs == ["Bank of Canada", "Bank of England", "Bank of Japan", "European Central Bank", "Swiss National Bank",
                    "Federal Open Market Committee", "Bank of England", "Department of Natural Resources and Mines"]


def test_more_offices_bodies_and_awards_from_the_releases(rules_step: EntitiesStep) -> None:
    text = (
        "Mr John Mellors, currently Executive General Manager, Corporate. The Victorian Premier met the Victorian "
        "Government. The Queen has awarded the Victoria Cross to a member. The Chief Government Whip is Mr Smith. "
        "The National Energy Administration of China met. It was shown in the Perth Gallery. A Dawn Service was held."
    )
    spans = text_spans(rules_step, text)
    assert ("Executive General Manager", "TITLE") in spans and ("Chief Government Whip", "TITLE") in spans
    assert ("National Energy Administration of China", "ORG") in spans and ("Perth Gallery", "ORG") in spans
    assert not any(name in ("Manager", "Victorian", "Victoria Cross", "Dawn Service") for name, _ in spans)


def test_speeches_adjectives_conjunctions_and_memorials(rules_step: EntitiesStep) -> None:
    """From the Miller Center speeches."""
    text = (
        "If Congress acts, Nazi Germany will lose. We fought Al Qaeda and the Ku Klux Klan. We met at the Lincoln "
        "Memorial."
    )
    spans = text_spans(rules_step, text)
    assert ("Germany", "GPE") in spans and ("Al Qaeda", "ORG") in spans and ("Ku Klux Klan", "ORG") in spans
    assert ("Lincoln Memorial", "LOC") in spans
    assert not any(label == "PERSON" or name.startswith("If") for name, label in spans)


def test_an_office_word_that_is_also_a_surname_ends_a_name_begun_by_a_first_name(rules_step: EntitiesStep) -> None:
    # sentences from the AU PM releases and the Miller Center speeches
    text = (
        "Foreign Minister Julie Bishop has continued Australia's leadership. In 1968 Martin Luther King was gunned "
        "down. Mrs Judith King from the Australian Coalition spoke."
    )
    spans = text_spans(rules_step, text)
    assert ("Foreign Minister", "TITLE") in spans
    assert ("Julie Bishop", "PERSON") in spans and ("Martin Luther King", "PERSON") in spans
    assert ("Judith King", "PERSON") in spans
    assert not any(label == "TITLE" and name in ("Bishop", "King") for name, label in spans)
    # an office after the words that qualify it, or followed by what it is the office of, stays an office
    text = (
        "The Vice Premier met Prime Minister Kevin Rudd, and the Western Australian Premier, Mr Burke, met the "
        "King of Spain."
    )
    spans = text_spans(rules_step, text)
    assert ("Premier", "TITLE") in spans and ("King", "TITLE") in spans
    assert not any(label == "PERSON" and "Premier" in name for name, label in spans)


def test_a_longer_known_name_outweighs_a_spelling_that_names_nothing(rules_step: EntitiesStep) -> None:
    spans = text_spans(rules_step, "Shares of Dow Chemical rose while the Dow Jones Industrial Average fell 82 points.")
    assert spans == [("Dow Chemical", "ORG")]
