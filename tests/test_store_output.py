"""Re-linting an unchanged corpus replays the earlier run's output (cli/lint_cache.py) without
decoding its report, and anything that shapes the output (an edit, a waiver, the format, an
output file) is a run of its own."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from projects import make_project

from factlint import cli

DATA = Path(__file__).resolve().parent / "data"
PAIR = {"a.md": "---\npublished: 2025-03-01\nsource: Wire A\n---\nHarbor Kinetics reported revenue of $120 million for 2024.\n",
        "b.md": "---\npublished: 2025-04-02\nsource: Wire B\n---\nIn 2024, Harbor Kinetics brought in revenue of $150 million.\n",
        "c.md": "---\npublished: 2025-04-03\nsource: Wire C\n---\n<!-- factlint-ignore: arithmetic nothing to silence -->\n"
                "Lumo Systems had 40 million users in 2024.\n"}


@pytest.fixture
def proj(tmp_path, monkeypatch):
    return make_project(tmp_path, monkeypatch, PAIR, devcorpus=True)


def lint(*args):
    res = CliRunner().invoke(cli.main, ["lint", "--jobs", "1", *args])
    return res.exit_code, res.stdout, res.stderr


def no_decoding(mp):
    """A run that decodes the stored report, or runs the pipeline, fails."""
    from factlint import pipeline
    from factlint.store import Store

    def refuse(*a, **k):
        raise AssertionError("the unchanged re-lint decoded the report")

    mp.setattr(Store, "run_report", refuse)
    mp.setattr(pipeline, "lint", refuse)


@pytest.mark.parametrize("args", [("--format", "json"), (), ("--format", "sarif", "--output", "junit:out/j.xml"),
                                  ("--statistics",), ("-q", "--fail-on", "never")])
def test_unchanged_relint_replays_the_output_without_decoding_it(proj, args):
    cold = lint(*args)
    files = sorted(p.read_bytes() for p in (proj / "out").glob("*")) if (proj / "out").exists() else []
    second = lint(*args)  # keeps what it printed
    shutil.rmtree(proj / "out", ignore_errors=True)
    with pytest.MonkeyPatch.context() as mp:
        no_decoding(mp)
        replayed = lint(*args)
    assert cold == second == replayed
    assert "c.md" in replayed[2]  # the run's note on the unused suppression is replayed too
    assert files == (sorted(p.read_bytes() for p in (proj / "out").glob("*")) if files else [])
    assert replayed == lint(*args, "--no-store")


def test_what_shapes_the_output_is_not_replayed(proj):
    first = lint("--format", "json")
    lint("--format", "json")
    shown = json.loads(first[1])["findings"]
    assert shown, "the pair disagrees"
    waivers = proj / "waivers.toml"
    waivers.write_text(f'[[waiver]]\nfingerprint = "{shown[0]["fingerprint"]}"\nreason = "checked with the desk"\n', encoding="utf-8")
    waived = lint("--format", "json", "--waivers", str(waivers))
    assert waived == lint("--format", "json", "--waivers", str(waivers), "--no-store")
    assert len(json.loads(waived[1])["findings"]) == len(shown) - 1
    assert lint("--format", "json", "--waivers", str(waivers)) == waived  # replayed now
    waivers.write_text("", encoding="utf-8")  # the same path, other content
    assert lint("--format", "json", "--waivers", str(waivers)) == first
    (proj / "arts" / "b.md").write_text(PAIR["b.md"].replace("150", "155"), encoding="utf-8")
    edited = lint("--format", "json")
    assert edited != first and edited == lint("--format", "json", "--no-store")
    assert lint("--format", "text") == lint("--format", "text", "--no-store")


def test_a_progress_bar_is_shown_but_never_replayed():
    import io

    from factlint.cli.lint_cache import Tee

    out = io.StringIO()
    tee = Tee(out)
    for piece in ("\rfactlint:  10%|#", "arts/c.md:5: unused suppression\n", "\r" + " " * 20 + "\r"):
        tee.write(piece)
    assert out.getvalue().count("\r") == 3 and tee.kept == ["arts/c.md:5: unused suppression\n"]
    with pytest.raises(TypeError):
        tee.write(b"")  # text only, as click probes


def test_a_damaged_stored_output_is_never_replayed(proj):
    import sqlite3

    first = lint("--format", "json")
    lint("--format", "json")
    with sqlite3.connect(proj / ".factlint" / "claims.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM rendered").fetchone()[0] == 1
        db.execute("UPDATE rendered SET output = CAST(replace(CAST(output AS TEXT), 'Harbor', 'Harbour') AS BLOB)")
    code, out, err = lint("--format", "json")
    assert (code, out) == first[:2] and "failed during the run" in err and "Harbour" not in out
