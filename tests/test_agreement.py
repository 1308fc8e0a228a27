"""value-agreement and revision over hand-built claims (no extraction involved)."""
from __future__ import annotations

from datetime import date

from hypothesis import assume, given, settings, strategies as st

from factlint.check import run_rules
from factlint.knowledge import Knowledge, default_rules_dir
from factlint.models import Bound, Claim, Document, Frame, Granularity, Mention, Period, Slot
from factlint.pipeline import Analysis

KB = Knowledge.load(default_rules_dir())
RULES = {r.id: r for r in KB.rules}
Y2026 = Period(start=date(2026, 1, 1), end=date(2026, 12, 31), granularity=Granularity.YEAR, label="2026")
Y2024 = Period(start=date(2024, 1, 1), end=date(2024, 12, 31), granularity=Granularity.YEAR, label="2024")


def claim(doc: str, start: int, value: float, *, low=None, high=None, unit="CNY", kind="money", bound=Bound.EXACT,
          entity="acme", metric="capex", period=Y2026, as_of=None, as_of_source=None, hedges=(), role=None,
          sure=0.9) -> Claim:
    m = Mention(doc=doc, start=start, end=start + 5, text=f"{value:g}", kind=kind, value=value,
                low=value if low is None else low, high=value if high is None else high, unit=unit, bound=bound)
    # Each synthetic figure has a sentence of its own: two figures of one sentence are two facts.
    # ... and a reading sure of who and what (the grammar tier's frame), unless a test says otherwise.
    frame = Frame(actor=Slot(value=entity, confidence=sure), property=Slot(value=metric, confidence=sure))
    return Claim(id=f"{doc}:{start}", mention=m, entity=entity, metric=metric, period=period,
                 as_of=as_of, as_of_source=as_of_source, hedges=list(hedges), role=role,
                 sentence_start=start, sentence_end=start + 5, frame=frame)


def run(rule_id: str, *claims: Claim):
    docs = sorted({c.mention.doc for c in claims})
    analyses = [Analysis(Document(path=d, raw="x" * 500, text="x" * 500), [], [c for c in claims if c.mention.doc == d]) for d in docs]
    kb = Knowledge.load(default_rules_dir())
    kb.rules = [RULES[rule_id]]
    return run_rules(analyses, kb)


def test_different_values_conflict():
    out = run("value-agreement", claim("a.md", 0, 300e9, low=299.5e9, high=300.5e9), claim("b.md", 0, 380e9, low=379.5e9, high=380.5e9))
    assert len(out) == 1 and out[0].kind == "value-conflict" and out[0].severity == "error"
    assert [c.doc for c in out[0].claims] == ["a.md", "b.md"]


def test_different_periods_do_not_meet():
    assert run("value-agreement", claim("a.md", 0, 470e9), claim("a.md", 50, 25e9, period=Y2024)) == []


def test_different_entities_or_metrics_do_not_meet():
    assert run("value-agreement", claim("a.md", 0, 100e6, entity="doubao"), claim("a.md", 9, 50e6, entity="yuanbao")) == []
    assert run("value-agreement", claim("a.md", 0, 130e6, metric="orders"), claim("a.md", 9, 200e6, metric="users")) == []


def test_hedged_scenario_and_base_values_are_left_out():
    base = claim("a.md", 0, 470e9)
    assert run("value-agreement", base, claim("a.md", 40, 710e9, hedges=["potentially"])) == []
    assert run("value-agreement", base, claim("a.md", 40, 300e9, role="base")) == []


def test_bounds_keep_direction():
    nearly = claim("a.md", 0, 200e6, low=180e6, high=200e6, bound=Bound.BELOW, unit="order", kind="count", metric="orders")
    assert run("value-agreement", nearly, claim("a.md", 30, 130e6, low=129.5e6, high=130.5e6, unit="order", kind="count", metric="orders"))
    over = claim("a.md", 60, 190e6, low=190e6, high=None, bound=Bound.ABOVE, unit="order", kind="count", metric="orders")
    assert run("value-agreement", nearly, over) == []


