"""One unknown entity per name within an article: a short form after the full name is it."""
import pytest

from factlint.knowledge import Knowledge


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
