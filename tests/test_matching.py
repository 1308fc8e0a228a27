"""Matching figures by what they are about (check/matching.py), never by their values."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.check.matching import cannot_link, describe, match
from factlint.knowledge import Knowledge
from factlint.models import Claim, Frame, Mention, Slot

KB = Knowledge.load()


def claim(i: int, metric: str, value: float = 1.0, status: str = "fact", head: str | None = None,
          modifiers: tuple[str, ...] = ()) -> Claim:
    m = Mention(doc=f"d{i}.md", start=0, end=3, text="x", kind="money", value=value, low=value, high=value, unit="USD")
    frame = Frame(property=Slot(value=metric.lstrip("~"), confidence=0.8), head=head, modifiers=list(modifiers))
    return Claim(id=f"d{i}.md:0", mention=m, entity="acme", metric=metric, status=status, frame=frame)


def groups(claims):
    found = match(claims, KB)
    return {c.id: found[c.id].group for c in claims}


def test_open_properties_with_one_head_and_modifiers_meet():
    a = claim(1, "~order backlog", head="backlog", modifiers=("order",))
    b = claim(2, "~orders backlog", head="backlog", modifiers=("order",))
    g = groups([a, b])
    assert g[a.id] == g[b.id]


def test_different_heads_never_meet():
    a = claim(1, "~order backlog", head="backlog", modifiers=("order",))
    b = claim(2, "~order intake", head="intake", modifiers=("order",))
    g = groups([a, b])
    assert g[a.id] != g[b.id]


def test_cannot_links():
    seg = describe(claim(1, "revenue@cloud unit"), KB)
    group = describe(claim(2, "revenue"), KB)
    assert "segment" in cannot_link(seg, group, KB)
    forecast = describe(claim(3, "revenue", status="forecast"), KB)
    assert "status" in cannot_link(group, forecast, KB)
    assert "different metrics" in cannot_link(describe(claim(4, "profit"), KB), group, KB)


def test_a_forecast_never_meets_the_actual():
    g = groups([claim(1, "revenue"), claim(2, "revenue", status="forecast")])
    assert g["d1.md:0"] != g["d2.md:0"]


def test_a_capacity_never_meets_what_was_handled():
    handled = claim(1, "~teu")
    capacity = claim(2, "~teu")
    capacity.frame.property = Slot(value="capacity", confidence=0.8)  # "has capacity to handle 100 million TEU"
    g = groups([handled, capacity, claim(3, "~teu")])
    assert g["d1.md:0"] == g["d3.md:0"] != g["d2.md:0"]


@settings(max_examples=60, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(["revenue", "capex", "~order backlog", "~backlog", "profit", "~net backlog"]),
                min_size=2, max_size=6),
       st.lists(st.floats(min_value=1, max_value=1e12, allow_nan=False), min_size=6, max_size=6))
def test_the_value_is_never_a_match_signal(metrics, values):
    base = [claim(i, m, head=m.lstrip("~").split()[-1]) for i, m in enumerate(metrics)]
    other = [claim(i, m, value=values[i], head=m.lstrip("~").split()[-1]) for i, m in enumerate(metrics)]
    assert groups(base) == groups(other)


def _named(i, entity, metric="~revenue"):
    c = claim(i, metric)
    c.entity = entity
    return c


def test_initials_and_full_names_are_one_entity():
    from factlint.check.matching import unify_unknown_names

    same = unify_unknown_names([_named(1, "~eu emissions trading system", "~emission"), _named(2, "~ets", "~emission"),
                                _named(3, "~eu ets", "~emission"), _named(4, "~acme", "~emission")])
    assert same == {"~ets": "~eu emissions trading system", "~eu ets": "~eu emissions trading system"}


def test_two_letter_initials_name_nothing():
    """'Co' (as in 'Eli Lilly and Co') is not the 'International Cocoa Organization'."""
    from factlint.check.matching import unify_unknown_names

    same = unify_unknown_names([_named(1, "~international cocoa organization"), _named(2, "~co"), _named(3, "~ico")])
    assert same == {"~ico": "~international cocoa organization"}


def test_a_name_ending_one_hyphenated_name_is_it():
    from factlint.check.matching import unify_unknown_names

    same = unify_unknown_names([_named(1, "~a.p. moller-maersk"), _named(2, "~maersk"), _named(3, "~psa singapore"),
                                _named(4, "~singapore"), _named(5, "~lloyd"), _named(6, "~hapag-lloyd"), _named(7, "~x-lloyd")])
    # "Singapore" is not "PSA Singapore"; "Lloyd" ends two hyphenated names, so it is neither
    assert same == {"~maersk": "~a.p. moller-maersk"}
