"""Rule kinds that check figures inside one text: arithmetic, conversion,
temporal, ordering.  Properties: correct arithmetic generated at random is
never flagged; the same text with one figure scaled by 10 always is."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.check import run_rules
from factlint.ingest import parse
from factlint.knowledge import Knowledge, default_rules_dir
from factlint.pipeline import analyse

KB = Knowledge.load(default_rules_dir())
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


_BY_KIND: dict[str, Knowledge] = {}


def findings(kind: str, *texts: str):
    if kind not in _BY_KIND:
        kb = Knowledge.load(default_rules_dir())
        kb.rules = [r for r in kb.rules if r.kind == kind]
        _BY_KIND[kind] = kb
    kb = _BY_KIND[kind]
    assert kb.rules, kind
    analyses = [analyse(parse(t, f"doc{i}.md", "md"), kb) for i, t in enumerate(texts)]
    return run_rules(analyses, kb)


def _money(v: float) -> str:
    return f"{v:,.2f}".rstrip("0").rstrip(".")


# --- arithmetic ----------------------------------------------------------------


@SETTINGS
@given(st.floats(1, 5000).map(lambda x: round(x, 1)), st.floats(0.5, 300).map(lambda x: round(x, 1)))
def test_correct_percent_change_never_flagged(base, pct):
    new = base * (1 + pct / 100)
    text = f"Harbor Kinetics shares closed at HK${_money(new)}, up {pct}% from HK${_money(base)}.\n"
    assert findings("arithmetic", text) == []


@SETTINGS
@given(st.floats(1, 5000).map(lambda x: round(x, 1)), st.floats(0.5, 300).map(lambda x: round(x, 1)))
def test_percent_change_with_new_value_scaled_by_ten_is_flagged(base, pct):
    new = base * (1 + pct / 100) * 10
    text = f"Harbor Kinetics shares closed at HK${_money(new)}, up {pct}% from HK${_money(base)}.\n"
    found = findings("arithmetic", text)
    assert len(found) == 1 and found[0].kind == "arithmetic"
    assert "HK$" not in found[0].explanation or "/" in found[0].explanation  # shows the computation


@SETTINGS
@given(st.floats(1, 900).map(lambda x: round(x, 1)), st.floats(1.2, 9).map(lambda x: round(x, 1)))
def test_correct_multiple_never_flagged_and_scaled_is(base, mult):
    new = base * mult
    ok = f"Harbor Kinetics will spend ${_money(new)} billion, {mult}x the ${_money(base)} billion it spent before.\n"
    bad = f"Harbor Kinetics will spend ${_money(new * 10)} billion, {mult}x the ${_money(base)} billion it spent before.\n"
    assert findings("arithmetic", ok) == []
    assert len(findings("arithmetic", bad)) == 1


def test_explanation_shows_the_numbers():
    f = findings("arithmetic", "Lumo closed at HK$725, up 24.7% from HK$508.\n")[0]
    assert "725" in f.explanation and "508" in f.explanation and "42.7" in f.explanation and "24.7" in f.explanation
    assert [c.role for c in f.claims] == ["stated change", "new value", "base value"]


def test_fall_is_signed():
    assert findings("arithmetic", "Lumo fell 20% from $50 million to $40 million.\n") == []
    assert findings("arithmetic", "Lumo rose 20% from $50 million to $40 million.\n")


@pytest.mark.parametrize("n,names", [(4, 3), (3, 2), (2, 3), (5, 4)])
def test_count_vs_list(n, names):
    words = {2: "two", 3: "three", 4: "four", 5: "five"}
    items = ["Lumo Pay", "Lumo Cloud", "Lumo Labs", "Lumo Maps", "Lumo Air"][:names]
    listed = ", ".join(items[:-1]) + " and " + items[-1]
    text = f"The group split into {words[n]} independent companies: {listed}, each with its own board.\n"
    found = findings("arithmetic", text)
    assert len(found) == 1 and f"names {names}" in found[0].message
    assert findings("arithmetic", text.replace(words[n], words.get(names, str(names)), 1)) == []


def test_unrelated_figures_are_not_paired():
    # Two prices of different stocks in one sentence: nothing to compute.
    assert findings("arithmetic", "Lumo closed at HK$725 while Tessel ended at HK$560, up 3% on the week.\n") == []


# --- conversion ------------------------------------------------------------------


@SETTINGS
@given(st.integers(10, 2000))
def test_correct_conversion_never_flagged_and_tenfold_is(yuan):
    usd = yuan / 7.10  # the 2026 row of rules/lexicon/rates.toml
    ok = f"---\npublished: 2026-06-01\n---\nLumo will invest {yuan} billion yuan (about ${usd:.1f} billion) in 2026.\n"
    bad = f"---\npublished: 2026-06-01\n---\nLumo will invest {yuan} billion yuan (about ${usd * 10:.1f} billion) in 2026.\n"
    assert findings("conversion", ok) == []
    found = findings("conversion", bad)
    assert len(found) == 1 and "10x too large" in found[0].message


def test_conversion_uses_the_texts_own_rate():
    text = ("---\npublished: 2026-06-01\n---\nLumo set aside 470 billion RMB (approx. $70 billion USD) for 2026 "
            "and could reach $100 billion USD (approx. 6,781 billion RMB).\n")
    found = findings("conversion", text)
    assert len(found) == 1
    assert "6,781" in found[0].claims[1].text and "10x too large" in found[0].message
    assert "the 6.714 CNY/USD implied by this article's other conversion on line" in found[0].explanation


@pytest.mark.parametrize("usd, flagged", [("1.1", False), ("11", True)])
def test_conversion_of_a_signed_figure_compares_magnitudes(usd, flagged):
    # a loss restated in dollars drops its minus sign; the rate it implies is never negative
    text = f"---\npublished: 2025-03-30\n---\nLumo's net result was minus 7.9 billion yuan (about US${usd} billion) in 2024.\n"
    found = findings("conversion", text)
    assert len(found) == int(flagged)
    assert not flagged or "10x too large" in found[0].message


@SETTINGS
@given(st.integers(100, 9000), st.sampled_from(["gold", "silver"]))
def test_troy_ounce_restatement_holds_and_tenfold_is_named(koz, metal):
    tonnes = koz * 1000 * 31.1034768 / 1e6  # a precious metal's ounces are troy ounces
    text = "---\npublished: 2025-02-12\n---\nOrrin produced {:,} ounces of {} in 2024 (about {:.4g} tonnes).\n"
    assert findings("unit-conversion", text.format(koz * 1000, metal, tonnes)) == []
    found = findings("unit-conversion", text.format(koz * 1000, metal, tonnes * 10))
    assert len(found) == 1 and "10x too large" in found[0].message and found[0].kind == "conversion"


def test_ounces_of_no_precious_metal_are_avoirdupois():
    # 100,000 avoirdupois ounces are 2.83 tonnes; troy ounces would make it 3.11
    text = "---\npublished: 2025-02-12\n---\nThe bakery sold 100,000 ounces of cheese (about 2.83 tonnes).\n"
    assert findings("unit-conversion", text) == []


# --- temporal --------------------------------------------------------------------

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@SETTINGS
@given(st.dates(date(2000, 1, 1), date(2030, 12, 31)), st.integers(1, 6))
def test_weekday_matches_date(d, shift):
    written = f"{d:%B} {d.day}, {d.year}"
    right = f"The launch came on {WEEKDAYS[d.weekday()]}, {written}.\n"
    wrong = f"The launch came on {WEEKDAYS[(d.weekday() + shift) % 7]}, {written}.\n"
    assert findings("weekday", right) == []
    assert len(findings("weekday", wrong)) == 1


@SETTINGS
@given(st.dates(date(2024, 1, 1), date(2026, 5, 1)), st.integers(2, 20), st.integers(1, 5))
def test_relative_date_restated(d, days, off):
    pub = "---\npublished: 2026-06-01\n---\n"
    later = d + timedelta(days=days)
    words = {2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six", 7: "Seven", 8: "Eight", 9: "Nine", 10: "Ten"}
    n = words.get(days, str(days))
    ok = f"{pub}On {d:%B} {d.day}, {d.year}, the app was merged. {n} days later, on {later:%B} {later.day}, {later.year}, a summit opened.\n"
    wrong_day = later + timedelta(days=off)
    bad = f"{pub}On {d:%B} {d.day}, {d.year}, the app was merged. {n} days later, on {wrong_day:%B} {wrong_day.day}, {wrong_day.year}, a summit opened.\n"
    assert findings("temporal", ok) == []
    assert len(findings("temporal", bad)) == 1


# --- ordering --------------------------------------------------------------------


def test_daily_users_cannot_exceed_monthly():
    assert findings("ordering", "Lumo's app had 60 million daily active users and 40 million monthly active users.\n")
    assert findings("ordering", "Lumo's app had over 50 million daily active users and 114 million monthly active users.\n") == []


@SETTINGS
@given(st.lists(st.integers(10, 900), min_size=2, max_size=4))
def test_parts_that_add_up_pass_and_a_tenfold_part_fails(parts):
    names = ["Lumo", "Tessel", "Harbor", "Quill"][: len(parts)]
    listed = lambda ps: ", ".join(f"{n} ${p} million" for n, p in zip(names[:-1], ps[:-1])) + f" and {names[-1]} ${ps[-1]} million"  # noqa: E731
    ok = f"Group sales reached ${sum(parts)} million: {listed(parts)}.\n"
    bad_parts = [parts[0] * 10, *parts[1:]]
    bad = f"Group sales reached ${sum(parts)} million: {listed(bad_parts)}.\n"
    assert findings("arithmetic", ok) == []
    found = findings("arithmetic", bad)
    assert len(found) == 1 and "add up" in found[0].message


# --- the check plan: per-article and cross-article stages -----------------------------------


def test_per_article_rules_run_alone_and_give_what_run_rules_gives():
    from factlint.check.engine import kind_scopes, run_corpus, run_document

    assert kind_scopes("arithmetic") == kind_scopes("conversion") == ("document",)
    assert kind_scopes("ordering") == ("corpus",)
    assert kind_scopes("temporal") == kind_scopes("event-dates") == ("document", "corpus")
    root = Path(__file__).parent / "data"
    docs = [parse(p.read_text(encoding="utf-8"), p.as_posix(), p.suffix.lstrip("."))
            for p in sorted((root / "devcorpus").glob("*.md"))[:12]]
    analyses = [analyse(d, KB) for d in docs]
    whole = run_rules(analyses, KB)
    staged = [f for a in analyses for fs in run_document(a, KB).values() for f in fs]
    staged += [f for fs in run_corpus(analyses, KB).values() for f in fs]
    key = lambda f: (f.sort_key(), f.fingerprint)  # noqa: E731
    assert sorted(whole, key=key) == sorted(staged, key=key)
    assert any(f.kind in ("arithmetic", "conversion") for f in staged)
    for a in analyses:  # a per-article finding points into its own article only
        assert {c.doc for fs in run_document(a, KB).values() for f in fs for c in f.claims} <= {a.doc.path}
