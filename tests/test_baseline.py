"""Baseline files: stable fingerprints, new / unchanged / fixed, `lint --baseline`."""
from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

from factlint import baseline, cli
from factlint.fingerprint import fingerprint
from factlint.ingest import parse
from factlint.models import ClaimRef
from test_formats import OLD, claim, corpus, finding, report  # noqa: F401  (corpus is a fixture)


def located(doc_text: str, path: str, figure: str) -> ClaimRef:
    """A claim where `figure` really is in the document, as extraction would place it."""
    d = parse(doc_text, path, "md")
    start = d.raw.index(figure)
    line, col = d.line_col(start)
    return ClaimRef(doc=path, start=start, end=start + len(figure), line=line, column=col, text=figure)


ARTICLE = "---\npublished: 2025-04-02\n---\nHarbor Kinetics had revenue of $150 million in 2024.\n"


def test_fingerprint_ignores_inserted_lines_directories_separators_and_claim_order():
    base = finding(located(ARTICLE, "news/b.md", "$150 million"), OLD)
    shifted_text = ARTICLE.replace("---\n\n", "---\n\nAn added paragraph.\n\nAnother one.\n\n").replace("Harbor", "\n\nHarbor", 1)
    shifted = finding(located(shifted_text, "news/b.md", "$150 million"), OLD)
    assert (shifted.claims[0].line, shifted.claims[0].start) != (base.claims[0].line, base.claims[0].start)
    assert shifted.fingerprint == base.fingerprint
    elsewhere = finding(claim("C:\\checkout\\articles\\b.md", 1, "$150  Million"), claim("/srv/x/2025/old.md", 90, OLD.text))
    assert elsewhere.fingerprint == base.fingerprint
    assert finding(OLD, base.claims[0]).fingerprint == base.fingerprint


def test_fingerprint_changes_with_what_the_finding_is_about():
    base = finding(claim("b.md", 1), OLD)
    assert finding(claim("b.md", 1, "$151 million"), OLD).fingerprint != base.fingerprint
    assert finding(claim("c.md", 1), OLD).fingerprint != base.fingerprint
    assert finding(claim("b.md", 1), OLD, rule="revision").fingerprint != base.fingerprint


