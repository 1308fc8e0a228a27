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