def test_currency_conversion_band():
    cny = claim("a.md", 0, 470e9, low=469.5e9, high=470.5e9)
    usd_ok = claim("b.md", 0, 70e9, low=69.5e9, high=70.5e9, unit="USD")
    usd_bad = claim("b.md", 0, 25e9, low=24.5e9, high=25.5e9, unit="USD")
    assert run("value-agreement", cny, usd_ok) == []
    assert run("value-agreement", cny, usd_bad)


def test_dated_reports_are_a_revision_not_a_conflict():
    a = claim("a.md", 0, 160e9, as_of=date(2025, 12, 1), as_of_source="text")
    b = claim("a.md", 50, 200e9, low=200e9, high=None, bound=Bound.AT_LEAST, as_of=date(2026, 5, 9), as_of_source="text")
    c = claim("a.md", 90, 470e9, low=None, high=470e9, bound=Bound.AT_MOST, as_of=date(2026, 5, 27), as_of_source="text")
    assert run("value-agreement", a, b, c) == []
    rev = run("revision", a, b, c)
    assert len(rev) == 1 and rev[0].severity == "info" and rev[0].kind == "revision"
    assert "->" in rev[0].message


def test_publication_dates_alone_do_not_make_a_revision():
    a = claim("a.md", 0, 300e9, as_of=date(2026, 2, 6), as_of_source="published")
    b = claim("b.md", 0, 380e9, as_of=date(2026, 6, 1), as_of_source="published")
    assert run("revision", a, b) == []
    assert len(run("value-agreement", a, b)) == 1


def test_no_stated_period_meets_yearly_figures_but_not_daily_ones():
    day = Period(start=date(2026, 2, 23), end=date(2026, 2, 23), granularity=Granularity.DAY, label="2026-02-23")
    assert run("value-agreement", claim("a.md", 0, 300e9, period=None), claim("b.md", 0, 380e9))
    assert run("value-agreement", claim("a.md", 0, 970, unit="HKD", period=None), claim("a.md", 9, 840.5, unit="HKD", period=day)) == []


values = st.floats(min_value=1e-3, max_value=1e13, allow_nan=False, allow_infinity=False)


@settings(deadline=None)
@given(values, st.floats(min_value=0, max_value=0.2))
def test_a_claim_never_conflicts_with_itself(v, spread):
    lo, hi = v * (1 - spread), v * (1 + spread)
    assert run("value-agreement", claim("a.md", 0, v, low=lo, high=hi), claim("b.md", 0, v, low=lo, high=hi)) == []


@settings(deadline=None)
@given(values, st.floats(min_value=0.01, max_value=0.2), st.floats(min_value=0, max_value=1))
def test_a_value_inside_an_interval_never_conflicts_with_it(v, spread, t):
    lo, hi = v * (1 - spread), v * (1 + spread)
    inside = lo + (hi - lo) * t
    assume(lo <= inside <= hi)
    assert run("value-agreement", claim("a.md", 0, v, low=lo, high=hi), claim("b.md", 0, inside)) == []


@settings(deadline=None)
@given(values)
def test_equal_value_in_another_currency_unit_scale_never_conflicts(v):
    # 1.5 billion written as 1,500 million: the same number, so the same interval.
    assert run("value-agreement", claim("a.md", 0, v, unit="USD"), claim("b.md", 0, v * 1000 / 1000, unit="USD")) == []


def test_two_figures_of_one_sentence_are_two_facts():
    a = claim("a.md", 0, 750e6, unit="USD")
    b = claim("a.md", 30, 1e9, unit="USD")
    a.sentence_start = b.sentence_start = 0
    a.sentence_end = b.sentence_end = 80
    assert run("value-agreement", a, b) == []
    # ... but the same two figures from two articles conflict
    assert run("value-agreement", claim("a.md", 0, 750e6, unit="USD"), claim("b.md", 0, 1e9, unit="USD"))


