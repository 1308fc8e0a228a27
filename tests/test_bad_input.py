"""Bad input: each problem file gets a clear error naming it (and its line
where known), the exit status is 2, every other file is still checked, and
no input file is modified."""
from __future__ import annotations

import hashlib
import json

from click.testing import CliRunner

from factlint import cli

GOOD_A = "---\npublished: 2025-03-01\n---\nHarbor Kinetics reported revenue of $120 million for 2024.\n"
GOOD_B = "---\npublished: 2025-04-02\n---\nIn 2024, Harbor Kinetics brought in revenue of $150 million.\n"


def test_bad_files_are_reported_and_the_rest_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "a.md").write_text(GOOD_A, encoding="utf-8")
    (arts / "b.md").write_text(GOOD_B, encoding="utf-8")
    (arts / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (arts / "latin1.txt").write_bytes("line one\ncaf\xe9 2024".encode("latin-1"))
    (arts / "empty.md").write_text("  \n", encoding="utf-8")
    (arts / "baddate.md").write_text("---\ntitle: x\npublished: someday\n---\nLumo had 5 million users.\n", encoding="utf-8")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in arts.iterdir()}

    res = CliRunner().invoke(cli.main, ["lint", "arts", "--format", "json", "--no-store"])
    assert res.exit_code == 2
    out = json.loads(res.stdout)
    errors = {e["path"]: e for e in out["errors"]}
    assert "binary" in errors["arts/binary.txt"]["message"]
    assert errors["arts/latin1.txt"]["line"] == 2 and "UTF-8" in errors["arts/latin1.txt"]["message"]
    assert "empty" in errors["arts/empty.md"]["message"]
    assert errors["arts/baddate.md"]["line"] == 3 and "someday" in errors["arts/baddate.md"]["message"]
    # The good articles were still checked against each other, and the badly dated one was read.
    assert {"arts/a.md", "arts/b.md", "arts/baddate.md"} <= set(out["documents"])
    assert any(f["kind"] == "value-conflict" for f in out["findings"])
    assert "arts/binary.txt: error [input]" in res.stderr
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in arts.iterdir()}
    assert after == before


def test_missing_path_is_an_error_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(GOOD_A, encoding="utf-8")
    res = CliRunner().invoke(cli.main, ["lint", "a.md", "nope.md", "--no-store"])
    assert res.exit_code == 2
    assert "nope.md: error [input] no such file or directory" in res.stdout


def test_broken_rule_file_names_file_and_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rules = tmp_path / "rules"
    (rules / "lexicon").mkdir(parents=True)
    (rules / "x.toml").write_text('[[rule]]\nid = "x"\nkind = "value-agreement"\nseverity = "fatal"\ndescription = "d"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(GOOD_A, encoding="utf-8")
    res = CliRunner().invoke(cli.main, ["lint", "a.md", "--rules", "rules", "--no-store"])
    assert res.exit_code == 2
    assert "x.toml: rule[0].severity" in res.stderr


# --- configuration, rule, waiver and baseline files: named errors, exit 2, never a traceback ---

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

RULES = Path(__file__).resolve().parents[1] / "rules"
DEEP_TOML = "a = " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_JSON = "[" * 5000 + "]" * 5000


def project(tmp_path, monkeypatch, config: str | bytes | None = None):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "arts").mkdir(exist_ok=True)
    (tmp_path / "arts" / "a.md").write_text(GOOD_A, encoding="utf-8")
    (tmp_path / "arts" / "b.md").write_text(GOOD_B, encoding="utf-8")
    if config is not None:
        (tmp_path / "factlint.toml").write_bytes(config if isinstance(config, bytes) else config.encode("utf-8"))


def lint(*args):
    return CliRunner().invoke(cli.main, ["lint", "arts", "--no-store", *args])


def expect_error(res, *needles):
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output and res.exception is None or isinstance(res.exception, SystemExit)
    for n in needles:
        assert n in res.stderr, res.stderr


@pytest.mark.parametrize("config,needles", [
    (b"include = ['arts']\nexclude = ['caf\xe9']\n", ["factlint.toml:2", "not valid UTF-8"]),
    (DEEP_TOML, ["factlint.toml", "nested too deeply"]),
    ('include = ["arts"]\n[rule.value-agreement]\nenabled = "no"\n', ["factlint.toml: rule.value-agreement.enabled"]),
    ('include = ["arts"]\njobs = 0\n', ["factlint.toml: jobs"]),
    ('include = ["arts"]\nfail-on = "sometimes"\nbaseline = 3\n', ["fail-on", "baseline"]),
])
def test_bad_config_file(tmp_path, monkeypatch, config, needles):
    project(tmp_path, monkeypatch, config)
    expect_error(lint(), *needles)


