"""messages.py: values by distinct figure, timelines, caps, plain explanations."""
from __future__ import annotations

from datetime import date

from hypothesis import given, strategies as st

from factlint import messages
from factlint.messages import Said
from factlint.models import ClaimRef, Finding, Severity


def said(value: str, doc: str, day: int | None = None, who: str | None = None) -> Said:
    return Said(value, who or doc.removesuffix(".md"), date(2026, 2, day) if day else None, doc)


def test_forty_copies_give_one_short_line_with_counts_and_the_first_source():
    copies = [said("300 billion CNY", f"copy{i:02}.md", day=6 + i % 20, who=f"Outlet {i}") for i in range(40)]
    copies[17] = said("300 billion CNY", "ledger.md", day=5, who="Harbor Ledger")
    wrong = [said("380 billion CNY", f"w{i}.md", day=9) for i in range(3)]
    line = messages.by_value(copies + wrong)
    assert line == ("300 billion CNY (40 sources, first Harbor Ledger, 2026-02-05) vs "
                    "380 billion CNY (3 sources, first w0, 2026-02-09)")


def test_one_source_reads_as_before():
    assert messages.by_value([said("5 trucks", "a.md", 1, "Wire"), said("9 trucks", "b.md")]) == \
        "5 trucks (Wire, 2026-02-01) vs 9 trucks (b, undated)"


def test_the_same_figure_twice_in_one_article_is_counted_as_mentions():
    assert messages.by_value([said("5 trucks", "a.md", 1), said("5 trucks", "a.md", 1), said("9 trucks", "b.md", 2)]) \
        .startswith("5 trucks (2 mentions, first a, 2026-02-01) vs ")


def test_timeline_merges_runs_of_one_value_but_keeps_a_return():
    steps = [said("160", "a.md", 1), said("160", "b.md", 2), said("160", "c.md", 3), said("200", "d.md", 4), said("160", "e.md", 5)]
    assert messages.timeline(steps) == "160 (3 sources, first a, 2026-02-01) -> 200 (d, 2026-02-04) -> 160 (e, 2026-02-05)"


def test_many_distinct_values_are_capped_keeping_both_ends():
    line = messages.by_value([said(f"{i} trucks", f"d{i}.md", 1) for i in range(10)])
    assert line.count(" vs ") == messages.MAX_VALUES
    assert line.startswith("0 trucks") and line.endswith("9 trucks (d9, 2026-02-01)") and "(6 more values)" in line


@given(st.lists(st.tuples(st.integers(0, 30), st.text(max_size=200)), min_size=1, max_size=200))
def test_a_message_is_bounded_whatever_the_copies(items):
    line = messages.by_value([Said(f"{v} units", who or "x", None, f"{i}.md") for i, (v, who) in enumerate(items)])
    distinct = len({v for v, _ in items})
    assert line.count(" vs ") == min(distinct, messages.MAX_VALUES) - 1 + (distinct > messages.MAX_VALUES)
    assert len(line) <= messages.MAX_VALUES * (messages.MAX_WHO + 60) + 40


def test_long_source_names_are_shortened_and_whitespace_folded():
    line = messages.by_value([said("1", "a.md", 1, who="A\nvery " + "long " * 40 + "name"), said("2", "b.md")])
    assert "\n" not in line and "…" in line


def ref(doc: str, text: str, value: float, unit: str = "trucks", **kw) -> ClaimRef:
    return ClaimRef(doc=doc, start=0, end=len(text), line=3, column=1, text=text, value=value, unit=unit,
                    low=value - 0.5, high=value + 0.5, bound="exact", **kw)


def test_values_lists_every_distinct_value_with_counts_for_json():
    claims = [ref(f"c{i}.md", "300 trucks", 300, published=date(2026, 1, 10 + i)) for i in range(5)] + [ref("w.md", "380 trucks", 380)]
    f = Finding(rule="value-agreement", kind="value-conflict", severity=Severity.ERROR, message="m", claims=claims)
    assert messages.values(f) == [
        {"value": "300 trucks", "claims": 5, "documents": 5, "first": {"doc": "c0.md", "source": "c0.md", "date": "2026-01-10"}},
        {"value": "380 trucks", "claims": 1, "documents": 1, "first": {"doc": "w.md", "source": "w.md", "date": None}},
    ]


def test_others_locates_a_few_claims_per_value_and_counts_the_rest():
    claims = [ref("lead.md", "9 trucks", 9)] + [ref(f"c{i}.md", "300 trucks", 300) for i in range(7)] + [ref("w.md", "380 trucks", 380)]
    f = Finding(rule="r", kind="value-conflict", severity=Severity.ERROR, message="m", claims=claims)
    lines = messages.others(f, lambda c: c.doc)
    assert lines == ["c0.md", "c1.md", "c2.md", "... and 4 more giving 300 trucks", "w.md"]


def test_plain_explanation_in_the_figures_own_unit():
    why = messages.conflict("340 trucks", "410 trucks", messages.metric_name("~trucks"), "2025", 410 / 340 - 1)
    assert why == ("340 trucks and 410 trucks cannot both be the number of trucks for 2025: the larger is 21% above "
                   "the smaller, more than rounding and the rule's tolerance allow.")
    assert "for 2026-06-01 to 2031-06-01" in messages.conflict("a", "b", "capex", "2026-06-01..2031-06-01", None)
    assert messages.metric_name("capex", "capital expenditure") == "capital expenditure"
    assert messages.percent(0.054) == "5.4%"


def test_forty_syndicated_copies_give_one_line_headlines_in_every_format(tmp_path, monkeypatch):
    import json

    from factlint.knowledge import Knowledge
    from factlint.pipeline import lint
    from factlint.report import github, json_out, sarif

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    for i in range(40):
        (tmp_path / f"copy{i:02}.md").write_text(
            f"---\nsource: Outlet {i}\npublished: 2025-03-{6 + i % 20:02}\n---\nHarbor Kinetics reported revenue of $120 million for 2024.\n",
            encoding="utf-8")
    for i in range(3):
        (tmp_path / f"wrong{i}.md").write_text(
            f"---\nsource: Wire {i}\npublished: 2025-04-0{i + 1}\n---\nHarbor Kinetics reported revenue of $150 million for 2024.\n",
            encoding="utf-8")
    kb = Knowledge.load()
    report = lint(["."], kb).report
    [f] = report.findings
    assert f.message == ("Harbor Kinetics revenue (2024): 120 million USD (40 sources, first Outlet 0, 2025-03-06) vs "
                         "150 million USD (3 sources, first Wire 0, 2025-04-01)")
    [line] = github.render(report).splitlines()
    assert len(line) < 1500 and "36 more giving 120 million USD" in line
    data = json.loads(json_out.lint_json(report))
    assert [(v["value"], v["documents"]) for v in data["findings"][0]["values"]] == [("120 million USD", 40), ("150 million USD", 3)]
    assert len(data["findings"][0]["claims"]) == 43  # the full list stays in JSON
    result = json.loads(sarif.render(report, kb))["runs"][0]["results"][0]
    assert len(result["relatedLocations"]) == 42 and len(result["message"]["text"]) < 1500
