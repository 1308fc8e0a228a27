"""A story's dateline names where it was filed, not who the figures are about."""
import pytest

from factlint.knowledge import Knowledge


@pytest.fixture(scope="module")
def find():
    return Knowledge.load().entity_matcher.find


@pytest.mark.parametrize("text", [
    "MENLO PARK, Jan. 29 (PRTW) -- Norvik Systems on Wednesday reported revenue.",
    "MOUNTAIN VIEW, California, July 24, 2025 (Asia Tech Newswire) -- Norvik Systems raised it.",
    "COPENHAGEN — Norvik Systems reported its year.",
    "SEOUL, 8 Oct 2024 - Norvik Systems said.",
    "Intro line.\n**HSINCHU, 17 Jul 2025 -** Norvik Systems said.",
])
def test_dateline_place_region_and_outlet_are_not_names(find, text):
    assert [h.id for h in find(text)] == ["~norvik systems"]


@pytest.mark.parametrize("text", [
    "Norvik Systems — the carmaker — said it would grow.",  # a name opening a line, not a dateline
    "Sales rose. Menlo Park - based Norvik Systems said.",  # mid-line: not a dateline
])
def test_names_that_only_look_like_datelines_stay(find, text):
    assert "~norvik systems" in [h.id for h in find(text)]
