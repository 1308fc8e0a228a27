"""GitHub Actions workflow commands: `::error file=...,line=...::message`.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per
step and drops the rest without a word.  So we print up to that cap, then
one notice saying how many were left out and where the full list is; the
full list goes to the job summary (GITHUB_STEP_SUMMARY) as a table.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..models import Finding, Report, Severity
from .sarif import describe, repo_path

CAP = 10
COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    # Same rules as @actions/core: the message ends at a newline otherwise.
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    # A property value ends at ',' and the property list at '::'.
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def gh_path(doc: str) -> str:
    """GitHub attaches annotations by path from the repository root
    (GITHUB_WORKSPACE), which is not the working directory when a workflow
    step runs in a subfolder."""
    p = repo_path(doc)
    ws = os.environ.get("GITHUB_WORKSPACE")
    if ws and not os.path.isabs(p):
        try:
            return (Path.cwd() / p).resolve().relative_to(Path(ws).resolve()).as_posix()
        except ValueError:
            pass
    return p


def message(f: Finding) -> str:
    """The finding's message, then every other claim by file:line and source."""
    lines = [f.message]
    for c in f.claims[1:]:
        lines.append(f"{repo_path(c.doc)}:{c.line}: {describe(c)}")
    if f.explanation:
        lines.append(f.explanation)
    return "\n".join(lines)


def annotation(f: Finding) -> str:
    c = f.claims[0]
    props = {"file": gh_path(c.doc), "line": str(c.line), "col": str(c.column)}
    if "\n" not in c.text:
        props["endColumn"] = str(c.column + (c.end - c.start))
    props["title"] = f"factlint {f.rule}"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{COMMAND[f.severity]} {head}::{escape_data(message(f))}"


def _select(entries: list[tuple[Severity, str]]) -> tuple[list[str], int]:
    """Annotation lines to print (in order) and how many were left out."""
    counts = {s: sum(1 for level, _ in entries if level == s) for s in Severity}
    hidden = sum(max(0, n - CAP) for n in counts.values())
    # The overflow notice takes one notice slot itself.
    room = {s: CAP - (1 if hidden and s == Severity.INFO else 0) for s in Severity}
    shown = []
    for level, line in entries:
        if room[level] > 0:
            room[level] -= 1
            shown.append(line)
    return shown, len(entries) - len(shown)


def render(report: Report, summary_path: str | None = None, full_reports: Sequence[str] = ()) -> str:
    """Annotation lines; appends a Markdown table of every finding to
    `summary_path` (the job summary) when given."""
    findings = sorted((f for f in report.findings if f.claims), key=Finding.sort_key)
    entries = [(f.severity, annotation(f)) for f in findings]
    for e in report.errors:
        props = f"file={escape_property(gh_path(e.path))}" + (f",line={e.line}" if e.line else "")
        entries.append((Severity.ERROR, f"::error {props},title=factlint input::{escape_data(e.message)}"))
    lines, hidden = _select(entries)
    if hidden:
        where = [*(["the job summary"] if summary_path else []), *full_reports]
        tail = f"; all are listed in {' and '.join(where)}" if where else "; run factlint lint locally to see them all"
        text = f"{hidden} more finding(s) not shown as annotations (GitHub shows 10 per level){tail}"
        lines.append(f"::notice title=factlint::{escape_data(text)}")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as fh:  # append: other steps write here too
            fh.write(summary_markdown(report))
    return "\n".join(lines) + ("\n" if lines else "")


def _cell(s: str) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return s.replace("\r", "").replace("\n", "<br>")


def summary_markdown(report: Report) -> str:
    findings = sorted((f for f in report.findings if f.claims), key=Finding.sort_key)
    out = [f"### factlint: {len(findings)} finding(s) in {len(report.documents)} document(s)", ""]
    if findings:
        out += ["| severity | rule | where | message | other claims |", "| --- | --- | --- | --- | --- |"]
        for f in findings:
            c = f.claims[0]
            others = "\n".join(f"{repo_path(o.doc)}:{o.line}: {describe(o)}" for o in f.claims[1:])
            msg = f.message + (f"\n{f.explanation}" if f.explanation else "")
            row = [f.severity.value, f.rule, f"{repo_path(c.doc)}:{c.line}:{c.column}", msg, others]
            out.append("| " + " | ".join(_cell(x) for x in row) + " |")
    if report.errors:
        out.append("")
    out += [f"- **input error** {_cell(repo_path(e.path))}: {_cell(e.message)}" for e in report.errors]
    return "\n".join(out) + "\n\n"
