"""GitHub Actions workflow commands: `::error file=...,line=...::message`.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per
step and drops the rest without a word, and a step's job summary may not
exceed 1 MiB.  So annotations are capped per file (one long article must
not take every slot) and per level, and one notice says how many were left
out and where the full list is; the job summary (GITHUB_STEP_SUMMARY)
lists findings as a table until it nears its limit, then says how many it
left out and points at the full reports.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .. import messages
from ..models import Finding, Report, Severity
from .sarif import describe, repo_path

CAP = 10  # GitHub's annotations per level and step
PER_FILE = 3  # annotations per file, so that every changed article gets some
SUMMARY_LIMIT = 900 * 1024  # bytes of job summary we write; GitHub refuses a step's summary over 1 MiB
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


def _where(c) -> str:
    return f"{repo_path(c.doc)}:{c.line}: {describe(c)}"


def message(f: Finding, new_values: Sequence[str] = ()) -> str:
    """The finding's message, then its other claims (a few per distinct value) by file:line and source."""
    lines = [f.message, *messages.others(f, _where)]
    if new_values:
        lines.append(f"Not in the baseline: {', '.join(new_values)}")
    if f.explanation:
        lines.append(f.explanation)
    return "\n".join(lines)


def annotation(f: Finding, new_values: Sequence[str] = ()) -> str:
    c = f.claims[0]
    props = {"file": gh_path(c.doc), "line": str(c.line), "col": str(c.column)}
    if "\n" not in c.text:
        props["endColumn"] = str(c.column + (c.end - c.start))
    props["title"] = f"factlint {f.rule}"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{COMMAND[f.severity]} {head}::{escape_data(message(f, new_values))}"


def _select(entries: list[tuple[Severity, str, str]]) -> tuple[list[str], int, int]:
    """Annotation lines to print (in order), how many were left out, and how many of those by the per-file cap."""
    per_file: Counter[str] = Counter()
    fits = []
    over_file = 0
    for level, path, line in entries:
        per_file[path] += 1
        if per_file[path] > PER_FILE:
            over_file += 1
        else:
            fits.append((level, line))
    hidden = over_file + sum(max(0, n - CAP) for n in Counter(level for level, _ in fits).values())
    # The overflow notice takes one notice slot itself.
    room = {s: CAP - (1 if hidden and s == Severity.INFO else 0) for s in Severity}
    shown = []
    for level, line in fits:
        if room[level] > 0:
            room[level] -= 1
            shown.append(line)
    return shown, len(entries) - len(shown), over_file


def render(report: Report, summary_path: str | None = None, full_reports: Sequence[str] = (), comparison=None) -> str:
    """Annotation lines; appends a Markdown table of the findings to
    `summary_path` (the job summary) when given."""
    findings = sorted((f for f in report.findings if f.claims), key=Finding.sort_key)
    new_values = comparison.new_values if comparison is not None else {}
    entries = [(f.severity, gh_path(f.claims[0].doc), annotation(f, new_values.get(id(f), ()))) for f in findings]
    for e in report.errors:
        props = f"file={escape_property(gh_path(e.path))}" + (f",line={e.line}" if e.line else "")
        entries.append((Severity.ERROR, gh_path(e.path), f"::error {props},title=factlint input::{escape_data(e.message)}"))
    lines, hidden, over_file = _select(entries)
    if hidden:
        where = [*(["the job summary"] if summary_path else []), *full_reports]
        tail = f"; see {' and '.join(where)}" if where else "; run factlint lint locally to see them all"
        why = f"at most {PER_FILE} per file" + (f" ({over_file} left out by that)" if over_file else "") + f" and {CAP} per level"
        text = f"{hidden} more finding(s) not shown as annotations ({why}){tail}"
        lines.append(f"::notice title=factlint::{escape_data(text)}")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as fh:  # append: other steps write here too
            fh.write(summary_markdown(report, full_reports, comparison))
    return "\n".join(lines) + ("\n" if lines else "")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#+!~])")
_OTHER_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # line breaks to some readers, not to Markdown


def _cell(s: str) -> str:
    """Article text and file names as inert table-cell text: no HTML, no Markdown, no @mentions."""
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
    s = _MD_SPECIAL.sub(r"\\\1", s).replace("|", "\\|")
    return _OTHER_BREAKS.sub(" ", s.replace("\r", "")).replace("\n", "<br>")


def summary_markdown(report: Report, full_reports: Sequence[str] = (), comparison=None, limit: int = SUMMARY_LIMIT) -> str:
    """The job summary, at most `limit` bytes (UTF-8): rows stop before the limit and a line
    says how many findings are not listed and where they all are."""
    findings = sorted((f for f in report.findings if f.claims), key=Finding.sort_key)
    head = [f"### factlint: {len(findings)} finding(s) in {len(report.documents)} document(s)", ""]
    if comparison is not None:
        head += [f"Baseline {_cell(comparison.file)}: {comparison.summary()}.", ""]
        head += [f"- **fixed** {_cell(x)}" for x in comparison.fixed_lines()] + ([""] if comparison.fixed else [])
    rows = ["| severity | rule | where | message | other claims |", "| --- | --- | --- | --- | --- |"] if findings else []
    for f in findings:
        c = f.claims[0]
        nv = comparison.new_values.get(id(f)) if comparison is not None else None
        text = "\n".join([f.message, *([f"Not in the baseline: {', '.join(nv)}"] if nv else []), *([f.explanation] if f.explanation else [])])
        others = "\n".join(messages.others(f, _where))
        row = [f.severity.value, f.rule, f"{repo_path(c.doc)}:{c.line}:{c.column}", text, others]
        rows.append("| " + " | ".join(_cell(x) for x in row) + " |")
    tail = [""] if report.errors else []
    tail += [f"- **input error** {_cell(repo_path(e.path))}: {_cell(e.message)}" for e in report.errors]
    out = "\n".join(head + rows + tail) + "\n\n"
    if len(out.encode("utf-8")) <= limit:
        return out
    where = (" and ".join(_cell(p) for p in full_reports) + " (this run's artifacts, when the workflow uploads them)"
             if full_reports else "the output of factlint lint --format json")
    budget = limit - len("\n".join(head + tail).encode("utf-8")) - 400  # room for the pointer line
    kept, size = rows[:2], 0
    for row in rows[2:]:
        size += len(row.encode("utf-8")) + 1
        if size > budget:
            break
        kept.append(row)
    left = len(rows) - len(kept)
    pointer = ["", f"**{left} more finding(s) not listed here** (the job summary is limited to 1 MiB); all are in {where}."]
    return "\n".join(head + kept + pointer + tail) + "\n\n"
