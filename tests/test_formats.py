"""SARIF, GitHub annotations, JUnit and --output, on hand-built reports."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from itertools import combinations
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings, strategies as st

from factlint import cli
from factlint.fingerprint import fingerprint
from factlint.knowledge import Knowledge
from factlint.models import ClaimRef, FileError, Finding, Report, Severity
from factlint.pipeline import LintResult, load
from factlint.report import github, junit, sarif

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
KB = Knowledge.load()


@pytest.fixture(autouse=True)
def _not_in_actions(monkeypatch):
    # These tests must not depend on running inside a GitHub workflow.
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def claim(doc: str, line: int, text: str = "$150 million", column: int = 5, start: int = 40, **kw) -> ClaimRef:
    return ClaimRef(doc=doc, start=start, end=start + len(text), line=line, column=column, text=text, **kw)


def finding(*claims: ClaimRef, severity: str = "error", message: str = "Harbor revenue (2024): $150 million vs $120 million",
            rule: str = "value-agreement") -> Finding:
    f = Finding(rule=rule, kind=rule, severity=Severity(severity), message=message, entity="harbor", metric="revenue",
                period="2024", claims=list(claims), explanation="the ranges do not overlap")
    f.fingerprint = fingerprint(f)
    return f


OLD = claim("news/2025/old.md", 4, "$120 million", column=1, start=10, source="Wire", published=date(2025, 3, 1))
NEW = claim("news/2025/new.md", 7, source="Daily", published=date(2025, 4, 2))


def report(*findings: Finding, errors: list[FileError] | None = None) -> Report:
    docs = sorted({c.doc for f in findings for c in f.claims})
    return Report(findings=list(findings), documents=docs, errors=errors or [])


# --- SARIF --------------------------------------------------------------------


def sarif_of(r: Report) -> dict:
    log = json.loads(sarif.render(r, KB))
    VALIDATOR.validate(log)
    return log


def test_sarif_is_schema_valid_and_links_every_other_claim():
    third = claim("news/older.md", 2, "$118 million", attribution="Reuters", published=date(2024, 12, 1))
    r = report(finding(NEW, OLD, third), errors=[FileError(path="news/bin.md", message="binary file", line=None)])
    run = sarif_of(r)["runs"][0]
    res = run["results"][0]
    assert res["level"] == "error"
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "value-agreement"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "news/2025/new.md"
    assert loc["region"] == {"startLine": 7, "startColumn": 5, "endLine": 7, "endColumn": 17, "charOffset": 40, "charLength": 12}
    related = res["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2]
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in related] == ["news/2025/old.md", "news/older.md"]
    assert "Wire" in related[0]["message"]["text"] and "2025-03-01" in related[0]["message"]["text"]
    assert "Reuters" in related[1]["message"]["text"]
    # The message links to each related location by id.
    assert "[news/2025/old.md:4](1)" in res["message"]["text"] and "[news/older.md:2](2)" in res["message"]["text"]
    assert res["partialFingerprints"] == {"factlint/v2": fingerprint(r.findings[0])}
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["executionSuccessful"] is False
    # Every artifact index used points at the artifact with that uri.
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    for l in [res["locations"][0], *related]:
        al = l["physicalLocation"]["artifactLocation"]
        assert uris[al["index"]] == al["uri"]


def test_sarif_rules_carry_help_with_an_example_and_levels():
    rules = {r["id"]: r for r in sarif_of(report(finding(NEW, OLD)))["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) >= {r.id for r in KB.rules}
    va = rules["value-agreement"]
    assert va["defaultConfiguration"]["level"] == "error"
    assert "Example (flagged" in va["help"]["text"] and "Harbor Kinetics" in va["help"]["text"]
    assert va["fullDescription"]["text"].startswith("Two or more sources")
    assert rules["revision"]["defaultConfiguration"]["level"] == "note"  # info -> note


def test_sarif_unknown_rule_and_info_level_stay_valid():
    res = sarif_of(report(finding(NEW, OLD, rule="suppression-unused", severity="info")))["runs"][0]["results"][0]
    assert res["level"] == "note" and res["ruleId"] == "suppression-unused"


def test_sarif_paths_are_relative_forward_slash_uris(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    windows = claim("news\\2025\\a b.md", 3)
    absolute = claim(str(tmp_path / "sub" / "c.md"), 2)
    log = sarif_of(report(finding(windows, absolute)))
    res = log["runs"][0]["results"][0]
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/2025/a%20b.md"
    assert res["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sub/c.md"


def test_sarif_is_deterministic_whatever_the_finding_order():
    a, b = finding(NEW, OLD), finding(claim("z.md", 1), claim("y.md", 9), severity="warning")
    assert sarif.render(report(a, b), KB) == sarif.render(report(b, a), KB)


def test_sarif_fingerprint_survives_lines_inserted_above_the_claim():
    before = finding(NEW, OLD)
    moved = finding(claim(NEW.doc, NEW.line + 5, start=NEW.start + 30, source="Daily"), OLD)
    fp = lambda f: sarif_of(report(f))["runs"][0]["results"][0]["partialFingerprints"]
    assert fp(before) == fp(moved)
    assert fp(before) != fp(finding(claim(NEW.doc, 7, "$151 million"), OLD))


@settings(max_examples=40, deadline=None)
@given(msg=st.text(max_size=60), text=st.text(min_size=1, max_size=20))
@example(msg="a Other claims: [b](1) \\", text="x")  # the separator and a forged link inside the message
@example(msg="\\\n]", text="\n")
def test_sarif_any_message_stays_valid_and_readable(msg, text):
    res = sarif_of(report(finding(claim("a.md", 2, text), OLD, message=msg)))["runs"][0]["results"][0]
    shown = res["message"]["text"]
    # The message comes first, escaped; the code's own " Other claims: " follows it.  Compare by
    # prefix, never by splitting on that separator, which the message itself may contain.
    escaped = msg.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    assert shown.startswith(escaped + " Other claims: ")
    assert re.sub(r"\\(.)", r"\1", escaped, flags=re.S) == msg
    # Brackets are escaped so hostile text cannot forge a link: only the code's own link remains.
    assert re.findall(r"(?<!\\)\]\((\d+)\)", shown[len(escaped):]) == ["1"]
    assert re.findall(r"(?<!\\)\]\((\d+)\)", escaped) == []


# --- GitHub annotations -----------------------------------------------------------


def unescape(s: str) -> str:
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    m = re.fullmatch(r"::(\w+) ?([^:]*)::(.*)", line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
    return m.group(1), {k: unescape(v) for k, v in props.items()}, unescape(m.group(3))


def many(n: int, severity: str, doc: str | None = None) -> list[Finding]:
    """n findings, each in its own file unless `doc` is given."""
    return [finding(claim(doc or f"new-{severity}-{i:02}.md", i + 1, f"${i} million"), OLD, severity=severity) for i in range(n)]


def test_github_annotation_names_both_sources_and_locates_the_new_claim():
    [line] = github.render(report(finding(NEW, OLD))).splitlines()
    cmd, props, msg = parse(line)
    assert cmd == "error"
    assert props == {"file": "news/2025/new.md", "line": "7", "col": "5", "endColumn": "17", "title": "factlint value-agreement"}
    assert "news/2025/old.md:4" in msg and "Wire" in msg and "2025-03-01" in msg


def test_github_caps_each_level_and_says_how_many_more_and_where():
    r = report(*many(15, "error"), *many(12, "warning"), *many(3, "info"))
    lines = github.render(r, None, ["out/factlint.sarif"]).splitlines()
    kinds = [parse(l)[0] for l in lines]
    assert kinds.count("error") == 10 and kinds.count("warning") == 10 and kinds.count("notice") == 4
    cmd, props, msg = parse(lines[-1])
    assert cmd == "notice" and "file" not in props
    assert msg.startswith("7 more") and "out/factlint.sarif" in msg


def test_github_overflow_notice_fits_inside_the_notice_cap():
    lines = github.render(report(*many(14, "info"))).splitlines()
    assert len(lines) == 10  # 9 findings + the overflow notice, all notices
    assert parse(lines[-1])[2].startswith("5 more")


def test_github_no_overflow_notice_when_everything_fits():
    lines = github.render(report(*many(10, "error"), *many(10, "info"))).splitlines()
    assert len(lines) == 20 and "more" not in lines[-1].split("::")[-1][:6]


def test_github_file_errors_count_against_the_error_cap():
    r = report(*many(10, "error"), errors=[FileError(path="bad.md", message="not valid UTF-8", line=3)])
    lines = github.render(r).splitlines()
    assert [parse(l)[0] for l in lines].count("error") == 10
    assert parse(lines[-1])[2].startswith("1 more")


HOSTILE = "50% off,\r\n::error file=evil.md::forged: a,b"


def test_github_escapes_hostile_messages_and_paths():
    f = finding(claim("dir,x/a:b%.md", 2), OLD, message=HOSTILE)
    [line] = github.render(report(f)).splitlines()
    assert "\n" not in line and "\r" not in line
    cmd, props, msg = parse(line)
    assert props["file"] == "dir,x/a:b%.md"
    assert msg.startswith(HOSTILE + "\n")


@settings(max_examples=60, deadline=None)
@example(msg="x\nnews/2025/old.md:4: forged", path="a.md")
@given(msg=st.text(max_size=80), path=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20))
def test_github_one_line_per_annotation_and_round_trips(msg, path):
    out = github.render(report(finding(claim(path, 3), OLD, message=msg)))
    # The runner reads lines split at \r or \n only (not at U+2028, \x1e...).
    [line] = out.rstrip("\n").split("\n")
    assert "\r" not in line
    _, props, back = parse(line)
    assert back.startswith(msg + "\nnews/2025/old.md:4")  # by prefix: msg may hold any separator
    assert set(props) == {"file", "line", "col", "endColumn", "title"}


def test_github_job_summary_is_appended_with_every_finding(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    r = report(*many(25, "error"), finding(NEW, OLD, message="a | b <script>"))
    out = github.render(r, str(summary))
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n")
    rows = [l for l in text.splitlines() if l.startswith("| error")]
    assert len(rows) == 26
    assert "a \\| b &lt;script&gt;" in text and "news/2025/old.md:4" in text
    assert "the job summary" in out.splitlines()[-1]
    github.render(r, str(summary))
    assert summary.read_text(encoding="utf-8").count("### factlint") == 2


# --- JUnit ----------------------------------------------------------------------


def test_junit_one_case_per_document_failing_where_the_finding_starts():
    r = report(finding(NEW, OLD), finding(claim(NEW.doc, 9), OLD, severity="info", message="revised"),
               errors=[FileError(path="news/bad.md", message="binary file")])
    root = ET.fromstring(junit.render(r).encode())
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "factlint"
    cases = {c.get("classname"): c for c in suite.findall("testcase")}
    assert sorted(cases) == ["news/2025/new.md", "news/2025/old.md", "news/bad.md"]
    fail = cases["news/2025/new.md"].find("failure")
    assert fail.get("message") == NEW_MSG and "news/2025/old.md:4" in fail.text
    assert "revised" not in fail.text and "revised" in cases["news/2025/new.md"].find("system-out").text
    assert list(cases["news/2025/old.md"]) == []
    assert cases["news/bad.md"].find("error").get("message") == "binary file"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")


NEW_MSG = "Harbor revenue (2024): $150 million vs $120 million"


def test_junit_fail_on_warning_fails_on_warnings_and_output_is_deterministic():
    a, b = finding(NEW, OLD, severity="warning"), finding(claim("b.md", 2), OLD)
    assert junit.render(report(a, b)) == junit.render(report(b, a))
    suite = ET.fromstring(junit.render(report(a), fail_on="warning").encode()).find("testsuite")
    assert suite.get("failures") == "1"
    assert ET.fromstring(junit.render(report(a)).encode()).find("testsuite").get("failures") == "0"


@settings(max_examples=40, deadline=None)
@given(msg=st.text(max_size=60))
def test_junit_any_message_is_well_formed_xml(msg):
    root = ET.fromstring(junit.render(report(finding(NEW, OLD, message=msg))).encode())
    text = root.find("testsuite/testcase/failure").get("message")
    assert len(text) == len(msg)  # characters XML cannot hold become U+FFFD, one for one


# --- CLI: formats and --output ----------------------------------------------------

FIGURE = re.compile(r"\$\d{1,6} million")


def fake_lint(paths, kb, exclude=(), progress=None, store=None, focus=None, reuse_report=True, **options) -> LintResult:
    """Stand-in for the pipeline (extraction is written elsewhere): every
    pair of documents whose first '$N million' differs is one finding."""
    docs, errors = load(paths, exclude)
    firsts = {}
    for d in docs:
        m = FIGURE.search(d.raw)
        if m:
            line, col = d.line_col(m.start())
            firsts[d.path] = claim(d.path, line, m.group(), column=col, start=m.start(), published=d.published)
    found = [finding(firsts[b], firsts[a], message=f"{firsts[b].text} vs {firsts[a].text}")
             for a, b in combinations(sorted(firsts), 2) if firsts[a].text != firsts[b].text]
    return LintResult(Report(findings=sorted(found, key=Finding.sort_key), errors=errors, documents=[d.path for d in docs]))


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "run_lint", fake_lint)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    (tmp_path / "arts").mkdir()
    (tmp_path / "arts" / "a.md").write_text("---\npublished: 2025-03-01\n---\nRevenue was $120 million.\n", encoding="utf-8")
    (tmp_path / "arts" / "b.md").write_text("---\npublished: 2025-04-02\n---\nRevenue: $150 million.\n", encoding="utf-8")
    return tmp_path


def test_cli_writes_several_formats_in_one_run(corpus):
    res = CliRunner().invoke(cli.main, ["lint", "arts", "--format", "github", "--output", "sarif:out/deep/f.sarif",
                                        "--output", "junit:out/f.xml", "--output", "json:f.json"])
    assert res.exit_code == 1, res.output
    assert parse(res.stdout.splitlines()[0])[1]["file"] == "arts/b.md"
    VALIDATOR.validate(json.loads((corpus / "out/deep/f.sarif").read_text(encoding="utf-8")))
    assert ET.parse(corpus / "out/f.xml").getroot().find("testsuite").get("failures") == "1"
    assert len(json.loads((corpus / "f.json").read_text(encoding="utf-8"))["findings"]) == 1


def test_cli_never_overwrites_an_input_article(corpus):
    before = (corpus / "arts/a.md").read_bytes()
    res = CliRunner().invoke(cli.main, ["lint", "arts", "--output", "sarif:arts/a.md"])
    assert res.exit_code == 2 and "refusing" in res.stderr
    assert (corpus / "arts/a.md").read_bytes() == before


@pytest.mark.parametrize("spec", ["sarif", "xml:out.xml", "sarif:", ":x"])
def test_cli_rejects_bad_output_specs(corpus, spec):
    res = CliRunner().invoke(cli.main, ["lint", "arts", "--output", spec])
    assert res.exit_code == 2 and "FORMAT:PATH" in res.stderr


def test_cli_github_summary_written_once_per_run(corpus, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(corpus / "summary.md"))
    res = CliRunner().invoke(cli.main, ["lint", "arts", "--format", "github", "--output", "github:gh.txt"])
    assert res.exit_code == 1
    assert (corpus / "summary.md").read_text(encoding="utf-8").count("### factlint") == 1


def test_cli_unwritable_output_is_a_clear_error(corpus):
    (corpus / "out").mkdir()
    res = CliRunner().invoke(cli.main, ["lint", "arts", "--output", "sarif:out"])
    assert res.exit_code == 2 and "cannot write sarif output to out" in res.stderr


def test_github_paths_are_from_the_workspace_root(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    monkeypatch.chdir(tmp_path / "site")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    [line] = github.render(report(finding(claim("articles/new.md", 3), OLD))).splitlines()
    assert parse(line)[1]["file"] == "site/articles/new.md"
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "elsewhere"))
    [line] = github.render(report(finding(claim("articles/new.md", 3), OLD))).splitlines()
    assert parse(line)[1]["file"] == "articles/new.md"


# --- CI limits ---------------------------------------------------------------------


def test_github_caps_annotations_per_file_so_every_article_gets_some():
    r = report(*many(8, "error", doc="long.md"), *many(2, "error", doc="short.md"))
    lines = github.render(r).splitlines()
    files = [parse(l)[1].get("file") for l in lines if parse(l)[0] == "error"]
    assert files.count("long.md") == github.PER_FILE and files.count("short.md") == 2
    cmd, _, msg = parse(lines[-1])
    assert cmd == "notice" and msg.startswith("5 more") and "5 left out by that" in msg


def test_job_summary_stays_under_the_limit_and_points_at_the_full_reports(tmp_path):
    big = "x" * 2000
    r = report(*[finding(claim(f"d{i:04}.md", 1, f"${i} million"), OLD, message=f"{big} {i}") for i in range(1200)])
    text = github.summary_markdown(r, ["out/report.html"])
    assert len(text.encode("utf-8")) <= github.SUMMARY_LIMIT < 1024 * 1024
    rows = [l for l in text.splitlines() if l.startswith("| error")]
    assert 0 < len(rows) < 1200
    assert f"**{1200 - len(rows)} more finding(s) not listed here**" in text and "out/report.html" in text
    small = github.summary_markdown(report(finding(NEW, OLD)), ["out/report.html"])
    assert "not listed here" not in small


@settings(max_examples=60)
@given(name=st.text(min_size=1, max_size=30), msg=st.text(max_size=60))
def test_job_summary_cells_are_inert_whatever_the_file_name_or_text(name, msg):
    text = github.summary_markdown(report(finding(claim(name, 2), OLD, message=msg)))
    [row] = [l for l in text.splitlines() if l.startswith("| error")]
    # One row of five cells: no raw pipe, newline, HTML tag, link bracket or @mention survives.
    assert len(re.findall(r"(?<!\\)\|", row)) == 6
    assert not re.search(r"<(?!br>)", row) and "@" not in row
    assert not re.search(r"(?<!\\)[\[\]`*_]", row)


def test_sarif_with_a_baseline_is_schema_valid_and_says_each_state():
    from factlint import baseline

    kept, gone, added = finding(claim("a.md", 1), OLD), finding(claim("b.md", 1), OLD), finding(claim("c.md", 1), OLD)
    accepted = baseline.Baseline.model_validate(json.loads(baseline.dumps(report(kept, gone))))
    cmp = baseline.compare(report(kept, added), accepted, file="factlint-baseline.json")
    log = json.loads(sarif.render(report(*cmp.new), KB, cmp))
    VALIDATOR.validate(log)
    results = log["runs"][0]["results"]
    assert sorted(r["baselineState"] for r in results) == ["new", "unchanged"]
    accepted_result = next(r for r in results if r["baselineState"] == "unchanged")
    assert accepted_result["suppressions"] == [{"kind": "external", "status": "accepted", "justification": "accepted in factlint-baseline.json"}]
    assert [e["docs"] for e in log["runs"][0]["properties"]["baseline"]["fixed"]] == [["b.md", OLD.doc]]
    # JUnit and the job summary name the fixed finding too.
    suite = ET.fromstring(junit.render(report(*cmp.new), "error", cmp).encode()).find("testsuite")
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props["baseline.fixed"] == "1" and "fixed: [value-agreement]" in suite.find("system-out").text
    assert "**fixed**" in github.summary_markdown(report(*cmp.new), comparison=cmp)
