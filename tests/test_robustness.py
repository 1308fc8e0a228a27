"""Never crash, hang or lose data on text and files factlint does not control:
the reproducers of issue 11, each as a test.  A bad article is a diagnostic
naming it, the other articles are still checked, and the exit status tells
findings (1), input or configuration errors (2) and internal errors (3) apart."""
from __future__ import annotations

import json
import math
import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from factlint import cli, ingest
from factlint.knowledge import Knowledge
from factlint.pipeline import analyse

GOOD_A = "---\npublished: 2025-03-01\n---\nHarbor Kinetics reported revenue of $120 million for 2024.\n"
GOOD_B = "---\npublished: 2025-04-02\n---\nIn 2024, Harbor Kinetics brought in revenue of $150 million.\n"
KB = Knowledge.load()


def lint(*args: str):
    return CliRunner().invoke(cli.main, ["lint", *args, "--no-store", "--format", "json"])


def corpus(tmp_path, monkeypatch, **extra: str | bytes):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "arts").mkdir(exist_ok=True)
    for name, body in {"a.md": GOOD_A, "b.md": GOOD_B, **extra}.items():
        p = tmp_path / "arts" / name
        p.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return tmp_path / "arts"


def finite(obj) -> bool:
    if isinstance(obj, float):
        return math.isfinite(obj)
    if isinstance(obj, dict):
        return all(finite(v) for v in obj.values())
    if isinstance(obj, list):
        return all(finite(v) for v in obj)
    return True


# --- 1. article content never crashes the run ------------------------------------

CRASHERS = {
    "decades.txt": "In 2026 it began. 999 decades later it ended.\n",
    "far-future.md": "---\npublished: 9999-12-31\n---\nOn March 3 the company said revenue was $5 million.\n",
    "year-one.md": "---\npublished: 0001-01-02\n---\nOn March 3 revenue was $5 million, up from last year.\n",
    "huge.txt": "Revenue was $" + "9" * 400 + " million, or about 5 billion yuan.\n",
    "marked.html": "<html><body><p>Revenue <![CDATA[x]]> was $5 million.</p><![if !IE]> <![ x <p>y</p></body></html>",
    "bad-marked.html": "<p>x</p><![foo bar]> and <![",
}


@pytest.mark.parametrize("name", sorted(CRASHERS))
def test_crash_reproducers_are_diagnostics_not_tracebacks(tmp_path, monkeypatch, name):
    arts = corpus(tmp_path, monkeypatch, **{name: CRASHERS[name]})
    res = lint("arts")
    assert res.exit_code in (1, 2), res.output  # findings or a named input error, never 3 or a traceback
    out = json.loads(res.stdout)  # valid JSON: no Infinity or NaN anywhere
    assert finite(out)
    assert {"arts/a.md", "arts/b.md"} <= set(out["documents"])
    assert any(f["kind"] == "value-conflict" for f in out["findings"])  # the rest was still checked
    assert not any(e["kind"] == "internal" for e in out["errors"])
    assert (arts / name).read_bytes() == CRASHERS[name].encode("utf-8")


def test_out_of_range_publication_dates_are_named():
    for raw, year in (("---\npublished: 9999-12-31\n---\nx\n", "9999"), ("---\npublished: 0001-01-02\n---\nx\n", "0001")):
        doc = ingest.parse(raw, "a.md", "md")
        assert doc.published is None
        assert doc.problems and year in doc.problems[0][1] and "outside the years" in doc.problems[0][1]


def test_relative_dates_past_the_calendar_are_not_read():
    doc = ingest.parse("In 2026 it began. 999 decades later it ended. 9990 years later too.", "a.txt")
    dates = [m for m in analyse(doc, KB).mentions if m.kind == "date"]
    assert all(m.period_start is None or 1 <= m.period_start.year <= 9999 for m in dates)


def test_numbers_over_308_digits_are_rejected_with_a_note():
    doc = ingest.parse("Revenue was $" + "9" * 400 + " million. Costs were $5 million.", "a.txt")
    a = analyse(doc, KB)
    assert all(finite([m.value, m.low, m.high]) for m in a.mentions)
    assert any(m.text == "$5 million" for m in a.mentions)
    assert any("not read as a figure" in msg for _, msg in doc.problems)


def test_html_marked_sections_and_unclosed_comments_are_read():
    doc = ingest.parse("<p>Revenue was $5 million.</p><![if !IE]><p>Costs: $2 million.</p><![endif]><!-- never closed <p>$9 million",
                       "a.html", "html")
    assert "Revenue was $5 million." in doc.text and "Costs: $2 million." in doc.text
    assert "$9 million" not in doc.text  # an unclosed comment swallows the rest, as in a browser
    for i, ch in enumerate(doc.text):  # every character maps back to the same character in the file
        if ch != "\n":
            assert doc.raw[doc.file_offset(i)] == ch


