"""One unknown entity per name within an article: a short form after the full name is it."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.knowledge import Knowledge
from factlint.resolve.entities import name_base


@pytest.fixture(scope="module")
def ids():
    find = Knowledge.load().entity_matcher.find
    return lambda text: {h.text: h.id for h in find(text)}


def test_a_short_name_after_the_full_one_is_the_same_entity(ids):
    got = ids("Shares of Halcyon Robotics rose. Analysts said Halcyon would grow.")
    assert got["Halcyon"] == got["Halcyon Robotics"] == "~halcyon robotics"


def test_a_longer_name_after_the_short_one_is_a_part_of_it(ids):
    """'Emirates' named first is the group; 'Emirates SkyCargo' later is its cargo division."""
    got = ids("The profit of Emirates rose. Its unit Emirates SkyCargo moved 2.3 million tonnes.")
    assert got["Emirates"] == "~emirates"
    assert got["Emirates SkyCargo"] == "~emirates skycargo"


@pytest.mark.parametrize("text, name, expected", [
    ("Takeda Pharmaceutical Co. reported results.", "Takeda Pharmaceutical Co", "~takeda"),
    ("Spotify Technology SA reported results.", "Spotify Technology SA", "~spotify"),
    ("Verizon Communications agreed to buy Frontier.", "Verizon Communications", "~verizon"),
    ("Vonovia SE reported a loss.", "Vonovia SE", "~vonovia"),
    # a plural that is part of the name stays; a name is never cut to a lone descriptor
    ("Brannock Motors raised prices.", "Brannock Motors", "~brannock motors"),
])
def test_a_corporate_form_or_descriptor_is_not_part_of_the_name(ids, text, name, expected):
    """Articles that write a company in full and in short must meet across documents."""
    assert ids(text)[name] == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["halcyon", "group", "co", "ltd", "technology", "suv", "motors", "nordisk"]),
                min_size=1, max_size=5))
def test_name_base_keeps_the_first_word_and_is_idempotent(parts):
    words = Knowledge.load().frame_words
    eid = "~" + " ".join(parts)
    base = name_base(eid, words)
    assert base.split()[0] == eid.split()[0]
    assert eid.startswith(base)
    assert name_base(base, words) == base


@pytest.mark.parametrize("text, names", [
    ("The insurer said Swiss Re expects losses.", {"Swiss Re": "~swiss re"}),
    ("Nippon Steel agreed to buy U.S. Steel for $14.9 billion.", {"Nippon Steel": "~nippon steel", "U.S. Steel": "~u.s. steel"}),
    ("Swiss Re said on Monday that it would pay more.", {"Swiss Re": "~swiss re"}),
    # a nationality before a title and a name is no part of either
    ("Prime Minister Keir Starmer said it.", {"Keir Starmer": "~keir starmer"}),
    # a compass word before a place, and a capitalised board, name nobody
    ("Sales in North America and Latin America fell.", {}),
    ("The Board of Hapag-Lloyd said so.", {"Hapag-Lloyd": "~hapag-lloyd"}),
])
def test_nationality_words_open_names_and_regions_name_nobody(ids, text, names):
    assert ids(text) == names


@pytest.mark.parametrize("text, names", [
    ("The final in New Jersey drew 81,118.", {"New Jersey": "~new jersey"}),
    ("Blue Origin launched New Glenn on Thursday.", {"Blue Origin": "~blue origin", "New Glenn": "~new glenn"}),
    ("Sales rose during the Lunar New Year holiday.", {}),
])
def test_new_opens_a_name_of_any_length(ids, text, names):
    assert ids(text) == names


@pytest.mark.parametrize("title, text, named", [
    ("Heathrow submits expansion plan", "Heathrow has a plan. Heathrow said it was ready.", True),
    ("Heathrow submits expansion plan", "Heathrow has a plan. Passengers at heathrow waited.", False),  # seen in lower case
    ("Airport submits expansion plan", "Heathrow has a plan. Heathrow said it was ready.", False),  # not in the headline
    ("Steel prices fall", "Steel output fell. Demand for steel slumped.", False),
])
def test_a_headline_word_opening_sentences_is_a_name_unless_written_in_lower_case(title, text, named):
    find = Knowledge.load().entity_matcher.find
    got = {h.text for h in find(text, title=title)}
    assert ("Heathrow" in got or "Steel" in got) is named


@pytest.mark.parametrize("text", ["Operating profit of SEK 4,264 million was up.", "Profit rose to CHF 1.2 billion.",
                                  "The unit earned EUR 310 million in the quarter."])
def test_a_currency_code_and_its_amount_are_never_a_name(ids, text):
    assert ids(text) == {}



def test_an_unknown_name_is_one_with_or_without_its_accents(ids):
    """'Arçelik' in one article and 'Arcelik' in another (an English outlet dropping the cedilla)."""
    assert ids("Shares of Arçelik rose on Monday.")["Arçelik"] == ids("Shares of Arcelik rose on Monday.")["Arcelik"] == "~arcelik"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcdeéèçñüö ", min_size=1, max_size=20))
def test_unknown_ids_are_accent_folded_and_lower_case(name):
    from factlint.resolve.entities import unknown_id

    got = unknown_id(name.split())
    assert got == unknown_id(name.upper().split()) and got.isascii()


def test_a_publisher_named_with_its_corporate_word_is_a_company():
    """'The New York Times reported' is a source; 'The New York Times Company ended 2024 with ...' the company."""
    find = Knowledge.load().entity_matcher.find
    types = {h.text: h.type for h in find("The New York Times reported the deal.")}
    assert types["The New York Times"] == "media"
    types = {h.text: h.type for h in find("The New York Times Company ended 2024 with 11.43 million subscribers.")}
    assert types["The New York Times"] == "company"
