"""Rules errors found on real sentences (AU PM releases, Fed statements, MEANTIME, WikiGold), each on its sentence."""

from __future__ import annotations

from pressroom.plugins.entities.step import EntitiesStep

from entities_helpers import rules_step, text_spans  # noqa: F401 (fixtures)


def test_a_surname_the_document_gives_is_no_person_inside_a_longer_name(rules_step: EntitiesStep) -> None:
    text = (
        "Then the next\n\nday the Premier of Western Australia, Sir Charles Court,\n\nsaid that Western Australia "
        "wouldn't be sending a delegation.\n\nThey've challenged this in the High\n\nCourt and programs, for "
        "instance, for child care."
    )
    spans = text_spans(rules_step, text)
    assert ("Charles Court", "PERSON") in spans
    assert ("Court", "PERSON") not in spans  # `High` / `Court` across the line break is the court
    # ...while a name's parts across a line break, or after a plural office, still are the person
    text = (
        "The Prime Minister, the Rt. Hon. Sir Robert Menzies, arrived. The Prime Minister, Sir Robert\n\nMenzies will "
        "speak.\n\nPrime Ministers Turnbull and Key will discuss important issues. Malcolm Turnbull said so."
    )
    spans = text_spans(rules_step, text)
    assert ("Menzies", "PERSON") in spans and ("Turnbull", "PERSON") in spans


def test_a_first_name_before_a_head_word_that_is_a_surname_is_a_person(rules_step: EntitiesStep) -> None:
    text = (
        "`` This is a difficult day for us and not a day anybody can be prepared for , '' said Jim Press , the "
        "Vice Chairman of Chrysler ."
    )
    assert ("Jim Press", "PERSON") in text_spans(rules_step, text)
    text = "said the vice president and chairman of Chrysler LLC Jim Press ."
    assert text_spans(rules_step, text) == [("Chrysler LLC", "ORG"), ("Jim Press", "PERSON")]
    text = "In a joint announcement with Premier Richard Court, Mr Howard said the project would go ahead."
    assert ("Richard Court", "PERSON") in text_spans(rules_step, text)
    # ...not a place's, an opener's or a head word's own organization
    text = "He appealed to the High Court, spoke at the Victoria Police academy and wrote for the Harvard Press."
    spans = text_spans(rules_step, text)
    assert ("High Court", "ORG") in spans and ("Victoria Police", "ORG") in spans
    assert not any(label == "PERSON" for _, label in spans)


def test_the_exchange_is_named_where_no_market_report_follows(rules_step: EntitiesStep) -> None:
    listed = "The company is listed on the Nasdaq and plans a listing in London ."
    assert ("Nasdaq", "ORG") in text_spans(rules_step, listed)
    fed = (
        "Broad indexes of U.S. stock market prices moved sharply lower, with the tech-heavy Nasdaq experiencing "
        "an especially large drop."
    )
    assert ("Nasdaq", "ORG") in text_spans(rules_step, fed)
    # the index's figures in its clause, or another index beside it: the index, none of our labels
    for report in (
        "The Nasdaq fell 82.65 points or 3.44 % , and the Standard & Poor 's 500 index dropped 3.24 % .",
        "The Nasdaq was up almost 5 % .",
        "Other stock indices , such as the Nasdaq and the S&P 500 , dipped by 96 points and 50 points .",
    ):
        assert ("Nasdaq", "ORG") not in text_spans(rules_step, report), report


def test_a_name_after_a_place_preposition_and_before_a_region_is_a_place(rules_step: EntitiesStep) -> None:
    text = (
        "Fairmont State University is a public university located in Fairmont , West Virginia ( population "
        "19,097 ) ."
    )
    assert text_spans(rules_step, text) == [
        ("Fairmont State University", "ORG"), ("Fairmont", "GPE"), ("West Virginia", "GPE")
    ]
    text = (
        "The 139th along with its brigade and division spent the next week marching from Poolesville to Sandy "
        "Hook , Maryland from where on September 17 , 1862 , it was forced marched to the Battle of Antietam ."
    )
    spans = text_spans(rules_step, text)
    assert ("Sandy Hook", "GPE") in spans and ("Sandy Hook", "PERSON") not in spans
    # without the preposition, or before a country and a possessive, it is no place by this shape
    assert ("Sandy Hook", "PERSON") in text_spans(rules_step, "Sandy Hook , Maryland , won the race .")
    assert ("Toyota", "GPE") not in text_spans(rules_step, "Sales rose at Toyota , Japan 's biggest carmaker .")