# --- the guard: a failing stage is an error for that file; exit 3 ------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_exception_in_a_stage_names_file_and_stage_and_exits_3(tmp_path, monkeypatch, jobs):
    more = {f"n{i}.md": GOOD_A.replace("2024", str(2000 + i)) for i in range(8)}
    corpus(tmp_path, monkeypatch, **{"c.md": GOOD_A.replace("$120", "$130"), "poison.md": GOOD_A.replace("2024", "2023")}, **more)
    import factlint.resolve as resolve_pkg

    real = resolve_pkg.resolve

    def flaky(doc, mentions, kb):
        if doc.path.endswith("poison.md"):
            raise KeyError("boom")
        return real(doc, mentions, kb)

    monkeypatch.setattr(resolve_pkg, "resolve", flaky)
    res = lint("arts", "--jobs", jobs)
    assert res.exit_code == 3
    out = json.loads(res.stdout)
    err = next(e for e in out["errors"] if e["path"] == "arts/poison.md")
    assert err["kind"] == "internal" and err["stage"] == "resolve" and "KeyError" in err["message"]
    assert any(f["kind"] == "value-conflict" for f in out["findings"])
    assert "arts/poison.md: error [internal]" in res.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])  # in this process, and in a pool's workers
def test_a_file_over_the_time_budget_is_skipped_and_the_rest_checked(tmp_path, monkeypatch, jobs):
    more = {f"n{i}.md": GOOD_A.replace("2024", str(2000 + i)) for i in range(8)}
    corpus(tmp_path, monkeypatch, **{"slow.md": GOOD_A.replace("2024", "2022")}, **more)
    import factlint.extract as extract_pkg

    real = extract_pkg.extract

    def slow(doc):
        while doc.path.endswith("slow.md"):  # never returns: only the budget can stop it
            pass
        return real(doc)

    monkeypatch.setattr(extract_pkg, "extract", slow)
    res = lint("arts", "--jobs", jobs, "--time-budget", "0.2")
    assert res.exit_code == 2
    out = json.loads(res.stdout)
    err = next(e for e in out["errors"] if e["path"] == "arts/slow.md")
    assert err["kind"] == "timeout" and err["stage"] == "extract" and "time budget" in err["message"]
    assert any(f["kind"] == "value-conflict" for f in out["findings"])


def test_an_unexpected_error_outside_the_pipeline_is_exit_3_not_1(tmp_path, monkeypatch):
    corpus(tmp_path, monkeypatch)
    monkeypatch.setattr(cli, "run_lint", lambda *a, **k: 1 / 0)
    res = lint("arts")
    assert res.exit_code == 3 and "internal error" in res.stderr and "ZeroDivisionError" in res.stderr


def test_exit_statuses(tmp_path, monkeypatch):
    corpus(tmp_path, monkeypatch)
    assert lint("arts/a.md").exit_code == 0
    assert lint("arts").exit_code == 1
    assert lint("arts", "missing.md").exit_code == 2


# --- 5. injection and leaks ----------------------------------------------------------


def test_text_output_escapes_file_names_and_article_text(tmp_path, monkeypatch):
    evil = "x\n::warning file=evil::pwned\x1b[31m.md"
    corpus(tmp_path, monkeypatch, **{evil: GOOD_B.replace("Harbor Kinetics", "Harbor Kinetics\u2028::error::x")})
    res = CliRunner().invoke(cli.main, ["lint", "arts", "--no-store"])
    assert res.exit_code == 1
    for line in res.stdout.splitlines():
        assert not line.startswith("::") and "\x1b" not in line and "\u2028" not in line
    assert "x\\x0a::warning file=evil::pwned\\x1b[31m.md" in res.stdout


def test_changed_since_is_never_an_option_to_git(tmp_path, monkeypatch):
    corpus(tmp_path, monkeypatch)
    subprocess.run(["git", "init", "-q"], check=True)
    res = CliRunner().invoke(cli.main, ["lint", "arts", "--no-store", "--changed-since=--output=x"])
    assert res.exit_code == 2 and "cannot start with '-'" in res.stderr
    assert not (tmp_path / "x").exists()


def test_symlinks_out_of_the_corpus_are_not_read(tmp_path, monkeypatch):
    arts = corpus(tmp_path, monkeypatch)
    secret = tmp_path / "secret.md"
    secret.write_text("The password is hunter2 and revenue was $999 million in 2024.\n", encoding="utf-8")
    (arts / "leak.md").symlink_to(secret)
    (arts / "inside.md").symlink_to(arts / "a.md")
    (arts / "loop").symlink_to(arts, target_is_directory=True)
    res = lint("arts")
    out = json.loads(res.stdout)
    assert "arts/leak.md" not in out["documents"] and "hunter2" not in res.stdout
    assert any(e["path"] == "arts/leak.md" and "outside the corpus" in e["message"] for e in out["errors"])
    assert "arts/inside.md" in out["documents"]
    assert not any("loop" in d for d in out["documents"])


# --- 6. smaller ------------------------------------------------------------------------


def test_fifo_does_not_block_and_bom_only_file_is_empty(tmp_path, monkeypatch):
    arts = corpus(tmp_path, monkeypatch, **{"bom.md": b"\xef\xbb\xbf", "bom-space.txt": b"\xef\xbb\xbf \n"})
    os.mkfifo(arts / "pipe.md")
    res = lint("arts")
    assert res.exit_code == 2
    errors = {e["path"]: e["message"] for e in json.loads(res.stdout)["errors"]}
    assert "not a regular file" in errors["arts/pipe.md"]
    assert errors["arts/bom.md"] == "empty file" and errors["arts/bom-space.txt"] == "empty file"


