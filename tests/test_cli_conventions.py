"""Command-line conventions (deliverable 5 of issue 12) and gates that must not pass silently."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from factlint import cli, cliopts
from factlint.knowledge import Knowledge

A = "---\npublished: 2025-03-01\nsource: Harbor Daily\n---\nHarbor Kinetics reported revenue of $120 million for 2024.\n"
B = "---\npublished: 2025-04-02\n---\nIn 2024, Harbor Kinetics brought in revenue of $150 million.\n"


@pytest.fixture
def arts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for var in ("GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "CI", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "arts").mkdir()
    (tmp_path / "arts" / "a.md").write_text(A, encoding="utf-8")
    (tmp_path / "arts" / "b.md").write_text(B, encoding="utf-8")
    return tmp_path


def lint(*args, input=None):
    return CliRunner().invoke(cli.main, ["lint", "--no-store", *args], input=input)


def test_quiet_prints_findings_only(arts):
    loud, quiet = lint("arts"), lint("arts", "-q")
    assert loud.exit_code == quiet.exit_code == 1
    assert "Checked 2 documents" in loud.stdout and "Checked" not in quiet.stdout
    assert quiet.stdout.startswith("arts/b.md:5:") or quiet.stdout.startswith("arts/a.md:")


def test_statistics_counts_by_rule(arts):
    res = lint("arts", "--statistics")
    assert res.exit_code == 1
    assert res.stdout.splitlines()[0].split() == ["1", "value-agreement", "value-conflict", "error"]
    assert "$150" not in res.stdout


def test_select_and_ignore_by_id_rule_kind_or_finding_kind(arts):
    assert lint("arts", "--ignore", "value-conflict").exit_code == 0
    assert lint("arts", "--select", "arithmetic,value-agreement").exit_code == 1
    assert lint("arts", "--select", "conversion").exit_code == 0
    res = lint("arts", "--select", "nonsense")
    assert res.exit_code == 2 and "no rule or kind 'nonsense'" in res.stderr and "value-conflict" in res.stderr
    kb = Knowledge.load()
    cliopts.select_rules(kb, ["date-conflict"], [])
    assert sorted(r.id for r in kb.rules if r.enabled) == ["duration-vs-dates", "same-event-dates", "temporal", "weekday"]


def test_an_empty_rule_set_is_an_error_not_a_pass(arts):
    (arts / "norules").mkdir()
    res = lint("arts", "--rules", "norules")
    assert res.exit_code == 2 and "no rules to run" in res.stderr
    names = ",".join(r.id for r in Knowledge.load().rules)
    assert lint("arts", "--ignore", names).exit_code == 2


def test_zero_articles_is_an_error(arts):
    (arts / "empty").mkdir()
    (arts / "empty" / "notes.pdf").write_bytes(b"%PDF")
    res = lint("empty")
    assert res.exit_code == 2 and "no articles found in empty" in res.stderr


def test_a_missing_changed_path_is_an_error(arts):
    res = lint("arts", "--changed", "arts/typo.md")
    assert res.exit_code == 2 and "--changed arts/typo.md: no such file" in res.stderr
    assert lint("arts", "--changed", "arts/b.md").exit_code == 1


def test_config_file_named_on_the_command_line(arts):
    (arts / "ci").mkdir()
    (arts / "ci" / "strict.toml").write_text('include = ["../arts"]\n[rule.value-agreement]\nenabled = false\n', encoding="utf-8")
    res = CliRunner().invoke(cli.main, ["lint", "--no-store", "--config", "ci/strict.toml"])
    assert res.exit_code == 0, res.output
    assert "Checked 2 documents" in res.stdout
    res = CliRunner().invoke(cli.main, ["lint", "--no-store", "--config", "ci/missing.toml"])
    assert res.exit_code == 2 and "ci/missing.toml: config file not found" in res.stderr


def test_stdin_is_checked_against_the_other_paths(arts):
    res = lint("-", "arts/a.md", "--format", "json", input=B)
    assert res.exit_code == 1, res.output
    docs = {c["doc"] for f in json.loads(res.stdout)["findings"] for c in f["claims"]}
    assert docs == {"<stdin>", "arts/a.md"}
    assert "<stdin>" in json.loads(res.stdout)["documents"]


def test_no_path_and_no_config_lints_the_working_directory(arts):
    res = CliRunner().invoke(cli.main, ["lint", "--no-store"])
    assert res.exit_code == 1 and "Checked 2 documents" in res.stdout


@pytest.mark.parametrize("args, env, coloured", [
    (["--color", "always"], {}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ([], {}, False),  # a pipe
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    (["--no-color"], {"FORCE_COLOR": "1"}, False),
])
def test_colour_flags_and_environment(arts, monkeypatch, args, env, coloured):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    res = lint("arts", *args)
    assert ("\x1b[" in res.stdout) is coloured


def test_explain_answers_to_the_finding_kind(arts):
    res = CliRunner().invoke(cli.main, ["explain", "value-conflict"])
    assert res.exit_code == 0 and res.stdout.startswith("value-agreement (reports value-conflict, error)")


def test_against_corpus_checks_only_staged_articles_of_the_corpus(arts):
    (arts / "factlint.toml").write_text('include = ["arts"]\nstore = "none"\n', encoding="utf-8")
    (arts / "README.md").write_text("Revenue was $999 million in 2024 for Harbor Kinetics.\n", encoding="utf-8")
    res = CliRunner().invoke(cli.main, ["lint", "--against-corpus", "README.md"])
    assert res.exit_code == 0 and res.stdout == ""  # nothing of the corpus staged: nothing to check
    res = CliRunner().invoke(cli.main, ["lint", "--against-corpus", "README.md", "arts/b.md", "--format", "json"])
    assert res.exit_code == 1
    docs = {c["doc"] for f in json.loads(res.stdout)["findings"] for c in f["claims"]}
    assert docs == {"arts/a.md", "arts/b.md"}  # README.md's figure is not read


def test_report_header_names_what_it_was_made_from(arts):
    import subprocess

    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
           "GIT_COMMITTER_DATE": "2026-01-02T03:04:05+00:00", "GIT_AUTHOR_DATE": "2026-01-02T03:04:05+00:00", "PATH": "/usr/bin:/bin"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "c"]):
        subprocess.run(["git", *args], cwd=arts, check=True, capture_output=True, env=env)
    res = CliRunner().invoke(cli.main, ["report", "arts", "-o", "r.html", "--no-store"])
    assert res.exit_code == 0, res.output
    head = (arts / "r.html").read_text(encoding="utf-8").split("<main>")[0]
    assert "<dt>inputs</dt><dd><bdi>arts (2 articles)</bdi></dd>" in head and "<dt>baseline</dt><dd><bdi>none</bdi></dd>" in head
    assert "2026-01-02T03:04:05+00:00" in head and "uncommitted" not in head
    (arts / "arts" / "a.md").write_text(A + "\nMore.\n", encoding="utf-8")
    CliRunner().invoke(cli.main, ["report", "arts", "-o", "r.html", "--no-store"])
    assert "(inputs have uncommitted changes)" in (arts / "r.html").read_text(encoding="utf-8")
    CliRunner().invoke(cli.main, ["report", "arts", "-o", "r.html", "--no-store", "--no-provenance"])
    assert 'class="provenance"' not in (arts / "r.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["report", "-o", "r.html"], ["baseline", "write", "-o", "b.json"]])
def test_report_and_baseline_of_no_articles_are_errors(arts, command):
    (arts / "empty").mkdir()
    res = CliRunner().invoke(cli.main, [*command, "empty", "--no-store"])
    assert res.exit_code == 2 and "no articles found in empty" in res.stderr
    assert not (arts / command[-1]).exists()


def test_rules_explain_and_config_take_a_config_file_and_name_finding_kinds(arts):
    (arts / "my.toml").write_text('[rule.revision]\nenabled = false\n', encoding="utf-8")
    res = CliRunner().invoke(cli.main, ["rules", "--config", "my.toml"])
    rows = {ln.split()[0]: ln.split()[1:3] for ln in res.stdout.splitlines()}
    assert rows["value-agreement"] == ["value-conflict", "error"] and rows["revision"] == ["revision", "off"]
    assert "my.toml" in CliRunner().invoke(cli.main, ["config", "--config", "my.toml"]).stdout
    assert "disabled" in CliRunner().invoke(cli.main, ["explain", "revision", "--config", "my.toml"]).stdout
