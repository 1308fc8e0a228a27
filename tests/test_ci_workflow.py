"""factlint as a CI check on new articles, end to end with the real pipeline:
config discovery, claim store, baseline, --changed-since, --against-corpus,
GitHub annotations."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess

import pytest
from click.testing import CliRunner

from factlint import cli
from factlint.store import Store

OLD = "---\npublished: 2025-03-01\nsource: Harbor Daily\n---\nHarbor Kinetics reported revenue of $120 million for 2024.\n"
ACCEPTED_A = "---\npublished: 2025-02-01\n---\nLumo Systems had 40 million monthly active users in 2024.\n"
ACCEPTED_B = "---\npublished: 2025-02-03\n---\nLumo Systems had 55 million monthly active users in 2024.\n"
CONFLICT = "---\npublished: 2025-04-02\n---\nA short note.\n\nIn 2024, Harbor Kinetics brought in revenue of $150 million.\n"
AGREES = "---\npublished: 2025-04-02\n---\nIn 2024, Harbor Kinetics had revenue of $0.12 billion.\n"


def git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t"})


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for var in ("GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "CI"):
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "articles" / "lumo-a.md").write_text(ACCEPTED_A, encoding="utf-8")
    (tmp_path / "articles" / "lumo-b.md").write_text(ACCEPTED_B, encoding="utf-8")
    (tmp_path / "factlint.toml").write_text('include = ["articles"]\nbaseline = "factlint-baseline.json"\n', encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    res = CliRunner().invoke(cli.main, ["baseline", "write"])
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "factlint-baseline.json").read_text())["findings"], "the accepted conflict is recorded"
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "corpus")
    return tmp_path


def lint(*args):
    return CliRunner().invoke(cli.main, ["lint", *args])


def test_accepted_corpus_passes(repo):
    res = lint()
    assert res.exit_code == 0, res.output
    assert "0 new, 1 still present, 0 fixed" in res.output


def test_new_contradicting_article_fails_with_annotation_on_its_line(repo):
    (repo / "articles" / "new.md").write_text(CONFLICT, encoding="utf-8")
    res = lint("--changed-since", "main", "--format", "github")
    assert res.exit_code == 1, res.output
    line = next(ln for ln in res.stdout.splitlines() if ln.startswith("::error"))
    assert "file=articles/new.md" in line and "line=6" in line
    assert "articles/old.md" in line  # names the older source


def test_new_agreeing_article_passes(repo):
    (repo / "articles" / "new.md").write_text(AGREES, encoding="utf-8")
    res = lint("--changed-since", "main")
    assert res.exit_code == 0, res.output


def test_resolving_an_accepted_conflict_shows_fixed(repo):
    (repo / "articles" / "lumo-b.md").write_text(ACCEPTED_B.replace("55 million", "40 million"), encoding="utf-8")
    res = lint()
    assert res.exit_code == 0
    assert "0 new, 0 still present, 1 fixed" in res.output


def test_changed_since_ignores_findings_in_untouched_articles(repo):
    (repo / "factlint.toml").write_text('include = ["articles"]\n', encoding="utf-8")  # no baseline
    (repo / "articles" / "new.md").write_text(AGREES, encoding="utf-8")
    res = lint("--changed-since", "main", "--format", "json")
    assert res.exit_code == 0, res.output  # the Lumo conflict is old and not shown
    assert json.loads(res.stdout)["findings"] == []


def test_against_corpus_checks_staged_files_against_everything(repo):
    (repo / "factlint.toml").write_text('include = ["articles"]\n', encoding="utf-8")  # no baseline
    (repo / "articles" / "new.md").write_text(CONFLICT, encoding="utf-8")
    res = lint("--against-corpus", "articles/new.md", "--format", "json")
    assert res.exit_code == 1, res.output
    docs = {c["doc"] for f in json.loads(res.stdout)["findings"] for c in f["claims"]}
    assert docs == {"articles/new.md", "articles/old.md"}


def test_store_reuses_unchanged_articles_and_rebuilds_a_corrupt_one(repo):
    path = repo / ".factlint" / "claims.sqlite3"
    assert lint().exit_code == 0
    store = Store(path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM article").fetchone()[0] == 3
    store.close()
    path.write_bytes(b"this is not a database" * 100)
    res = lint()
    assert res.exit_code == 0 and "rebuilt" in res.stderr
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM article").fetchone()[0] == 3


def test_store_hits_for_unchanged_and_miss_for_edited(repo):
    from factlint.ingest import read
    from factlint.knowledge import Knowledge
    from factlint.pipeline import analyse_cached

    kb = Knowledge.load()
    store = Store(repo / ".cache" / "s.sqlite3")
    doc = read(repo / "articles" / "old.md")
    first = analyse_cached(doc, kb, store)
    again = analyse_cached(read(repo / "articles" / "old.md"), kb, store)
    assert (store.hits, store.misses) == (1, 1)
    assert [c.model_dump() for c in again.claims] == [c.model_dump() for c in first.claims]
    (repo / "articles" / "old.md").write_text(OLD.replace("$120", "$125"), encoding="utf-8")
    edited = analyse_cached(read(repo / "articles" / "old.md"), kb, store)
    assert store.misses == 2 and edited.claims[0].mention.value == 125e6
    store.close()


def test_focus_reads_only_related_articles_and_finds_the_same(repo):
    from factlint.knowledge import Knowledge
    from factlint.pipeline import lint as run

    kb = Knowledge.load()
    store = Store(repo / ".cache" / "focus.sqlite3")
    run(["articles"], kb, store=store)  # fill the store
    (repo / "articles" / "new.md").write_text(CONFLICT, encoding="utf-8")
    focus = {str((repo / "articles" / "new.md").resolve())}
    focused = run(["articles"], kb, store=store, focus=focus)
    # Only the new article and the one sharing its entity and metric were loaded; the Lumo pair was not.
    assert sorted(a.doc.path for a in focused.analyses) == ["articles/new.md", "articles/old.md"]
    assert "articles/lumo-a.md" in focused.report.documents
    full = run(["articles"], kb, store=None)
    involving = lambda r: sorted(f.fingerprint for f in r.findings if any(c.doc == "articles/new.md" for c in f.claims))  # noqa: E731
    assert involving(focused.report) == involving(full.report) != []
    store.close()
