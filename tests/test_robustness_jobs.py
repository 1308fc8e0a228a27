"""--jobs N: per-article work in a process pool gives byte-identical output to one process."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from factlint import cli

DATA = Path(__file__).resolve().parent / "data"


def test_jobs_output_is_byte_identical(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for corpus in ("devcorpus", "devcorpus2", "fpcorpus"):
        shutil.copytree(DATA / corpus, tmp_path / corpus, ignore=shutil.ignore_patterns("*.json"))
    (tmp_path / "devcorpus" / "broken.md").write_bytes(b"caf\xe9")  # errors keep their place too
    outputs = {}
    for jobs in ("1", "2", "3"):
        for fmt in ("json", "text"):
            res = CliRunner().invoke(cli.main, ["lint", "devcorpus", "devcorpus2", "fpcorpus", "--no-store",
                                                "--format", fmt, "--jobs", jobs])
            assert res.exit_code == 2, res.output
            outputs[jobs, fmt] = res.stdout
    for fmt in ("json", "text"):
        assert outputs["1", fmt] == outputs["2", fmt] == outputs["3", fmt]
    assert outputs["1", "json"].count('"rule"') > 3


def test_jobs_with_a_store_matches_one_process(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA / "devcorpus", tmp_path / "arts", ignore=shutil.ignore_patterns("*.json"))
    (tmp_path / "factlint.toml").write_text('include = ["arts"]\n', encoding="utf-8")
    runs = [CliRunner().invoke(cli.main, ["lint", "--format", "json", *args]).stdout
            for args in (["--jobs", "2"], ["--jobs", "2"], ["--no-store", "--jobs", "1"])]
    assert runs[0] == runs[1] == runs[2]


def test_progress_sees_every_analysed_article_with_and_without_a_pool(tmp_path):
    from factlint.knowledge import Knowledge
    from factlint.pipeline import lint

    shutil.copytree(DATA / "devcorpus", tmp_path / "arts", ignore=shutil.ignore_patterns("*.json"))
    kb = Knowledge.load()
    for jobs in (1, 2):
        seen = []

        def progress(items):
            seen.append(len(items))
            return items

        lint([tmp_path / "arts"], kb, progress=progress, jobs=jobs)
        n = len(list((tmp_path / "arts").glob("*.md")))
        assert seen == [n if jobs == 1 else n - 1]  # with a pool, the parent analyses the first article itself