def test_an_unsure_reading_is_held_back_as_info():
    found = run("value-agreement", claim("a.md", 0, 300e9), claim("b.md", 0, 380e9, sure=0.4))
    assert [(f.severity.value, f.held_back) for f in found] == [("info", True)]
    assert found[0].message.startswith("possibly the same figure")


_GRAINS = [Granularity.DAY, Granularity.MONTH, Granularity.QUARTER, Granularity.YEAR]


@settings(deadline=None, max_examples=150)
@given(st.lists(st.tuples(st.integers(0, 200), st.sampled_from(_GRAINS)), min_size=1, max_size=8),
       st.lists(st.integers(0, 260), min_size=1, max_size=5), st.sampled_from(["users", "order_backlog"]))
def test_an_undated_level_joins_the_short_periods_that_ended_in_its_last_62_days(periods, reported, metric):
    """grouping.by_period's recent levels (found by bisection over bucket ends) are exactly the
    buckets (a level's are moments, whatever the period) that ended 0 to 62 days before the
    undated level's (or balance's) report."""
    from datetime import timedelta

    from factlint.check import grouping

    start = date(2026, 1, 1)
    dated = []
    for k, (offset, grain) in enumerate(periods):
        end = start + timedelta(days=offset)
        p = Period(start=end - timedelta(days=30), end=end, granularity=grain, label=f"{grain.value}:{end}")
        dated.append(claim(f"d{k}.md", 0, 100e6, unit="user", kind="count", metric=metric, period=p))
    loose = [claim(f"u{k}.md", 0, 100e6, unit="user", kind="count", metric=metric, period=None,
                   as_of=start + timedelta(days=r)) for k, r in enumerate(reported)]
    buckets = {label: members for label, members in grouping.by_period(dated + loose, KB) if label is not None}
    for u in loose:
        # a level's figures are bucketed by the day their period ended
        # (a year's end is a moment for a level too: "users at the end of 2024")
        expected = {f"at {c.period.end.isoformat()}" for c in dated if timedelta(0) <= u.as_of - c.period.end <= timedelta(days=62)}
        assert {label for label, members in buckets.items() if u in members} == expected


@settings(deadline=None, max_examples=100)
@given(st.lists(st.tuples(st.integers(0, 400), st.sampled_from(_GRAINS)), min_size=2, max_size=8),
       st.sampled_from(["users", "order_backlog", "revenue"]))
def test_a_level_or_balance_is_bucketed_by_the_day_its_period_ended(periods, metric):
    """Levels (users) and balances (a backlog) told for periods that end on one day ("at the end of
    the fourth quarter", "in 2024") share a bucket; flows (revenue) keep one bucket per period."""
    from datetime import timedelta

    from factlint.check import grouping

    start = date(2026, 1, 1)
    dated = []
    for k, (offset, grain) in enumerate(periods):
        end = start + timedelta(days=offset)
        p = Period(start=end - timedelta(days=30), end=end, granularity=grain, label=f"{grain.value}:{end}")
        dated.append(claim(f"d{k}.md", 0, 100e6, unit="user" if metric == "users" else "USD",
                           kind="count" if metric == "users" else "money", metric=metric, period=p))
    got = {c.id: label for label, members in grouping.by_period(dated, KB) for c in members}
    for a in dated:
        for b in dated:
            same = a.period.end == b.period.end if metric != "revenue" else a.period.label == b.period.label
            assert (got[a.id] == got[b.id]) == same


def _yen(doc: str, start: int, value: float, unit: str) -> Claim:
    c = claim(doc, start, value, unit=unit)
    other = "JPY" if unit == "CNY" else "CNY"
    m = c.mention.model_copy(update={"text": f"¥{value / 1e12:g} trillion", "alternatives": [other]})
    return c.model_copy(update={"mention": m})


