"""The grammar tier of same-event dates: (object or actor, event class, date) frames."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.check import events, run_rules
from factlint.check.engine import Context
from factlint.ingest import parse
from factlint.knowledge import Knowledge, default_rules_dir
from factlint.pipeline import analyse

KB = Knowledge.load(default_rules_dir())
SAME_EVENT = Knowledge.load(default_rules_dir())
SAME_EVENT.rules = [r for r in KB.rules if r.id == "same-event-dates"]
RULE = SAME_EVENT.rules[0]


def _analyses(*bodies: str, published: str = "2024-06-01"):
    return [analyse(parse(f"---\npublished: {published}\nsource: Outlet {k}\n---\n{b}\n", f"doc-{k}.md", "md"), KB)
            for k, b in enumerate(bodies)]


def _run(*bodies: str, published: str = "2024-06-01"):
    return run_rules(_analyses(*bodies, published=published), SAME_EVENT)


def _events(*bodies: str):
    return [(e.key, e.date.text) for e in events.same_events(Context(_analyses(*bodies), SAME_EVENT), RULE)]


FLAMANVILLE = "France's newest nuclear reactor, Flamanville 3, was connected to the national grid on Saturday, December 21, 2024."


def test_passive_subject_and_relative_clause_object_are_one_event():
    (f,) = _run(FLAMANVILLE, "The utility, which connected Flamanville 3 to the grid on December 20, 2024, expects more output.")
    assert f.kind == "date-conflict" and "2024-12-21" in f.message and "2024-12-20" in f.message
    assert "Flamanville 3" in f.message and f.entity == "~flamanville 3"


def test_the_main_clause_hedge_does_not_touch_a_relative_clause():
    # "expects" belongs to the main clause; the relative clause states the connection as a fact
    assert _events("The utility, which connected Flamanville 3 to the grid on December 20, 2024, expects more output.") == [
        (("connect", ("~flamanville 3",)), "December 20, 2024")]


def test_a_date_hung_on_the_subject_dates_its_verb_and_the_dateline_is_no_subject():
    (ev,) = _events("HONG KONG — A Hong Kong judge on Monday, January 29, ordered the liquidation of China Evergrande Group.")
    assert ev[0] == ("order", ("~evergrande",))


def test_the_group_is_the_company_the_article_is_about_not_the_regulator():
    body = ("The CSRC said Hengda inflated revenue. The CSRC fined Evergrande's unit. The CSRC also fined its founder. "
            "Evergrande's shares are suspended. The court ordered the group wound up on 28 January, and Evergrande's "
            "liquidators are at work.")
    assert _events(body) == [(("order", ("~evergrande",)), "28 January")]


@pytest.mark.parametrize("body", [
    "A Hong Kong judge ordered the suspension of China Evergrande Group's shares on January 28.",  # another order
    "Evergrande ordered 40 cranes on January 28.",  # no court: not a winding-up order
    "A Hong Kong judge may order the liquidation of China Evergrande Group on January 28.",  # a modal
    "A Hong Kong judge did not order the liquidation of China Evergrande Group on January 28.",  # negated
])
def test_not_a_court_winding_up_order(body):
    assert [k for k, _ in _events(body) if k[0] == "order"] == []


def test_approvals_are_keyed_on_their_market():
    us = "The US Food and Drug Administration approved Eli Lilly's Kisunla on July 2 for adults."
    assert len(_run(us, "When US regulators cleared Eli Lilly's Kisunla on July 1, neurologists gained a second option.")) == 1
    assert _run(us, "The European Commission approved Kisunla on September 25 for adults in the EU.") == []
    # a clause naming two markets says nothing about either
    assert _events("The FDA and the EU approved Kisunla on September 25.") == []


def test_a_when_clause_dates_its_own_verb():
    # the token tier skips every clause with "when"; the parse says whose date it is
    assert _events("When US regulators cleared Eli Lilly's Kisunla on July 1, neurologists gained an option.") == [
        (("approve", ("~kisunla", "us")), "July 1")]
    assert _events("When US regulators cleared Kisunla, neurologists gained an option on July 1.") == []


def test_rate_cut_as_verb_and_as_licensed_nominal_event():
    a = "The Norland Reserve lowered its benchmark interest rate on Wednesday, September 17."
    b = ("The Norland Reserve cut rates again. The Norland Reserve said inflation eased. The Norland Reserve voted. "
         "The move, following the September 18 cut, was approved 10-2.")
    (f,) = _run(a, b)
    assert "Norland Reserve cut its rate" in f.message
    unlicensed = ("The Norland Reserve trimmed staff. The Norland Reserve said costs eased. The Norland Reserve spoke. "
                  "The range was narrower after the September 18 cut.")
    assert _run(a, unlicensed) == []
    # a cut of something else is not a rate cut
    assert _events("The Norland Reserve cut its staff on September 18.") == []


def test_a_modified_event_noun_is_another_event():
    body = ("The Norland Reserve cut rates again. The Norland Reserve said inflation eased. The Norland Reserve spoke. "
            "After the September 18 price cut, demand rose.")
    assert [k for k, _ in _events(body) if k[0] == "cut"] == []


def test_completed_deal_keys_on_both_parties():
    a = "Bunge completed its acquisition of Viterra on Wednesday, July 2."
    assert _run(a, "Bunge completed its acquisition of Viterra on July 2.") == []
    assert len(_run(a, "Bunge completed its acquisition of Viterra on July 4.")) == 1
    assert _run(a, "Bunge completed its acquisition of Cargill on July 4.") == []


def test_that_model_is_the_one_model_named_just_before():
    before = "Yuanbao has become a top app since it integrated DeepSeek-R1 in February. "
    (f,) = _run("Its reasoning model DeepSeek-R1, released on January 20, 2025, knocked chip stocks.",
                before + "That model, released on January 15, 2025, gave Yuanbao a reasoning capability.")
    assert f.entity == "deepseek-r1"
    # two models named before: which one?
    two = "Yuanbao integrated DeepSeek-R1 and Kimi K2 in February. "
    assert _events(two + "That model, released on January 15, 2025, gave Yuanbao a capability.") == []


def test_coordinated_events_and_objects_abstain():
    assert _events("Flamanville 3 and Hinkley Point C were connected to the grid on December 21, 2024.") == []


def test_unknown_places_and_metric_words_are_no_objects():
    assert _events("London was connected to the grid on December 21, 2024.") == []
    assert _events("Revenue was approved on July 2.") == []


_WRITTEN = [lambda d: f"{d:%B} {d.day}, {d.year}", lambda d: f"{d.day} {d:%B} {d.year}", lambda d: f"on {d:%A}, {d:%B} {d.day}, {d.year}"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(day=st.dates(min_value=date(2015, 1, 1), max_value=date(2024, 5, 1)),
       shift=st.integers(min_value=-300, max_value=300), styles=st.tuples(st.integers(0, 2), st.integers(0, 2)))
def test_same_connection_day_never_flags_and_any_shift_always_does(day, shift, styles):
    def on(d, k):
        w = _WRITTEN[k](d)
        return w if w.startswith("on ") else "on " + w
    a = f"Flamanville 3 was connected to the national grid {on(day, styles[0])}."
    b = f"The utility, which connected Flamanville 3 to the grid {on(day + timedelta(days=shift), styles[1])}, expects more."
    assert len(_run(a, b)) == (shift != 0)


def test_many_reports_of_one_event_are_one_finding():
    # linear: days and documents are counted, never paired
    bodies = [FLAMANVILLE] * 30 + ["Flamanville 3 was connected to the grid on December 20, 2024."]
    assert len(_run(*bodies)) == 1


def test_a_short_name_abbreviates_a_long_one_only_when_it_is_not_the_whole_word():
    fed = ("The Federal Reserve met. The Fed held rates. The Fed cut rates later. The Fed spoke. "
           "The move, following the September 18 cut, was approved.")
    assert ("cut", ("~federal reserve",)) in [k for k, _ in _events(fed)]
    body = ("Evergrande's shares are suspended. Evergrande's founder was fined. Evergrande's creditors wait. "
            "Evergrande Property Services is a unit. The court ordered the group wound up on 28 January.")
    assert [k for k, _ in _events(body)] == [("order", ("~evergrande",))]


def test_two_parties_signing_two_kinds_of_deal_are_two_events():
    a = "Norvik signed a deal with Astera on May 1."
    assert _run(a, "Norvik signed a memorandum with Astera on May 9.") == []
    assert len(_run(a, "Norvik signed a deal with Astera on May 9.")) == 1
