"""Growth of the check rules with the size of their largest group.

Each rule runs over a synthetic group of N and of 2N claims, and the work it
does is counted: the lines of factlint's own code executed, through
sys.settrace.  That count is deterministic (no clock), and a rule that pairs
every claim with every other grows about 4x when N doubles, where a linear or
n log n one grows about 2x; the bound is 2.5x.  Wall-clock time belongs in
benchmarks/bench_scale.py, not here.
"""
from __future__ import annotations

import functools
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from factlint.check import run_rules
from factlint.ingest import parse
from factlint.knowledge import Knowledge, default_rules_dir
from factlint.models import Bound, Claim, Document, Frame, Granularity, Mention, Period, Slot
from factlint.pipeline import Analysis, analyse

KB = Knowledge.load(default_rules_dir())
PACKAGE = str(Path(__import__("factlint").__file__).parent)
GROWTH = 2.5


@functools.cache
def _kb(rule_id: str) -> Knowledge:
    kb = Knowledge.load(default_rules_dir())
    kb.rules = [r for r in kb.rules if r.id == rule_id]
    assert kb.rules, rule_id
    return kb


def work(fn) -> int:
    """Lines of factlint code executed by fn() (loop iterations included), plus one for each call
    of a Python function outside factlint (a pydantic model's __eq__ run for every pair of claims
    is quadratic work that executes no line of factlint)."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def global_(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename.startswith(PACKAGE):
            return local
        count += 1
        return None

    old = sys.gettrace()
    sys.settrace(global_)
    try:
        fn()
    finally:
        sys.settrace(old)
    return count


def growth(kb: Knowledge, small: list[Analysis], large: list[Analysis]) -> tuple[float, int, int]:
    run_rules(small, kb)  # warm every lazy index and compiled pattern first
    a = work(lambda: run_rules(small, kb))
    b = work(lambda: run_rules(large, kb))
    return b / a, len(run_rules(small, kb)), len(run_rules(large, kb))


def _fm(body: str, published: str = "2026-06-20", source: str | None = None) -> str:
    src = f"source: {source}\n" if source else ""
    return f"---\npublished: {published}\n{src}---\n{body}\n"


def _analyse(text: str, path: str) -> Analysis:
    return analyse(parse(text, path, "md"), KB)


# --- ordering: one entity and period, N daily and N monthly user figures, every pair inverted -----


def _user_claim(doc: Document, start: int, metric: str, value: float) -> Claim:
    text = doc.text[start : start + 10]
    m = Mention(doc=doc.path, start=start, end=start + 10, file_start=start, file_end=start + 10, line=1,
                column=start + 1, text=text, kind="count", value=value, low=value - 5e5, high=value + 5e5,
                unit="users", bound=Bound.EXACT)
    period = Period(start=date(2026, 3, 1), end=date(2026, 3, 31), granularity=Granularity.MONTH, label="2026-03")
    return Claim(id=f"{doc.path}:{start}", mention=m, entity="alibaba", metric=metric, period=period,
                 sentence_start=0, sentence_end=len(doc.text))


def _ordering_corpus(n: int) -> list[Analysis]:
    out = []
    for k in range(n):
        doc = Document(path=f"o{k:05d}.md", raw="x" * 40, text="x" * 40, published=date(2026, 4, 1))
        # Daily users between 60 and 70 million, monthly users between 30 and 40 million.
        claims = [_user_claim(doc, 0, "dau", 60e6 + k * 1e3), _user_claim(doc, 20, "mau", 30e6 + k * 1e3)]
        out.append(Analysis(doc, [c.mention for c in claims], claims))
    return out


def test_ordering_grows_n_log_n_and_reports_once_per_claim():
    kb = _kb("ordering")
    ratio, few, many = growth(kb, _ordering_corpus(300), _ordering_corpus(600))
    assert ratio <= GROWTH, ratio
    # One finding per daily figure (each exceeds every monthly one), never one per pair.
    assert (few, many) == (300, 600)


def test_ordering_lists_a_claims_counterparts_capped():
    from factlint.check.ordering import MAX_LISTED

    kb = _kb("ordering")
    found = run_rules(_ordering_corpus(30), kb)
    assert len(found) == 30
    assert all(len(f.claims) == 1 + MAX_LISTED and "and 20 more" in f.message for f in found)
    assert all(f.claims[0].role == "dau" and {c.role for c in f.claims[1:]} == {"mau"} for f in found)


# --- same event: one model released on three different days by N sources ---------------------------


def _event_corpus(n: int) -> list[Analysis]:
    return [
        _analyse(_fm(f"Zhipu released GLM-5 on February {10 + k % 3}, 2026, drawing heavy traffic.", source=f"Wire {k}"),
                 f"e{k:05d}.md")
        for k in range(n)
    ]


@pytest.fixture(scope="module")
def events() -> list[Analysis]:
    return _event_corpus(400)


def test_same_event_grows_linearly_with_one_finding_per_event(events):
    ratio, few, many = growth(_kb("same-event-dates"), events[:200], events)
    assert ratio <= GROWTH, ratio
    assert (few, many) == (1, 1)


def test_same_event_finding_names_each_other_day_once(events):
    (f,) = run_rules(events[:50], _kb("same-event-dates"))
    days = [c.text for c in f.claims]
    assert days == ["February 10, 2026", "February 11, 2026", "February 12, 2026"]
    assert [c.doc for c in f.claims] == ["e00000.md", "e00001.md", "e00002.md"]


def _long_clause(n: int) -> list[Analysis]:
    """One clause naming two parties and their deal verb n times around one date."""
    body = " ".join("Alibaba acquired Zhipu and" for _ in range(n)) + " so on February 10, 2026."
    return [_analyse(_fm(body), "l.md")]


def test_event_reading_grows_linearly_in_one_long_clause():
    ratio, _, _ = growth(_kb("same-event-dates"), _long_clause(150), _long_clause(300))
    assert ratio <= GROWTH, ratio


# --- arithmetic: "That is more than triple the ...": the previous figure, by index -------------------


def _multiples(n: int) -> list[Analysis]:
    body = " ".join(f"Alibaba raised ${5 + k % 7} billion in March. That is more than triple the $1.4 billion it raised in 2024."
                    for k in range(n))
    return [_analyse(_fm(body), "m.md")]


def test_previous_figure_lookup_grows_linearly_in_the_document():
    ratio, _, _ = growth(_kb("arithmetic"), _multiples(150), _multiples(300))
    assert ratio <= GROWTH, ratio


def _dense_sentence(n: int) -> list[Analysis]:
    """One sentence (a table row, a list of results) holding 4n figures: changes, multiples, values."""
    body = ", ".join(f"Alibaba unit {k} earned ${100 + k} million, up {5 + k % 9}% from ${95 + k} million "
                     f"and 2 times the $50 million of unit {k + 1}" for k in range(n)) + "."
    return [_analyse(_fm(body), "s.md")]


def test_arithmetic_grows_n_log_n_in_one_dense_sentence():
    ratio, few, many = growth(_kb("arithmetic"), _dense_sentence(60), _dense_sentence(120))
    assert ratio <= GROWTH, ratio
    assert few and many  # the checks did pair figures (and found some off)


# --- conversion: N restatements in one document, each against the others' median rate -------------


def _conversions(n: int) -> list[Analysis]:
    # Every fifth restatement is ten times too large.
    body = " ".join(f"Alibaba earned {400 + k} billion RMB (approx. ${(400 + k) // 7 * (10 if k % 5 == 0 else 1)} billion) in 2025."
                    for k in range(n))
    return [_analyse(_fm(body), "c.md")]


def test_conversion_grows_n_log_n_in_the_document():
    ratio, few, many = growth(_kb("conversion"), _conversions(150), _conversions(300))
    assert ratio <= GROWTH, ratio
    assert (few, many) == (30, 60)


# --- temporal: restated dates with their anchors; the same figure dated twice -------------------------


def _restated(n: int) -> list[Analysis]:
    day = date(2025, 1, 1)
    parts = []
    for k in range(n):
        d = day + timedelta(days=3 * k)
        wrong = d + timedelta(days=5)
        parts.append(f"On {d:%B} {d.day}, {d.year} the trial began. Three days later, on {wrong:%B} {wrong.day}, {wrong.year}, it ended.")
    return [_analyse(_fm(" ".join(parts)), "t.md")]


def test_restated_dates_grow_linearly_in_the_document():
    kb = _kb("temporal")
    ratio, few, many = growth(kb, _restated(100), _restated(200))
    assert ratio <= GROWTH, ratio
    assert few >= 100 and many >= 200  # every restatement is off by two days


def _figure_claim(doc: Document, value: float, day: date) -> tuple[Mention, Claim]:
    date_m = Mention(doc=doc.path, start=20, end=30, text="June 10", kind="date", period_start=day, period_end=day,
                     granularity=Granularity.DAY)
    m = Mention(doc=doc.path, start=0, end=9, text=f"{value:,.0f}", kind="count", value=value, low=value, high=value,
                unit="phones")
    period = Period(start=day, end=day, granularity=Granularity.DAY, label=day.isoformat())
    return date_m, Claim(id=f"{doc.path}:0", mention=m, entity="xiaomi", metric="shipments", period=period,
                         sentence_start=0, sentence_end=40)


def _same_figures(n: int) -> list[Analysis]:
    """n figures, each reported by two documents one day apart: n findings."""
    out = []
    for k in range(2 * n):
        doc = Document(path=f"f{k:05d}.md", raw="x" * 40, text="x" * 40)
        date_m, c = _figure_claim(doc, 1_234_000 + k // 2, date(2026, 6, 10 + k % 2))
        out.append(Analysis(doc, [c.mention, date_m], [c]))
    return out


def test_same_figure_dated_twice_grows_linearly():
    ratio, few, many = growth(_kb("temporal"), _same_figures(200), _same_figures(400))
    assert ratio <= GROWTH, ratio
    assert (few, many) == (200, 400)


# --- duration: "within 2 months" against the text's own dates, sentence after sentence -------------


def _durations(n: int) -> list[Analysis]:
    body = " ".join(f"A report came on December {1 + k % 20}, 2025 and another on May 27, 2026. That is two reports within 2 months."
                    for k in range(n))
    return [_analyse(_fm(body), "d.md")]


def test_durations_grow_linearly_in_the_document():
    ratio, few, many = growth(_kb("duration-vs-dates"), _durations(100), _durations(200))
    assert ratio <= GROWTH, ratio
    assert (few, many) == (100, 200)


# --- merged findings say exactly what the pairs said ---------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_FIGURES = st.lists(st.tuples(st.sampled_from(["dau", "mau"]), st.integers(1, 60), st.integers(0, 8)), min_size=1, max_size=14)


@settings(max_examples=80, deadline=None)
@given(_FIGURES)
def test_ordering_reports_every_breaking_pair_and_no_other(figures):
    kb = _kb("ordering")
    rule = kb.rules[0]
    analyses, claims = [], {}
    for k, (metric, low, width) in enumerate(figures):
        doc = Document(path=f"p{k:02d}.md", raw="x" * 40, text="x" * 40)
        c = _user_claim(doc, 0, metric, (low + width / 2) * 1e6)
        c.mention.low, c.mention.high = low * 1e6, (low + width) * 1e6
        analyses.append(Analysis(doc, [c.mention], [c]))
        claims[doc.path] = c
    tol = rule.tolerance
    pairs = {(a, b) for a, ca in claims.items() for b, cb in claims.items()
             if ca.metric == "dau" and cb.metric == "mau"
             and ca.mention.low > cb.mention.high * (1 + tol.relative) + tol.absolute}
    found = run_rules(analyses, kb)
    reported = set()
    for f in found:
        anchor, others = f.claims[0], f.claims[1:]
        for o in others:
            reported.add((anchor.doc, o.doc) if anchor.role == "dau" else (o.doc, anchor.doc))
    assert reported == pairs
    anchors = [f.claims[0].doc for f in found]
    assert len(anchors) == len(set(anchors))  # one finding per claim
    assert len(found) == min(len({a for a, _ in pairs}), len({b for _, b in pairs}))


_EVENTS = st.lists(st.lists(st.integers(10, 13), min_size=1, max_size=2), min_size=1, max_size=5)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_EVENTS)
def test_same_event_flags_exactly_when_two_sources_disagree(docs):
    analyses = []
    for k, days in enumerate(docs):
        body = " ".join(f"Zhipu released GLM-5 on February {d}, 2026, drawing heavy traffic." for d in days)
        analyses.append(_analyse(_fm(body, source=f"Wire {k}"), f"s{k}.md"))
    units = {(k, d) for k, days in enumerate(docs) for d in days}
    disagree = any(a != b and x != y for a, x in units for b, y in units)
    found = run_rules(analyses, _kb("same-event-dates"))
    assert len(found) == (1 if disagree else 0)
    if found:
        first, second = found[0].claims[:2]
        assert first.doc != second.doc and first.text != second.text
        days = [c.text for c in found[0].claims]
        assert len(days) == len(set(days)) == len({d for _, d in units})  # each day named once


def test_ordering_reports_the_side_with_fewer_breaking_figures():
    """One monthly figure under three daily ones: one finding, at the monthly figure."""
    analyses = []
    for k, (metric, value) in enumerate([("dau", 60e6), ("dau", 61e6), ("dau", 62e6), ("mau", 4e6), ("mau", 90e6)]):
        doc = Document(path=f"r{k}.md", raw="x" * 40, text="x" * 40)
        c = _user_claim(doc, 0, metric, value)
        analyses.append(Analysis(doc, [c.mention], [c]))
    (f,) = run_rules(analyses, _kb("ordering"))
    assert [c.doc for c in f.claims] == ["r3.md", "r2.md", "r1.md", "r0.md"]
    assert [c.role for c in f.claims] == ["mau", "dau", "dau", "dau"]
    assert " is smaller than daily active users " in f.message and " and " in f.message


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0.01, 100, allow_nan=False), min_size=1, max_size=12), st.data())
def test_conversion_rate_of_the_other_restatements_is_their_median(rates, data):
    """The indexed median without one restatement is statistics.median of the others, exactly."""
    import statistics

    from factlint.check.conversion import _DocRates

    def money(k: int, unit: str, value: float) -> Claim:
        m = Mention(doc="c.md", start=k, end=k + 1, text="x", kind="money", value=value, unit=unit)
        return Claim(id=f"c.md:{k}", mention=m)

    # Some restatements go the other way (USD first): they count with the inverse rate.
    back = data.draw(st.lists(st.booleans(), min_size=len(rates), max_size=len(rates)))
    pairs = [(money(2 * k + 1, "USD", r), money(2 * k, "CNY", 1.0)) if b else (money(2 * k, "CNY", 1.0), money(2 * k + 1, "USD", r))
             for k, (r, b) in enumerate(zip(rates, back))]
    index = _DocRates(pairs)
    j = data.draw(st.integers(0, len(pairs) - 1))
    a0, b0 = pairs[j]
    implied = lambda a, b: b.mention.value / a.mention.value  # noqa: E731
    others = [implied(a, b) if a.mention.unit == a0.mention.unit else 1 / implied(a, b)
              for i, (a, b) in enumerate(pairs) if i != j]
    expected = statistics.median(others) if others else None
    assert index.median_without(*pairs[j]) == expected


# --- value agreement: one fact group of N claims from N articles, two conflicting values ---------


def _agreement_corpus(n: int) -> list[Analysis]:
    out = []
    for k in range(n):
        doc = Document(path=f"v{k:05d}.md", raw="x" * 40, text="x" * 40, published=date(2026, 4, 1))
        c = _user_claim(doc, 0, "mau", 30e6 if k % 2 else 60e6)
        c.frame = Frame(actor=Slot(value="alibaba", confidence=0.9), property=Slot(value="mau", confidence=0.9))
        out.append(Analysis(doc, [c.mention], [c]))
    return out


def test_value_agreement_grows_n_log_n_in_one_group():
    kb = _kb("value-agreement")
    ratio, few, many = growth(kb, _agreement_corpus(300), _agreement_corpus(600))
    assert ratio <= GROWTH, ratio
    assert (few, many) == (1, 1)  # one finding for the group, however many copies


def _revision_corpus(n: int) -> list[Analysis]:
    """One fact group of n dated reports: half give one figure, the later half its revision, each
    dated in the text; and n/4 ranges (an outlook) reissued at n/4 report dates."""
    out = []
    for k in range(n):
        doc = Document(path=f"r{k:05d}.md", raw="x" * 40, text="x" * 40, published=date(2026, 4, 1))
        c = _user_claim(doc, 0, "mau", 30e6 if k < n // 2 else 60e6)
        c.as_of, c.as_of_source = date(2026, 3, 1) + timedelta(days=k * 60 // n + 60 * (k >= n // 2)), "text"
        c.frame = Frame(actor=Slot(value="alibaba", confidence=0.9), property=Slot(value="mau", confidence=0.9))
        claims = [c]
        if k % 4 == 0:
            r = _user_claim(doc, 20, "dau", 50e6)
            r.mention.bound, r.mention.low, r.mention.high = Bound.RANGE, 50e6 + k * 1e3, 55e6 + k * 1e3
            r.as_of, r.as_of_source = date(2026, 1, 1) + timedelta(days=k), "text"
            claims.append(r)
        out.append(Analysis(doc, [c.mention for c in claims], claims))
    return out


def test_revision_grows_n_log_n_in_one_group():
    kb = _kb("revision")
    ratio, few, many = growth(kb, _revision_corpus(300), _revision_corpus(600))
    assert ratio <= GROWTH, ratio
    assert (few, many) == (2, 2)  # one timeline of the figure, one of the ranges, however many reports


def test_revision_timelines_list_every_report_in_time_order():
    found = run_rules(_revision_corpus(40), _kb("revision"))
    figure, ranges = sorted(found, key=lambda f: len(f.claims), reverse=True)
    assert [c.doc for c in figure.claims] == [f"r{k:05d}.md" for k in range(40)]
    assert " -> " in figure.message and figure.kind == "revision"
    assert [c.doc for c in ranges.claims] == [f"r{k:05d}.md" for k in range(0, 40, 4)]


def _levels_corpus(n: int) -> tuple[list[Analysis], int]:
    """n/2 monthly-user figures dated on n/2 successive days (every tenth day a figure twice the
    others) and n/2 undated ones reported on those days: each undated level meets the days of its
    last 62 (grouping's recent levels).  Also the number of days whose odd figure meets one."""
    out, days, reported = [], [], []
    start = date(2026, 1, 1)
    for k in range(n // 2):
        doc = Document(path=f"d{k:05d}.md", raw="x" * 40, text="x" * 40)
        day = start + timedelta(days=k)
        c = _user_claim(doc, 0, "mau", 60e6 if k % 10 == 0 else 30e6)
        c.period = Period(start=day, end=day, granularity=Granularity.DAY, label=day.isoformat())
        out.append(Analysis(doc, [c.mention], [c]))
        days.append((day, k % 10 == 0))
        doc = Document(path=f"u{k:05d}.md", raw="x" * 40, text="x" * 40)
        u = _user_claim(doc, 0, "mau", 30e6)
        u.period, u.as_of = None, start + timedelta(days=(7 * k) % (n // 2))
        out.append(Analysis(doc, [u.mention], [u]))
        reported.append(u.as_of)
    odd = sum(1 for day, odd in days if odd and any(timedelta(0) <= r - day <= timedelta(days=62) for r in reported))
    return out, odd


def test_undated_levels_meet_recent_days_n_log_n():
    (small, few_odd), (large, many_odd) = _levels_corpus(300), _levels_corpus(600)
    ratio, few, many = growth(_kb("value-agreement"), small, large)
    assert ratio <= GROWTH, ratio
    assert (few, many) == (few_odd, many_odd) and few > 0  # one finding per odd day an undated level meets


def _weekday_pages(n: int) -> list[Analysis]:
    """n articles naming one day, half of them with the wrong weekday: n/2 findings, each citing
    at most two others (a bucket per day, never every pair)."""
    return [_analyse(_fm(f"The plant opened on {'Saturday' if k % 2 else 'Sunday'} 24 August 2025."), f"w{k:05d}.md")
            for k in range(n)]


def test_weekdays_grow_linearly_in_articles_on_one_day():
    ratio, few, many = growth(_kb("weekday"), _weekday_pages(200), _weekday_pages(400))
    assert ratio <= GROWTH, ratio
    assert (few, many) == (100, 200)