def test_a_yen_sign_read_two_ways_meets_in_the_others_currency_and_is_shown_as_written():
    """'¥4.80 trillion' read as yen in one article (it says 'yen' elsewhere) and '¥4.08 trillion' read
    as yuan in another (no currency word): one currency, so the digit slip is a conflict, and
    neither figure is shown with a code it may not have."""
    found = run("value-agreement", _yen("a.md", 0, 4.80e12, "JPY"), _yen("b.md", 0, 4.08e12, "CNY"))
    assert [f.severity.value for f in found] == ["error"]
    assert "¥4.08 trillion" in found[0].message and "¥4.8 trillion" in found[0].message
    assert "CNY" not in found[0].message and "JPY" not in found[0].message


def test_a_yen_sign_is_not_reread_when_the_figures_agree_once_read_alike():
    assert run("value-agreement", _yen("a.md", 0, 4.80e12, "JPY"), _yen("b.md", 0, 4.80e12, "CNY")) == []


def test_a_guidance_range_raised_twice_is_one_timeline_of_three_reports():
    """3-4% (Feb), 3.75-4.75% (Aug), 4.8-5.1% (Nov): the first two overlap and the last conflicts
    with the first, but the revision is the whole timeline in date order, not Feb -> Nov."""
    def rng(doc, lo, hi, day):
        c = claim(doc, 0, (lo + hi) / 2, low=lo, high=hi, bound=Bound.RANGE, unit="%", kind="percent",
                  metric="revenue-change", as_of=day)
        return c.model_copy(update={"status": "forecast"})
    found = run("revision", rng("feb.md", 3.0, 4.0, date(2025, 2, 20)), rng("aug.md", 3.75, 4.75, date(2025, 8, 21)),
                rng("nov.md", 4.8, 5.1, date(2025, 11, 20)))
    assert [[c.doc for c in f.claims] for f in found] == [["feb.md", "aug.md", "nov.md"]]


def test_a_crowded_article_counts_only_typing_slips():
    """Three values of one reading in one article: several facts, so a far figure elsewhere is no
    conflict with any of them; two of its figures one transposition apart still are."""
    crowded = [claim("a.md", 0, 22.3e9), claim("a.md", 100, 1.2e12), claim("a.md", 200, 1.8203e12), claim("b.md", 0, 1.5e12)]
    for c, text in zip(crowded, ["¥22.3 billion", "about ¥1.2 trillion", "¥1,820.3 billion", "¥1.5 trillion"]):
        c.mention.text = text
    assert run("value-agreement", *crowded) == []
    assert len(run("value-agreement", *crowded[1:])) == 1  # two values in a.md: not crowded
    slip = [claim("a.md", 0, 289e3, kind="count", unit=None), claim("a.md", 100, 200e3, kind="count", unit=None),
            claim("a.md", 200, 240e3, kind="count", unit=None), claim("a.md", 300, 298e3, kind="count", unit=None)]
    for c, text in zip(slip, ["289,000", "200,000", "240,000", "298,000"]):
        c.mention.text = text
    out = run("value-agreement", *slip)
    assert len(out) == 1 and {c.text for c in out[0].claims} == {"289,000", "298,000"}


@given(st.integers(100, 99999), st.data())
def test_a_transposition_is_a_typo_and_the_test_is_symmetric(n, data):
    from factlint.check.slips import typo as _typo

    s = str(n)
    perm = "".join(data.draw(st.permutations(list(s))))
    assume("0" not in s)  # (zeros at either end are no significant digits)
    a = Mention(doc="a", start=0, end=1, text=s, kind="count", value=float(s))
    b = Mention(doc="b", start=0, end=1, text=perm, kind="count", value=float(perm))
    assert _typo(a, b) and _typo(b, a) == _typo(a, b)
