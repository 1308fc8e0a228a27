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
    assert "0 new, 1 unchanged, 0 fixed" in res.output


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
    assert "0 new, 0 unchanged, 1 fixed" in res.output


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


# --- the scratch-repository scenario: copy repeats an accepted conflict ------------------

REPEAT = "---\npublished: 2025-02-{day:02}\n---\nA recap.\n\nLumo Systems had {figure} monthly active users in 2024.\n"


def _add(repo, name: str, figure: str, day: int = 10) -> None:
    (repo / "articles" / name).write_text(REPEAT.format(day=day, figure=figure), encoding="utf-8")


@pytest.mark.parametrize("figure", ["40 million", "55 million"], ids=["correct figure", "wrong figure"])
def test_an_article_repeating_either_side_of_an_accepted_conflict_passes(repo, figure):
    _add(repo, "recap.md", figure)
    res = lint("--changed-since", "main", "--format", "github")
    assert res.exit_code == 0, res.output
    assert not [ln for ln in res.stdout.splitlines() if ln.startswith("::error")]
    assert "0 new, 1 unchanged, 0 fixed" in res.stderr
    # After merging, a full lint still knows the accepted conflict: not "fixed" plus "new".
    full = lint("--format", "json")
    assert full.exit_code == 0, full.output
    data = json.loads(full.stdout)
    assert data["findings"] == [] and data["baseline"]["fixed"] == [] and len(data["baseline"]["unchanged"]) == 1


def test_an_article_with_a_third_value_fails_on_its_own_line(repo):
    _add(repo, "recap.md", "40 million")  # a repeat in the same pull request changes nothing
    _add(repo, "scoop.md", "70 million", day=12)
    res = lint("--changed-since", "main", "--format", "github")
    assert res.exit_code == 1, res.output
    errors = [ln for ln in res.stdout.splitlines() if ln.startswith("::error")]
    assert len(errors) == 1
    assert "file=articles/scoop.md" in errors[0] and "line=6" in errors[0]
    assert "Not in the baseline: 70 million" in errors[0].replace("%0A", "\n")
    assert "1 new, 0 unchanged, 0 fixed" in res.stderr
    out = lint("--changed-since", "main").stdout
    assert out.startswith("articles/scoop.md:6:") and "  note: not in the baseline: 70 million" in out
    assert "Baseline factlint-baseline.json: 1 new, 0 unchanged, 0 fixed." in out
    assert "Baseline" not in lint("--changed-since", "main", "-q").stdout
    data = json.loads(lint("--changed-since", "main", "--format", "json").stdout)
    [f] = data["findings"]
    assert f["baseline"] == "new" and len(f["new_values"]) == 1 and f["new_values"][0].startswith("70 million")
    assert sorted(v["value"].split(" monthly")[0] for v in f["values"]) == ["40 million", "55 million", "70 million"]


def test_a_fixed_conflict_is_named_in_every_format(repo):
    (repo / "articles" / "lumo-b.md").write_text(ACCEPTED_B.replace("55 million", "40 million"), encoding="utf-8")
    res = lint()
    assert res.exit_code == 0
    assert "Baseline factlint-baseline.json: 0 new, 0 unchanged, 1 fixed." in res.stdout
    assert "fixed: [value-agreement] Lumo Systems" in res.stdout and "articles/lumo-a.md, articles/lumo-b.md" in res.stdout
    data = json.loads(lint("--format", "json").stdout)
    [fixed] = data["baseline"]["fixed"]
    assert fixed["docs"] == ["articles/lumo-a.md", "articles/lumo-b.md"] and "Lumo Systems" in fixed["message"]
    sarif = json.loads(lint("--format", "sarif").stdout)
    assert sarif["runs"][0]["properties"]["baseline"]["fixed"][0]["message"] == fixed["message"]


def test_sarif_marks_accepted_findings_unchanged_and_new_ones_new(repo):
    _add(repo, "scoop.md", "70 million")
    (repo / "articles" / "new.md").write_text(CONFLICT, encoding="utf-8")
    log = json.loads(lint("--format", "sarif").stdout)
    states = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r.get("baselineState") for r in log["runs"][0]["results"]}
    assert set(states.values()) == {"new"}  # the Lumo finding has a new value now
    (repo / "articles" / "scoop.md").unlink()
    log = json.loads(lint("--format", "sarif").stdout)
    by_state = {r["baselineState"]: r for r in log["runs"][0]["results"]}
    assert set(by_state) == {"new", "unchanged"}
    assert by_state["unchanged"]["suppressions"][0]["kind"] == "external"


def test_baseline_paths_are_relative_to_the_repository(repo):
    data = json.loads((repo / "factlint-baseline.json").read_text(encoding="utf-8"))
    docs = [d for e in data["findings"] for d in e["docs"] + [x for v in e["values"] for x in v["docs"]]]
    assert docs and all(d.startswith("articles/") for d in docs)
    (repo / "sub").mkdir()
    os.chdir(repo / "sub")
    res = lint()
    assert "Baseline ../factlint-baseline.json: 0 new, 1 unchanged, 0 fixed." in res.output


# --- the shipped action and the documented workflow ----------------------------------------

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


def _steps(text: str) -> list[str]:
    """The `- uses:` / `- name:` step blocks of a YAML step list, as text (no YAML parser needed)."""
    return [b for b in text.split("\n    - ")[1:]]


def test_action_restores_the_store_and_uploads_sarif_after_a_failing_lint():
    steps = _steps((ROOT / "action.yml").read_text(encoding="utf-8"))
    names = [s.splitlines()[0] for s in steps]
    cache = next(s for s in steps if "actions/cache@" in s)
    run = next(s for s in steps if "factlint lint" in s)
    upload = next(s for s in steps if "codeql-action/upload-sarif@" in s)
    assert steps.index(cache) < steps.index(run) < steps.index(upload), names
    assert "path: ${{ inputs.store }}" in cache and "restore-keys:" in cache
    assert "always()" in upload and "sarif:factlint-results/factlint.sarif" in run
    assert "factlint-results/factlint.sarif" in upload


def test_readme_workflow_grants_code_scanning_and_uses_the_action():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```yaml\nname: factlint\n", 1)[1].split("```", 1)[0]
    assert "security-events: write" in block and "fetch-depth: 0" in block and "OWNER/factlint@" in block


def test_pre_commit_hook_runs_against_the_corpus():
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: factlint lint --against-corpus" in hook and "require_serial: true" in hook