def test_config_file_that_is_a_folder(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch)
    (tmp_path / "factlint.toml").mkdir()
    expect_error(lint(), "factlint.toml: is a folder")


def rules_with(tmp_path, file: str, old: str, new: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    p = rules / file
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return rules


@pytest.mark.parametrize("file,old,new,needles", [
    ("value-agreement.toml", 'severity = "error"', 'severity = "error"\nenabled = "no"', ["rule[0].enabled"]),
    ("value-agreement.toml", "skip_hedges =", "skip_hedge =", ["rule 'value-agreement'.params.skip_hedge", "Extra inputs"]),
    ("value-agreement.toml", 'message = "{entity} {metric}', 'message = "{entitty} {metric}',
     ["rule 'value-agreement'.message", "unknown placeholder {entitty}"]),
    ("value-agreement.toml", 'message = "{entity}', 'message = "{entity.__class__}', ["may not index or take attributes"]),
    ("value-agreement.toml", 'severity = "error"', 'severity = "error"\nwhen = "min() > 0"', ["min() takes 1 to 16"]),
    ("lexicon/metrics.toml", "frames = ['", "frames = ['(a+)+$', '", ["could take exponential time"]),
    ("value-agreement.toml", "[[rule]]", "a = " + "[" * 5000 + "]" * 5000 + "\n[[rule]]", ["value-agreement.toml", "nested too deeply"]),
])
def test_bad_rule_file(tmp_path, monkeypatch, file, old, new, needles):
    project(tmp_path, monkeypatch)
    rules = rules_with(tmp_path, file, old, new)
    expect_error(lint("--rules", str(rules)), *needles)


def test_rule_file_that_is_a_folder_or_not_utf8(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch)
    rules = rules_with(tmp_path, "temporal.toml", "[[rule]]", "[[rule]]")
    (rules / "zz.toml").mkdir()
    expect_error(lint("--rules", str(rules)), "zz.toml: is a folder")
    (rules / "zz.toml").rmdir()
    (rules / "zz.toml").write_bytes(b"# caf\xe9\n")
    expect_error(lint("--rules", str(rules)), "zz.toml:1: not valid UTF-8")


@pytest.mark.parametrize("when", ["log10(0) > 0", "1 / (gap - gap) > 0", "log10(low - low) > 0"])
def test_when_that_fails_at_evaluation_is_a_named_error(tmp_path, monkeypatch, when):
    project(tmp_path, monkeypatch)
    rules = rules_with(tmp_path, "value-agreement.toml", 'severity = "error"', f'severity = "error"\nwhen = "{when}"')
    res = CliRunner().invoke(cli.main, ["lint", "arts", "--no-store", "--rules", str(rules), "--format", "json"])
    assert res.exit_code == 2, res.output
    err = json.loads(res.stdout)["errors"][0]
    assert err["kind"] == "config" and "rule 'value-agreement'.when" in err["message"] and "value-agreement.toml" in err["path"]


@pytest.mark.parametrize("kind", ["folder", "latin1", "deep"])
def test_bad_waiver_and_baseline_files(tmp_path, monkeypatch, kind):
    project(tmp_path, monkeypatch)
    for name, deep in (("w.toml", DEEP_TOML), ("b.json", DEEP_JSON)):
        p = tmp_path / name
        if kind == "folder":
            p.mkdir()
        elif kind == "latin1":
            p.write_bytes(b'{"x": "caf\xe9"}' if name.endswith("json") else b"# caf\xe9\n")
        else:
            p.write_text(deep, encoding="utf-8")
    expect_error(lint("--waivers", "w.toml"), "w.toml")
    expect_error(lint("--baseline", "b.json"), "b.json")


def test_every_shipped_rule_has_typed_settings():
    from factlint.knowledge import Knowledge

    kb = Knowledge.load()
    assert all(r.settings is not None for r in kb.rules)
    agreement = next(r for r in kb.rules if r.id == "value-agreement")
    assert "potentially" in agreement.settings.skip_hedges
