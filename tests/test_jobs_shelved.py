"""A run that shelves its analyses (beyond pipeline.IN_MEMORY articles) gets them from the pool's
workers already encoded for the store (workers.Shelved): what is stored, and what the run prints,
is what one process stores and prints, also when the store fails mid-run."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from factlint import cli, ingest, pipeline, workers
from factlint.knowledge import Knowledge
from factlint.store import Store, encode

DATA = Path(__file__).resolve().parent / "data"
KB = Knowledge.load()


def _analysis(name: str = "devcorpus") -> pipeline.Analysis:
    path = sorted((DATA / name).glob("*.md"))[0]
    return pipeline.analyse(ingest.read(path), KB)


def test_an_encoded_analysis_is_stored_and_decoded_as_the_analysis_itself(tmp_path):
    a = _analysis()
    assert a.claims, "a test article with claims"
    shelved = workers.Shelved(a.doc, encode(a.mentions, a.claims), {"x": []}, {"y": []})
    assert (shelved.path, shelved.sha) == (a.path, a.sha)
    back = shelved.analysis()
    assert (back.mentions, back.claims, back.checks, back.keys) == (a.mentions, a.claims, {"x": []}, {"y": []})
    rows = {}
    for name, item in (("lists", (a.doc, a.mentions, a.claims, "st")), ("encoded", (a.doc, shelved.mentions, None, "st"))):
        store = Store(tmp_path / name / ".factlint" / "claims.sqlite3")
        store.put_many([item], KB.digest)
        rows[name] = (store.db.execute("SELECT * FROM article").fetchall(),
                      store.db.execute("SELECT * FROM claim_key ORDER BY entity, metric").fetchall())
        assert store.load(a.path)[2] == a.claims
        store.close()
    assert rows["lists"] == rows["encoded"] and rows["lists"][1]


def _project(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA / "devcorpus", tmp_path / "arts", ignore=shutil.ignore_patterns("*.json"))
    (tmp_path / "factlint.toml").write_text('include = ["arts"]\n', encoding="utf-8")


def _lint(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli.main, ["lint", "--format", "json", *args])
    return res.exit_code, res.stdout


def test_a_shelved_pool_run_prints_what_one_process_prints(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch)
    whole = _lint("--no-store", "--jobs", "1")
    made = []
    real = workers.Shelved.__init__
    monkeypatch.setattr(workers.Shelved, "__init__", lambda self, *a: made.append(1) or real(self, *a))
    monkeypatch.setattr(pipeline, "IN_MEMORY", 0)
    assert _lint("--no-store", "--jobs", "2") == whole
    assert len(made) > 3  # the workers' articles came encoded
    assert _lint("--jobs", "2") == whole  # a cold store, shelved in it


def test_when_the_shelf_fails_the_encoded_analyses_are_decoded_and_checked(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch)
    whole = _lint("--no-store", "--jobs", "1")
    monkeypatch.setattr(pipeline, "IN_MEMORY", 0)
    real = Store.put_checks

    def failing(self, items, rules):  # the first write of checks turns the store off (a full disk)
        self._fail(sqlite3.OperationalError("disk I/O error"))
        return real(self, items, rules)

    monkeypatch.setattr(Store, "put_checks", failing)
    decoded = []
    real_analysis = workers.Shelved.analysis
    monkeypatch.setattr(workers.Shelved, "analysis", lambda self: decoded.append(1) or real_analysis(self))
    assert _lint("--no-store", "--jobs", "2") == whole
    assert decoded  # held in memory, decoded, and checked as if never shelved
