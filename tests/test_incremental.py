"""Re-checking only the partitions an edit touches gives exactly the findings of a cold
--no-store run: edits that move a claim between partitions, new, deleted and renamed
articles, and a unification of unknown names that an edit changes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from factlint import cli
from factlint.check import incremental

DATA = Path(__file__).resolve().parent / "data"
HARBOR_A = "---\npublished: 2025-03-01\nsource: Wire A\n---\nHarbor Kinetics reported revenue of $120 million for 2024.\n"
HARBOR_B = "---\npublished: 2025-04-02\nsource: Wire B\n---\nIn 2024, Harbor Kinetics brought in revenue of $150 million.\n"
LUMO_C = "---\npublished: 2025-02-01\nsource: Wire C\n---\nLumo Systems had 40 million monthly active users in 2024.\n"
LUMO_D = "---\npublished: 2025-02-03\nsource: Wire D\n---\nLumo Systems had 55 million monthly active users in 2024.\n"


@pytest.fixture
def proj(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for var in ("GITHUB_STEP_SUMMARY", "CI"):
        monkeypatch.delenv(var, raising=False)
    arts = tmp_path / "arts"
    shutil.copytree(DATA / "devcorpus", arts, ignore=shutil.ignore_patterns("*.json"))
    for name, body in {"a.md": HARBOR_A, "b.md": HARBOR_B, "c.md": LUMO_C, "d.md": LUMO_D}.items():
        (arts / name).write_text(body, encoding="utf-8")
    (tmp_path / "factlint.toml").write_text('include = ["arts"]\n', encoding="utf-8")
    return tmp_path


@pytest.fixture
def checked(monkeypatch):
    """How many articles each rule's cross-article part looked at, run by run."""
    seen: list[dict[str, int]] = []
    real = incremental._guarded_run

    def counting(ctx, rule, scope, seconds):
        seen[-1][rule.id] = len(ctx.analyses)
        return real(ctx, rule, scope, seconds)

    monkeypatch.setattr(incremental, "_guarded_run", counting)
    return seen


def lint(*args):
    res = CliRunner().invoke(cli.main, ["lint", "--format", "json", "--jobs", "1", *args])
    return res.exit_code, res.stdout


def same_as_cold(checked) -> dict[str, int]:
    checked.append({})
    got = lint()
    assert got == lint("--no-store")
    return checked[-1]


def test_edits_recheck_only_touched_partitions_and_match_a_cold_run(proj, checked):
    arts = proj / "arts"
    total = len(list(arts.glob("*.md")))
    first = same_as_cold(checked)
    assert first["value-agreement"] == total  # cold: the whole corpus
    # A claim moves from one partition (Harbor Kinetics) to another (Lumo Systems).
    (arts / "b.md").write_text(HARBOR_B.replace("Harbor Kinetics", "Lumo Systems"), encoding="utf-8")
    moved = same_as_cold(checked)
    assert moved["value-agreement"] == 4 and moved["ordering"] < total  # a, b, c, d: both partitions
    # And back, with a value change: the conflict returns.
    (arts / "b.md").write_text(HARBOR_B.replace("150", "151"), encoding="utf-8")
    assert same_as_cold(checked)["value-agreement"] == 4
    # A new article, in one partition.
    (arts / "e.md").write_text(LUMO_D.replace("55", "70").replace("Wire D", "Wire E"), encoding="utf-8")
    assert same_as_cold(checked)["value-agreement"] == 3
    # A deleted article: its old partition is re-checked without it.
    (arts / "c.md").unlink()
    assert same_as_cold(checked)["value-agreement"] == 2
    # A renamed article.
    (arts / "a.md").rename(arts / "z.md")
    assert same_as_cold(checked)["value-agreement"] == 2
    # An edit to a real article, and nothing changed at all.
    x = arts / "02-xiaomi-q3-scmp.md"
    x.write_text(x.read_text(encoding="utf-8").replace("131.1 billion", "113.1 billion"), encoding="utf-8")
    edited = same_as_cold(checked)
    assert 0 < edited["value-agreement"] < total - 1
    assert same_as_cold(checked) == {}  # the earlier report is served


def test_an_edit_that_changes_how_unknown_names_unify(proj, checked):
    arts = proj / "arts"
    short = "---\npublished: 2025-03-01\nsource: Wire S\n---\nThe ETS reported revenue of $12 million for 2024.\n"
    (arts / "s.md").write_text(short, encoding="utf-8")
    same_as_cold(checked)
    full = ("---\npublished: 2025-03-02\nsource: Wire F\n---\nThe Emissions Trading System reported revenue of "
            "$19 million for 2024.\n")
    (arts / "f.md").write_text(full, encoding="utf-8")  # "ETS" may now be this name
    same_as_cold(checked)
    (arts / "f.md").unlink()
    same_as_cold(checked)


def test_a_damaged_corpus_state_is_a_whole_run_not_a_wrong_answer(proj, checked):
    import sqlite3

    same_as_cold(checked)
    with sqlite3.connect(proj / ".factlint" / "claims.sqlite3") as db:
        db.execute("UPDATE corpus SET state = replace(state, '120', '125')")
    (proj / "arts" / "b.md").write_text(HARBOR_B.replace("150", "160"), encoding="utf-8")
    checked.append({})
    res = CliRunner().invoke(cli.main, ["lint", "--format", "json", "--jobs", "1"])
    assert (res.exit_code, res.stdout) == lint("--no-store") and "failed during the run" in res.stderr


def test_an_edit_loads_only_the_articles_of_the_partitions_it_touches(proj, checked, monkeypatch):
    from factlint.store import Store

    arts = proj / "arts"
    same_as_cold(checked)
    loads: list[str] = []
    real = Store.load

    def counting(self, path):
        loads.append(path)
        return real(self, path)

    monkeypatch.setattr(Store, "load", counting)
    (arts / "b.md").write_text(HARBOR_B.replace("150", "170"), encoding="utf-8")
    checked.append({})
    assert lint() == lint("--no-store")
    # b.md is read from disk; of the other articles only a.md (its partition) comes from the store.
    assert sorted(set(loads)) == ["arts/a.md"]


def test_html_report_from_the_store_embeds_the_same_articles_as_without_it(proj, monkeypatch):
    from factlint.report import html

    monkeypatch.setattr(html, "EMBED_ALL_UP_TO", 3)  # a "large" corpus: only articles with findings are embedded

    def report(*args) -> str:
        res = CliRunner().invoke(cli.main, ["report", "-o", "r.html", "--no-provenance", "--jobs", "1", *args])
        assert res.exit_code == 0, res.output
        return (proj / "r.html").read_text(encoding="utf-8")

    (proj / "arts" / "quiet.md").write_text(LUMO_C.replace("Lumo Systems", "Quiet Harbour Ltd"), encoding="utf-8")
    cold = report()
    assert cold == report("--no-store")
    assert "other documents checked have no findings and are not shown" in cold and "quiet.md" not in cold
    (proj / "arts" / "b.md").write_text(HARBOR_B.replace("150", "170"), encoding="utf-8")
    assert report() == report("--no-store")
    assert report() == report("--no-store")  # warm