def test_write_is_sorted_deterministic_and_loads_back(tmp_path):
    fs = [finding(claim(f"d{i}.md", i + 1, f"${i} million"), OLD) for i in range(6)]
    shuffled = fs[:]
    random.Random(4).shuffle(shuffled)
    p1, p2 = tmp_path / "one" / "b.json", tmp_path / "two" / "b.json"  # paths are relative to the folder
    baseline.write(report(*fs), p1)
    baseline.write(report(*shuffled), p2)
    assert p1.read_bytes() == p2.read_bytes()
    data = json.loads(p1.read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["algorithm"].startswith("factlint/v2")
    fps = [e["fingerprint"] for e in data["findings"]]
    assert fps == sorted(fps) and set(fps) == {f.fingerprint for f in fs}
    assert data["findings"][0]["docs"] == sorted(data["findings"][0]["docs"])
    assert [e.fingerprint for e in baseline.load(p1).findings] == fps
    assert not list(tmp_path.glob("**/*.tmp"))


def test_compare_classifies_new_present_and_fixed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the articles' folder, beside the baseline
    kept, gone, added = finding(claim("a.md", 1), OLD), finding(claim("b.md", 1), OLD), finding(claim("c.md", 1), OLD)
    baseline.write(report(kept, gone), tmp_path / "b.json")
    moved = finding(claim("a.md", 40, start=900), OLD)  # same finding, lines inserted above it
    cmp = baseline.compare(report(moved, added), baseline.load(tmp_path / "b.json"), root=tmp_path)
    assert cmp.new == [added] and cmp.unchanged == [moved]
    assert [e.fingerprint for e in cmp.fixed] == [gone.fingerprint] and cmp.fixed[0].docs == ["b.md", OLD.doc]
    assert cmp.summary() == "1 new, 1 unchanged, 1 fixed"
    assert cmp.state(added) == "new" and cmp.state(moved) == "unchanged"


def test_compare_counts_duplicates():
    twin = finding(claim("a.md", 1), OLD)
    accepted = baseline.Baseline.model_validate(json.loads(baseline.dumps(report(twin))))
    cmp = baseline.compare(report(twin, finding(claim("a.md", 8, start=300), OLD)), accepted)
    assert len(cmp.new) == 1 and len(cmp.unchanged) == 1 and cmp.fixed == []
    accepted2 = baseline.Baseline.model_validate(json.loads(baseline.dumps(report(twin, twin))))
    cmp2 = baseline.compare(report(twin), accepted2)
    assert [len(x) for x in (cmp2.new, cmp2.unchanged, cmp2.fixed)] == [0, 1, 1]


@given(st.lists(st.integers(0, 30), max_size=12), st.lists(st.integers(0, 30), max_size=12))
def test_compare_partitions_both_sides(before, after):
    mk = lambda i: finding(claim(f"d{i}.md", 1), OLD)
    accepted = baseline.Baseline.model_validate(json.loads(baseline.dumps(report(*map(mk, before)))))
    cmp = baseline.compare(report(*map(mk, after)), accepted)
    new, present, fixed = cmp.new, cmp.unchanged, cmp.fixed
    assert len(new) + len(present) == len(after)
    assert len(present) + len(fixed) == len(before)
    assert sorted(f.fingerprint for f in present) == sorted(
        fingerprint(mk(i)) for i in set(before) & set(after) for _ in range(min(before.count(i), after.count(i))))


@pytest.mark.parametrize("content, words", [
    ("{not json", "invalid JSON"),
    ('{"version": 3, "findings": []}', "unsupported baseline version 3"),
    ('{"version": 2, "findings": [{"rule": "x"}]}', "findings.0.fingerprint"),
    ("[]", "unsupported baseline version"),
])
def test_bad_baseline_files_name_the_file_and_problem(tmp_path, content, words):
    p = tmp_path / "bl.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(baseline.BaselineError) as exc:
        baseline.load(p)
    assert str(p) in str(exc.value) and words in str(exc.value)


# --- through the CLI ---------------------------------------------------------------


def lint(*args: str):
    return CliRunner().invoke(cli.main, ["lint", "arts", *args])


def test_baseline_write_then_lint_only_fails_on_new_findings(corpus):
    res = CliRunner().invoke(cli.main, ["baseline", "write", "arts", "-o", "ci/baseline.json"])
    assert res.exit_code == 0, res.output
    assert len(json.loads((corpus / "ci/baseline.json").read_text(encoding="utf-8"))["findings"]) == 1

    res = lint("--baseline", "ci/baseline.json")
    assert res.exit_code == 0 and "0 new, 1 unchanged, 0 fixed" in res.stdout

    # Lines inserted above the accepted claim: still the same finding.
    b = corpus / "arts/b.md"
    b.write_text(b.read_text(encoding="utf-8").replace("Revenue", "Intro.\n\nMore.\n\nRevenue"), encoding="utf-8")
    assert lint("--baseline", "ci/baseline.json").exit_code == 0

    # A new article that contradicts the corpus fails, annotated on its own line.
    (corpus / "arts/c.md").write_text("---\npublished: 2025-05-01\n---\nTitle\n\nRevenue hit $170 million.\n", encoding="utf-8")
    res = lint("--baseline", "ci/baseline.json", "--format", "github")
    assert res.exit_code == 1
    assert "2 new, 1 unchanged, 0 fixed" in res.stderr
    lines = res.stdout.splitlines()
    assert len(lines) == 2 and all(l.startswith("::error file=arts/c.md,line=6,") for l in lines)
    assert "arts/a.md:4" in lines[0] and "arts/b.md:" in lines[1]


def test_resolving_an_accepted_conflict_shows_as_fixed(corpus):
    CliRunner().invoke(cli.main, ["baseline", "write", "arts", "-o", "bl.json"])
    (corpus / "arts/b.md").write_text("---\npublished: 2025-04-02\n---\nRevenue: $120 million.\n", encoding="utf-8")
    res = lint("--baseline", "bl.json", "--format", "json")
    assert res.exit_code == 0 and "0 new, 0 unchanged, 1 fixed" in res.stderr
    assert json.loads(res.stdout)["findings"] == []


def test_missing_or_broken_baseline_is_a_usage_error(corpus):
    res = lint("--baseline", "nope.json")
    assert res.exit_code == 2 and "nope.json" in res.stderr
    (corpus / "bad.json").write_text('{"version": 9}', encoding="utf-8")
    assert lint("--baseline", "bad.json").exit_code == 2


def test_baseline_write_refuses_to_overwrite_an_article(corpus):
    before = (corpus / "arts/a.md").read_bytes()
    res = CliRunner().invoke(cli.main, ["baseline", "write", "arts", "-o", "arts/a.md"])
    assert res.exit_code == 2 and (corpus / "arts/a.md").read_bytes() == before


# --- accepted values, not accepted claim lists ----------------------------------------------


def cv(doc: str, value: float, text: str | None = None, line: int = 3) -> ClaimRef:
    """A claim of `value` trucks read with unit precision."""
    text = text or f"{value:g} trucks"
    return ClaimRef(doc=doc, start=10, end=10 + len(text), line=line, column=1, text=text, value=value, unit="trucks",
                    low=value - 0.5, high=value + 0.5, bound="exact")


def conflict(*claims: ClaimRef) -> "Finding":
    from factlint.models import Finding, Severity

    f = Finding(rule="value-agreement", kind="value-conflict", severity=Severity.ERROR, message="Fleetco trucks (2025)",
                entity="Fleetco", metric="~trucks", period="2025", claims=list(claims))
    f.fingerprint = fingerprint(f)
    return f


ACCEPTED = conflict(cv("a.md", 340), cv("b.md", 410))


def accepted_baseline() -> baseline.Baseline:
    return baseline.Baseline.model_validate(json.loads(baseline.dumps(report(ACCEPTED))))


@given(st.lists(st.sampled_from([340.0, 410.0, 340.4, 409.6]), max_size=30), st.booleans())
def test_repeating_accepted_values_never_makes_the_finding_new(copies, reword):
    claims = [cv(f"copy{i}.md", v, f"{v:g} vehicles" if reword else None) for i, v in enumerate(copies)]
    cmp = baseline.compare(report(conflict(cv("a.md", 340), cv("b.md", 410), *claims)), accepted_baseline())
    assert cmp.new == [] and len(cmp.unchanged) == 1 and cmp.fixed == []


def test_fingerprint_does_not_change_when_a_copy_repeats_a_value_or_a_folder_moves():
    again = conflict(cv("x/a.md", 340), cv("y/b.md", 410), cv("c.md", 340, "340 trucks"), cv("d.md", 410.0, "410 Trucks"))
    assert again.fingerprint == ACCEPTED.fingerprint
    assert conflict(cv("a.md", 340), cv("b.md", 380)).fingerprint != ACCEPTED.fingerprint


def test_a_third_value_is_new_and_named_and_leads_the_finding():
    third = conflict(cv("a.md", 340), cv("b.md", 410), cv("c.md", 500))
    cmp = baseline.compare(report(third), accepted_baseline())
    [f] = cmp.new
    assert cmp.fixed == [] and cmp.new_values[id(f)] == ["500 trucks"]
    assert f.claims[0].doc == "c.md"  # annotated where the new value is
    only_changed = baseline.compare(report(third), accepted_baseline(), involved=lambda p: p.name == "a.md")
    assert only_changed.new[0].claims[0].doc == "a.md"  # no new value in the changed article: order kept


def test_an_accepted_conflict_that_went_away_is_fixed_and_named():
    cmp = baseline.compare(report(), accepted_baseline())
    assert [e.message for e in cmp.fixed] == ["Fleetco trucks (2025)"] and cmp.fixed_lines() == [
        "[value-agreement] Fleetco trucks (2025) (a.md, b.md)"]
    # A run that looks only at other articles says nothing about it.
    assert baseline.compare(report(), accepted_baseline(), involved=lambda p: p.name == "z.md").fixed == []


def test_a_renamed_article_keeps_its_accepted_inside_article_finding():
    slip = finding(claim("old-name.md", 2, "42%"), claim("old-name.md", 2, "$5 million"), rule="arithmetic")
    accepted = baseline.Baseline.model_validate(json.loads(baseline.dumps(report(slip))))
    renamed = finding(claim("new-name.md", 2, "42%"), claim("new-name.md", 2, "$5 million"), rule="arithmetic")
    assert renamed.fingerprint != slip.fingerprint
    assert baseline.compare(report(renamed), accepted).new == []
    # The same slip copied into a second article, the first still there, is new.
    cmp = baseline.compare(report(slip, renamed), accepted)
    assert cmp.new == [renamed] and cmp.unchanged == [slip]


def test_version_1_baselines_are_still_read_and_matched():
    from factlint.fingerprint import fingerprint_v1

    old = {"version": 1, "findings": [{"fingerprint": fingerprint_v1(ACCEPTED), "rule": "value-agreement", "docs": ["a.md", "b.md"]}]}
    cmp = baseline.compare(report(ACCEPTED), baseline.Baseline.model_validate(old))
    assert cmp.new == [] and len(cmp.unchanged) == 1


def test_accepted_values_index_agrees_with_a_plain_scan():
    vals = [baseline.Value(key="trucks|340", text="340 trucks", unit="trucks", low=339.5, high=340.5),
            baseline.Value(key="trucks|400", text="over 400 trucks", unit="trucks", low=400, high=None),
            baseline.Value(key="USD|5e+06", text="5 million USD", unit="USD", low=4.5e6, high=5.5e6)]
    idx = baseline._Accepted(vals)
    assert idx.agrees(cv("a.md", 340.4)) and idx.agrees(cv("a.md", 9000)) and not idx.agrees(cv("a.md", 370))
    usd = cv("a.md", 5e6).model_copy(update={"unit": "USD"})
    assert idx.agrees(usd) and not idx.agrees(usd.model_copy(update={"unit": "EUR"}))  # another unit is another value


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 5)), min_size=1, max_size=20), st.integers(-5, 60), st.integers(0, 5))
def test_accepted_index_is_an_interval_overlap_test(spans, at, width):
    vals = [baseline.Value(key=f"trucks|{lo}-{w}", text="", unit="trucks", low=lo, high=lo + w) for lo, w in spans]
    c = cv("a.md", at + width / 2).model_copy(update={"low": at, "high": at + width})
    assert baseline._Accepted(vals).agrees(c) == any(lo <= at + width and at <= lo + w for lo, w in spans)
