"""Re-checking only the partitions an edit touches gives exactly the findings of a cold
--no-store run: edits that move a claim between partitions, new, deleted and renamed
articles, and a unification of unknown names that an edit changes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from projects import make_project

from factlint import cli
from factlint.check import incremental

DATA = Path(__file__).resolve().parent / "data"
HARBOR_A = "---\npublished: 2025-03-01\nsource: Wire A\n---\nHarbor Kinetics reported revenue of $120 million for 2024.\n"
HARBOR_B = "---\npublished: 2025-04-02\nsource: Wire B\n---\nIn 2024, Harbor Kinetics brought in revenue of $150 million.\n"
LUMO_C = "---\npublished: 2025-02-01\nsource: Wire C\n---\nLumo Systems had 40 million monthly active users in 2024.\n"
LUMO_D = "---\npublished: 2025-02-03\nsource: Wire D\n---\nLumo Systems had 55 million monthly active users in 2024.\n"


@pytest.fixture
def proj(tmp_path, monkeypatch):
    return make_project(tmp_path, monkeypatch, {"a.md": HARBOR_A, "b.md": HARBOR_B, "c.md": LUMO_C, "d.md": LUMO_D},
                        devcorpus=True)


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
    # text: not spliced from the record (check/splice.py), so the whole run reads the damaged state
    res = CliRunner().invoke(cli.main, ["lint", "--format", "text", "--jobs", "1"])
    cold = CliRunner().invoke(cli.main, ["lint", "--format", "text", "--jobs", "1", "--no-store"])
    assert (res.exit_code, res.stdout) == (cold.exit_code, cold.stdout) and "failed during the run" in res.stderr


def test_a_damaged_record_is_a_whole_run_not_a_wrong_answer(proj, checked):
    import sqlite3

    same_as_cold(checked)
    with sqlite3.connect(proj / ".factlint" / "claims.sqlite3") as db:
        db.execute("UPDATE rec_finding SET text = text || ' '")  # the untouched findings too
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


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_across_real_corpora_match_a_cold_run(tmp_path, monkeypatch, checked, seed):
    """Paragraphs moved between articles (so claims, events and dated figures change partitions),
    articles deleted, renamed and restored, over corpora with every kind of cross-article finding."""
    import random

    monkeypatch.chdir(tmp_path)
    for var in ("GITHUB_STEP_SUMMARY", "CI"):
        monkeypatch.delenv(var, raising=False)
    arts = tmp_path / "arts"
    arts.mkdir()
    for corpus in ("devcorpus2", "devcorpus3", "blindB"):
        for p in sorted((DATA / corpus).glob("*.md")):
            (arts / f"{corpus}-{p.name}").write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "factlint.toml").write_text('include = ["arts"]\n', encoding="utf-8")
    rng = random.Random(seed)
    checked.append({})
    assert lint() == lint("--no-store")
    for step in range(6):
        files = sorted(arts.glob("*.md"))
        src, dst = rng.sample(files, 2)
        action = step % 3
        if action == 0:  # a paragraph of one article appended to another
            paras = [p for p in src.read_text(encoding="utf-8").split("\n\n") if not p.startswith("---")]
            dst.write_text(dst.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + rng.choice(paras).strip() + "\n",
                           encoding="utf-8")
        elif action == 1:
            src.rename(arts / f"renamed-{step}-{src.name}")
        else:
            src.unlink()
        checked.append({})
        got = lint()
        assert got == lint("--no-store"), (step, action)
    assert json.loads(got[1])["findings"]
    total = len(list(arts.glob("*.md")))

    assert any(0 < n < total for run in checked for n in run.values())  # partitions, not the corpus


def test_event_and_dated_figure_partitions(proj, checked):
    arts = proj / "arts"
    ev = "---\npublished: 2026-02-{d:02d}\nsource: Wire {s}\n---\nZhipu released GLM-5 on February {d}, 2026, drawing heavy traffic.\n"
    fig = "---\npublished: 2026-06-{d:02d}\nsource: Wire {s}\n---\nXiaomi sold 1,284,000 phones on June {d}, 2026.\n"
    (arts / "e1.md").write_text(ev.format(d=10, s="E1"), encoding="utf-8")
    (arts / "e2.md").write_text(ev.format(d=12, s="E2"), encoding="utf-8")
    (arts / "t1.md").write_text(fig.format(d=10, s="T1"), encoding="utf-8")
    (arts / "t2.md").write_text(fig.format(d=11, s="T2"), encoding="utf-8")
    same_as_cold(checked)
    out = json.loads(lint("--no-store")[1])
    assert {"same-event-dates", "temporal"} <= {f["rule"] for f in out["findings"]}
    (arts / "e2.md").write_text(ev.format(d=10, s="E2"), encoding="utf-8")  # the conflict goes away
    assert same_as_cold(checked)["same-event-dates"] == 2
    (arts / "t2.md").write_text(fig.format(d=11, s="T2") + "\n" + ev.format(d=14, s="T2").split("---\n")[-1],
                                encoding="utf-8")  # an event joins another article: it conflicts again
    assert same_as_cold(checked)["same-event-dates"] == 3
    (arts / "t1.md").unlink()  # its partition (Xiaomi) is re-checked: t2.md and devcorpus's Xiaomi articles
    assert same_as_cold(checked)["temporal"] == 1 + len(list(arts.glob("0[123]-xiaomi-*.md")))


def test_a_wrong_weekday_meets_the_source_added_later_that_gives_the_day_it_fits(proj, checked):
    # the finding for "Friday, August 23" (a Saturday) cites a source of another day's partition
    arts = proj / "arts"
    (arts / "w1.md").write_text("---\npublished: 2025-08-25\n---\nThe order, issued on Friday, August 23, halts work.\n",
                                encoding="utf-8")
    same_as_cold(checked)
    (arts / "w2.md").write_text("---\npublished: 2025-08-24\n---\nRegulators halted the work on Friday, August 22.\n",
                                encoding="utf-8")
    same_as_cold(checked)
    cited = [c["doc"] for f in json.loads(lint()[1])["findings"] if f["rule"] == "weekday" for c in f["claims"]]
    assert any(d.endswith("w2.md") for d in cited)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_cold_run_in_batches_of_partitions_prints_what_one_pass_prints(proj, monkeypatch, jobs):
    """Beyond IN_MEMORY new articles a run keeps them in a store (a scratch one with --no-store)
    and checks a batch of partitions at a time (in the pool with --jobs 2); the output is that of
    one pass over the corpus in memory."""
    from factlint import pipeline

    whole = lint("--no-store")
    batches = []
    real = incremental._batches
    monkeypatch.setattr(incremental, "_batches", lambda *a: batches.append(real(*a)) or batches[-1])
    monkeypatch.setattr(pipeline, "IN_MEMORY", 0)
    monkeypatch.setattr(incremental, "BATCH", 3)
    for args in (["--no-store"], [], []):  # no store; a cold store; its unchanged re-lint
        res = CliRunner().invoke(cli.main, ["lint", "--format", "json", "--jobs", jobs, *args])
        assert (res.exit_code, res.stdout) == whole
    assert len(batches[0]) > 3 and all(len(arts) for arts, _ in batches[0])
    from factlint.store import Store

    loads: list[str] = []
    real_load = Store.load
    monkeypatch.setattr(Store, "load", lambda self, path: loads.append(path) or real_load(self, path))
    (proj / "arts" / "b.md").write_text(HARBOR_B.replace("150", "170"), encoding="utf-8")
    res = CliRunner().invoke(cli.main, ["lint", "--format", "json", "--jobs", jobs])
    assert set(loads) <= {"arts/a.md", "arts/b.md"}  # the edit (shelved too, here) and its partition only
    assert (res.exit_code, res.stdout) == lint("--no-store")
