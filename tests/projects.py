"""A project folder for CLI tests: `arts/` with the given articles (and, if asked, the
devcorpus), a factlint.toml that includes it, the working directory there, and no CI
environment leaking into the run."""
from __future__ import annotations

import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def make_project(tmp_path: Path, monkeypatch, articles: dict[str, str], devcorpus: bool = False) -> Path:
    monkeypatch.chdir(tmp_path)
    for var in ("GITHUB_STEP_SUMMARY", "CI"):
        monkeypatch.delenv(var, raising=False)
    arts = tmp_path / "arts"
    if devcorpus:
        shutil.copytree(DATA / "devcorpus", arts, ignore=shutil.ignore_patterns("*.json"))
    else:
        arts.mkdir()
    for name, body in articles.items():
        (arts / name).write_text(body, encoding="utf-8")
    (tmp_path / "factlint.toml").write_text('include = ["arts"]\n', encoding="utf-8")
    return tmp_path
