"""event-dates: one event dated differently across sources; durations vs the text's dates."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.check import run_rules
from factlint.ingest import parse
from factlint.knowledge import Knowledge, default_rules_dir
from factlint.pipeline import analyse

KB = Knowledge.load(default_rules_dir())
SAME_EVENT = Knowledge.load(default_rules_dir())
SAME_EVENT.rules = [r for r in KB.rules if r.id == "same-event-dates"]
DURATION = Knowledge.load(default_rules_dir())
DURATION.rules = [r for r in KB.rules if r.id == "duration-vs-dates"]


def _doc(body: str, published: str = "2026-06-01", source: str | None = None) -> str:
    src = f"source: {source}\n" if source else ""
    return f"---\npublished: {published}\n{src}---\n{body}\n"


def _run(kb: Knowledge, *bodies: str):
    analyses = [analyse(parse(_doc(b, source=f"Outlet {k}"), f"doc-{k}.md", "md"), KB) for k, b in enumerate(bodies)]
    return run_rules(analyses, kb)


# --- same event ----------------------------------------------------------------


def test_release_dated_differently_names_both_sources_and_dates():
    (f,) = _run(SAME_EVENT, "Zhipu released GLM-5 on February 10, 2026.", "GLM-5 launched on February 12, 2026, to long queues.")
    assert f.kind == "date-conflict" and f.entity == "glm-5" and f.severity == "error"
    assert "2026-02-10" in f.message and "2026-02-12" in f.message
    assert "Outlet 0" in f.message and "Outlet 1" in f.message
    assert "2 days apart" in f.explanation
    assert {c.doc for c in f.claims} == {"doc-0.md", "doc-1.md"}


def test_listing_is_a_company_event():
    (f,) = _run(SAME_EVENT, "Zhipu went public on January 8, 2026.", "Zhipu listed on January 9, 2026 in Hong Kong.")
    assert f.entity == "zhipu" and "listed" in f.message


def test_acquisition_keys_on_both_parties_in_either_voice():
    assert _run(SAME_EVENT, "Alibaba acquired Zhipu on March 3, 2026.", "Zhipu was acquired by Alibaba on March 3, 2026.") == []
    assert len(_run(SAME_EVENT, "Alibaba acquired Zhipu on March 3, 2026.", "Zhipu was acquired by Alibaba on March 5, 2026.")) == 1


@pytest.mark.parametrize(
    "other",
    [
        "Zhipu launched GLM-4.5 on February 12, 2026.",  # another model
        "MiniMax launched a rival to GLM-5 on February 12, 2026.",  # GLM-5 is not what launched
        "Zhipu is expected to release GLM-5 on February 12, 2026.",  # hedged
        "GLM-5 was reportedly released on February 12, 2026.",  # hedged
        "GLM-5 launched overseas on February 12, 2026.",  # a market of its own
        "Zhipu shares jumped on February 12, 2026, after it released GLM-5.",  # the date is the shares'
        "Zhipu released GLM-5 in February 2026.",  # not day-precise
        "Zhipu released GLM-5 on February 10, 2026.",  # same day
        "Zhipu announced GLM-5's pricing on February 12, 2026.",  # another verb class, possessive object
        "On February 12, 2026, Zhipu released GLM-5 and MiniMax released MiniMax-M2.5.",  # two objects
    ],
)
def test_not_the_same_event_or_not_a_conflict(other):
    assert _run(SAME_EVENT, "Zhipu released GLM-5 on February 10, 2026.", other) == []


def test_a_product_doing_something_else_is_no_event_of_its_own():
    # Yuanbao is the one releasing here, not what was released.
    assert _run(SAME_EVENT, "Yuanbao released a report on February 17, 2026.", "Yuanbao released its data on February 18, 2026.") == []
    assert len(_run(SAME_EVENT, "Yuanbao was released on February 17, 2026.", "Yuanbao launched February 18, 2026.")) == 1


def test_ipo_stages_are_not_the_listing():
    assert _run(SAME_EVENT, "Zhipu's IPO application was approved on December 30, 2025.", "Zhipu went public on January 8, 2026.") == []
    assert len(_run(SAME_EVENT, "Zhipu's IPO on January 7, 2026 drew crowds.", "Zhipu went public on January 8, 2026.")) == 1


def test_signings_compare_only_the_same_kind_of_deal():
    a = "Alibaba signed a deal with Zhipu on March 3, 2026."
    assert len(_run(SAME_EVENT, a, "Zhipu signed a deal with Alibaba on March 9, 2026.")) == 1
    assert _run(SAME_EVENT, a, "Alibaba signed a memorandum with Zhipu on March 9, 2026.") == []


def test_one_document_is_not_two_sources():
    assert _run(SAME_EVENT, "Zhipu released GLM-5 on February 10, 2026. GLM-5 launched on February 12, 2026.") == []


def test_each_pair_of_sources_reported_once():
    found = _run(SAME_EVENT, "GLM-5 launched on February 10, 2026. Zhipu released GLM-5 on February 10, 2026.",
                 "GLM-5 launched on February 12, 2026.")
    assert len(found) == 1


_PRODUCTS = ["GLM-5", "Qwen3-Max", "Doubao", "Kimi K2.5", "Seedance 2.0", "DeepSeek-R1", "Hunyuan", "Sora 2"]


def _written(d: date, style: int) -> str:
    return [f"{d:%B} {d.day}, {d.year}", f"{d.day} {d:%B} {d.year}", d.isoformat()][style]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    day=st.dates(min_value=date(2021, 1, 1), max_value=date(2026, 5, 1)),
    product=st.sampled_from(_PRODUCTS),
    shift=st.integers(min_value=-400, max_value=400),
    styles=st.tuples(st.integers(0, 2), st.integers(0, 2)),
)
def test_same_launch_day_never_flags_and_any_shift_always_does(day, product, shift, styles):
    a = f"The company released {product} on {_written(day, styles[0])}, drawing wide attention."
    b = f"{product} was launched on {_written(day + timedelta(days=shift), styles[1])} to long queues."
    found = _run(SAME_EVENT, a, b)
    assert len(found) == (shift != 0)


# --- durations -------------------------------------------------------------------


def test_duration_shorter_than_its_dates():
    (f,) = _run(DURATION, "Orders began on March 2, 2026 and passed a million on March 20, 2026, in just 10 days.")
    assert f.kind == "date-conflict" and "18 days" in f.message and "at most 10 days" in f.message
    assert "10 x 1 = 10 days" in f.explanation


def test_month_precise_dates_get_the_benefit_of_the_doubt():
    # the end of December to the start of May is 121 days: within four 31-day months, not three.
    text = "The first report came in December 2025; the last in May 2026. Three revisions within {} months."
    assert _run(DURATION, text.format(4)) == []
    (f,) = _run(DURATION, text.format(3))
    assert "at least 121 days" in f.message


@pytest.mark.parametrize(
    "body",
    [
        "Orders began on March 2, 2026 and passed a million on March 11, 2026, in just 10 days.",  # fits
        "The app launched on January 5, 2026; by May 20, 2026 it had passed the mark it set within 3 months of launch.",
        "On May 20, 2026 it passed a million users; it had launched on January 5, 2026, within two weeks.",  # flashback
        "Revenue was 1 billion in 2023 and 5 billion in 2025, within one year of each other.",  # year dates only
        "On March 2, 2026 the plan was set; on March 20, 2026 it said it will finish within 10 days.",  # future
        "On March 2, 2026, within 10 days, it shipped; on March 20, 2026 it shipped again.",  # a date after the duration
        "Sales fell on March 2, 2026 and again on March 20, 2026, the steepest drop in 10 days.",  # a record's reach
    ],
)
def test_durations_not_checked_or_consistent(body):
    assert _run(DURATION, body) == []


def test_over_the_past_weeks():
    (f,) = _run(DURATION, "Prices rose on April 1, 2026, and again on May 10, 2026, all over the past two weeks.")
    assert "more than 2 weeks" in f.message