def test_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    arts = corpus(tmp_path, monkeypatch)
    (arts / "locked").mkdir()
    (arts / "locked" / "c.md").write_text(GOOD_A, encoding="utf-8")
    real = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    res = lint("arts")
    assert res.exit_code == 2
    out = json.loads(res.stdout)
    assert any(e["path"] == "arts/locked" and "cannot read folder" in e["message"] for e in out["errors"])
    assert {"arts/a.md", "arts/b.md"} <= set(out["documents"])


def test_size_is_checked_before_reading(tmp_path, monkeypatch):
    arts = corpus(tmp_path, monkeypatch)
    monkeypatch.setattr(ingest, "MAX_BYTES", 40)
    with pytest.raises(ingest.IngestError, match="over the 40-byte limit"):
        ingest.read(arts / "a.md")


def test_file_names_that_are_not_utf8_are_named_escaped(tmp_path, monkeypatch):
    arts = corpus(tmp_path, monkeypatch)
    (Path(os.fsdecode(bytes(arts) + b"/caf\xe9.md"))).write_text(GOOD_A, encoding="utf-8")
    (Path(os.fsdecode(bytes(arts) + b"/d\xff"))).mkdir()
    for fmt in ("json", "text"):
        res = CliRunner().invoke(cli.main, ["lint", "arts", "--no-store", "--format", fmt, os.fsdecode(b"gone\xe9.md")])
        assert res.exit_code == 2, res.output
        assert "arts/caf\\xe9.md" in res.output and "not valid UTF-8" in res.output and "gone\\xe9.md" in res.output


def _lint_with_broken_kind(tmp_path, monkeypatch, kind: str, stage: str, exc: Exception, article: str) -> dict:
    """Lint a corpus with one rule kind replaced by one that raises `exc` in `stage`: exit 3, and
    the JSON report (its internal error and the other rules' findings)."""
    corpus(tmp_path, monkeypatch, **{"w.md": f"---\npublished: 2026-02-01\n---\n{article}\n"})
    from factlint.check import engine

    def broken(ctx, rule):
        raise exc
        yield  # a generator, as kinds are

    monkeypatch.setitem(engine._KINDS, kind, {stage: broken})
    res = lint("arts")
    assert res.exit_code == 3
    return json.loads(res.stdout)


def test_a_failing_rule_is_an_internal_error_and_the_other_rules_still_run(tmp_path, monkeypatch):
    out = _lint_with_broken_kind(tmp_path, monkeypatch, "temporal", "corpus", IndexError("bad rule kind"),
                                 "On Tuesday, February 12, 2026, it opened.")
    err = next(e for e in out["errors"] if e["kind"] == "internal")
    assert "temporal.toml" in err["path"] and "rule 'temporal'" in err["message"] and err["stage"] == "check"
    assert any(f["kind"] == "value-conflict" for f in out["findings"])


def test_a_rule_failing_on_one_article_names_that_article(tmp_path, monkeypatch):
    out = _lint_with_broken_kind(tmp_path, monkeypatch, "conversion", "document", ValueError("math domain error"),
                                 "Lumo put 7 billion yuan ($1 billion) in.")
    err = next(e for e in out["errors"] if e["kind"] == "internal")
    assert "rule 'conversion'" in err["message"] and "ValueError" in err["message"]
    assert re.search(r"\(on arts/\w+\.md\)$", err["message"])  # the first article it failed on


def test_a_rule_over_its_budget_reports_itself_and_the_others_still_run(tmp_path, monkeypatch):
    corpus(tmp_path, monkeypatch)
    from factlint.check import engine

    def endless(ctx, rule):
        while True:  # only the budget can stop it
            pass
        yield

    monkeypatch.setitem(engine._KINDS, "temporal", {"corpus": endless})
    res = lint("arts", "--jobs", "1", "--time-budget", "0.02")  # 0.02 s x (2 articles + 10) for one rule
    assert res.exit_code == 2
    out = json.loads(res.stdout)
    err = next(e for e in out["errors"] if e["kind"] == "timeout")
    assert "rule 'temporal'" in err["message"] and "0.24 s" in err["message"] and err["stage"] == "check"
    assert any(f["kind"] == "value-conflict" for f in out["findings"])


def test_a_sentence_without_an_end_is_quoted_as_a_window_around_its_figure(tmp_path, monkeypatch):
    filler = "and then the figure moved, " * 400
    corpus(tmp_path, monkeypatch, **{"long.md": GOOD_B.replace("In 2024,", filler + "In 2024,")})
    out = json.loads(lint("arts").stdout)
    claim = next(c for f in out["findings"] for c in f["claims"] if c["doc"] == "arts/long.md")
    assert claim["sentence"].startswith("…") and "$150 million" in claim["sentence"] and len(claim["sentence"]) < 1000