def test_into_puts_the_next_name_somewhere(rules_step: EntitiesStep) -> None:
    # `into` is a place preposition: before a state after a comma, and before a common-word city
    assert ("Sandy Hook", "GPE") in text_spans(rules_step, "The family moved into Sandy Hook , Maryland last year .")
    assert ("Mobile", "GPE") in text_spans(rules_step, "The family moved into Mobile last year .")
    assert ("Mobile", "GPE") not in text_spans(rules_step, "The family bought Mobile phones last year .")


def test_a_portfolio_ends_where_the_ministers_name_begins(rules_step: EntitiesStep) -> None:
    text = "Prime Minister Julia Gillard and Minister for Defence Stephen Smith today announced the steps."
    spans = text_spans(rules_step, text)
    assert ("Minister for Defence", "TITLE") in spans and ("Stephen Smith", "PERSON") in spans
    text = "The Minister for Defence Materiel Mike Kelly, the Chief of the Defence Force General David Hurley, spoke."
    spans = text_spans(rules_step, text)
    assert ("Minister for Defence Materiel", "TITLE") in spans and ("Mike Kelly", "PERSON") in spans
    text = "Marise Payne, the Minister for Defence and Dan Tehan the Minister for Veterans' Affairs."
    spans = text_spans(rules_step, text)
    assert ("Minister for Defence", "TITLE") in spans and ("Dan Tehan", "PERSON") in spans


def test_places_after_an_office_and_regions_by_their_head_word_are_no_people(rules_step: EntitiesStep) -> None:
    spans = text_spans(rules_step, "PRIME MINISTER CANBERRA\n\nThe Hon. Robin Gray, MHA\n\nPremier of Tasmania")
    assert ("CANBERRA", "GPE") in spans and ("Robin Gray", "PERSON") in spans
    spans = text_spans(rules_step, "including as Land Commander Australia, Chief of Capability Development Group")
    assert ("Australia", "GPE") in spans
    # ...while people named like cities stay people
    spans = text_spans(rules_step, "President Lagos is visiting Australia. Air Marshal Houston will replace the CDF.")
    assert ("Lagos", "PERSON") in spans and ("Houston", "PERSON") in spans
    text = "The initial visit to the southern Darling Downs will be followed by visits to Logan and the Scenic Rim."
    spans = text_spans(rules_step, text)
    assert ("Darling Downs", "LOC") in spans and ("Scenic Rim", "LOC") in spans


def test_the_office_after_a_list_of_people_is_no_name(rules_step: EntitiesStep) -> None:
    text = "Messrs. Bryan, Judd, and Krane, Vice Presidents, Federal Reserve Banks of Cleveland, Philadelphia, and Dallas"
    people = [t for t, label in text_spans(rules_step, text) if label == "PERSON"]
    assert people == ["Bryan", "Judd", "Krane"]


def test_styles_generational_suffixes_and_places_are_no_people(rules_step: EntitiesStep) -> None:
    spans = text_spans(rules_step, "The Administrator Her Excellency Professor Marie Bashir AC CVO has approved")
    assert spans == [("Administrator", "TITLE"), ("Marie Bashir", "PERSON")]
    text = "Mark W. Olson; and Jamie B. Stewart, Jr. Voting against the action was Esther L. George."
    people = [t for t, label in text_spans(rules_step, text) if label == "PERSON"]
    assert people == ["Mark W. Olson", "Jamie B. Stewart", "Esther L. George"]  # a first name before an initial
    text = "Mt Isa will also get more than half a million. We cooperated in Timor Leste and welcomed its progress."
    assert text_spans(rules_step, text) == [("Mt Isa", "LOC"), ("Timor Leste", "GPE")]
    text = "Relief has been provided by Australian voluntary agencies for the Rosmary Taylor Orphanage in Saigon."
    assert ("Rosmary Taylor Orphanage", "ORG") in text_spans(rules_step, text)


def test_a_companys_branch_and_a_name_before_its_generational_suffix_are_one_name(rules_step: EntitiesStep) -> None:
    text = (
        "Prime Minister John Howard today announced that the federal government would be providing Ford Australia "
        "with a AU$ 52.5 million grant, and it sold a corporate stake in GM Europe ) , to become shareholders."
    )
    spans = text_spans(rules_step, text)
    assert ("Ford Australia", "ORG") in spans and ("GM Europe", "ORG") in spans
    # ...not an intergovernmental body before a country
    assert ("Japan", "GPE") in text_spans(rules_step, "Leaders met at the EU Japan summit in Tokyo.")
    text = "the brainchild of Ford 's Chief Executive Officer , William Clay Ford Jr. , is to end Ford 's North American"
    assert ("William Clay Ford Jr.", "PERSON") in text_spans(rules_step, text)


def test_a_place_before_an_ordinary_word_is_no_persons_name(rules_step: EntitiesStep) -> None:
    text = "the bankruptcies of Lehman Brothers ( $ 691.06 billion ) , Washington Mutual ( $ 327.91 billion ) , and WorldCom"
    assert ("Washington Mutual", "PERSON") not in text_spans(rules_step, text)
    spans = text_spans(rules_step, "Paris Hilton and Sydney Smith met Florence Nightingale.")
    assert [label for _, label in spans] == ["PERSON", "PERSON", "PERSON"]


def test_a_document_or_an_event_after_an_office_is_no_persons_name(rules_step: EntitiesStep) -> None:
    text = "EMBARGO: 6. OOPM FRIDAY 23 NOVEMBER 1973:\n\nPRIME MINISTER Press Statement No. 149\n\n23 November 1973"
    assert text_spans(rules_step, text) == [("PRIME MINISTER", "TITLE")]
    text = "to associate the air race with the celebrations of the Captain Cook Bicentenary."
    assert text_spans(rules_step, text) == [("Captain", "TITLE"), ("Cook", "PERSON")]


def test_a_portfolio_of_several_subjects_is_one_office(rules_step: EntitiesStep) -> None:
    text = "I have asked the Minister for Industry, Science and Technology, Senator Cook, to report."
    assert ("Minister for Industry, Science and Technology", "TITLE") in text_spans(rules_step, text)
    text = "Minister for Employment, Education and Training The Hon John Dawkins MP"
    assert text_spans(rules_step, text) == [
        ("Minister for Employment, Education and Training", "TITLE"), ("John Dawkins", "PERSON")
    ]
    # ...but a list of bodies, or a minister named after a comma, is no portfolio
    text = "with respect to its swap lines with the Bank of England, European Central Bank, and Swiss National Bank."
    spans = text_spans(rules_step, text)
    assert ("Bank of England", "ORG") in spans and ("European Central Bank", "ORG") in spans
    text = "the Minister for Defence, Stephen Smith and Senator Carr said."
    spans = text_spans(rules_step, text)
    assert ("Minister for Defence", "TITLE") in spans and ("Stephen Smith", "PERSON") in spans


def test_an_office_word_before_a_place_head_word_names_the_place(rules_step: EntitiesStep) -> None:
    text = "Arrive King Island and tour soldier settlers' properties."
    assert text_spans(rules_step, text) == [("King Island", "LOC")]
    spans = text_spans(rules_step, "Madame Park and Princess Marina arrived.")
    assert ("Princess Marina", "LOC") not in spans


def test_a_name_does_not_end_on_a_particle_before_a_line_break(rules_step: EntitiesStep) -> None:
    text = "the father of the celebrated Giuseppe Guarneri del\n\nGesu, who made many famous violins"
    assert text_spans(rules_step, text) == [("Giuseppe Guarneri", "PERSON")]
    assert ("Ludwig van Beethoven", "PERSON") in text_spans(rules_step, "Ludwig van Beethoven wrote it.")


def test_common_noun_abbreviations_are_no_organizations(rules_step: EntitiesStep) -> None:
    text = (
        "The champion won by KO in the third round , was named MVP and released an EP with his DJ friend . "
        "A SWAT team and a BMX rider were there . The GPU and the CPU share memory ; the ISP sold a VPN and a SIM card ."
    )
    assert text_spans(rules_step, text) == []


def test_a_company_named_like_a_word_opening_a_sentence_before_what_companies_do(rules_step: EntitiesStep) -> None:
    text = "Apple unveils a tablet\n\nApple has launched two laptops. Shell said profits rose."
    assert text_spans(rules_step, text) == [("Apple", "ORG"), ("Apple", "ORG"), ("Shell", "ORG")]
    # ...while the common noun opening a sentence stays no name
    assert text_spans(rules_step, "Apple pies sold well. Apple growers said prices fell.") == []


def test_fields_joined_by_and_before_an_organizations_head_word(rules_step: EntitiesStep) -> None:
    text = "The Australian Competition and Consumer Commission and the Foreign Affairs and Defence Committee met."
    spans = text_spans(rules_step, text)
    assert ("Australian Competition and Consumer Commission", "ORG") in spans
    assert ("Foreign Affairs and Defence Committee", "ORG") in spans
    # ...but two names in a list stay two
    assert text_spans(rules_step, "Flights by Qantas and Virgin Airlines resumed.") == [
        ("Qantas", "ORG"), ("Virgin Airlines", "ORG")
    ]



def test_a_place_before_an_index_of_its_own_name_stands(rules_step: EntitiesStep) -> None:
    text = "Shares on the Hong Kong Hang Seng Index fell while the Sydney Festival opened ."
    assert text_spans(rules_step, text) == [("Hong Kong", "GPE")]  # the festival is an event, the index no name
