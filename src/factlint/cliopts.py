"""Command-line conventions ruff and Vale users expect: colour, stdin, rule selection, statistics.

Kept out of the cli package so that the command definitions stay readable; nothing
here writes to the terminal.
"""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

from . import messages
from .models import Report

STDIN = "-"
STDIN_NAME = "<stdin>"

finding_kind = messages.finding_kind


def use_color(choice: str, isatty: bool, env: dict[str, str] | None = None) -> bool:
    """--color always|never wins; with auto, NO_COLOR (non-empty) turns colour off, FORCE_COLOR
    (non-empty, not '0') turns it on even in a pipe, else colour only on a terminal."""
    env = os.environ if env is None else env
    if choice in ("always", "never"):
        return choice == "always"
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR") not in (None, "", "0"):
        return True
    return isatty


def rule_matches(rule, name: str) -> bool:
    """A rule answers to its id, its rule kind and the kind of finding it reports."""
    return name in (rule.id, rule.kind, finding_kind(rule.kind))


def select_rules(kb, select: list[str], ignore: list[str]) -> str | None:
    """Keep only the rules named by --select (all when empty), then drop those named by --ignore.
    Returns an error message naming an unknown rule, or None."""
    names = {n for r in kb.rules for n in (r.id, r.kind, finding_kind(r.kind))}
    for n in [*select, *ignore]:
        if n not in names:
            return f"--select/--ignore: no rule or kind '{n}' (known: {', '.join(sorted(names))})"
    kb.rules = [
        r.model_copy(update={"enabled": False})
        if (select and not any(rule_matches(r, n) for n in select)) or any(rule_matches(r, n) for n in ignore)
        else r
        for r in kb.rules
    ]
    return None


def split_names(values: tuple[str, ...]) -> list[str]:
    """'--select a,b --select c' -> ['a', 'b', 'c']."""
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def stdin_article(text: str, folder: str) -> Path:
    """Standard input as an article file (Markdown, so front matter is read), in `folder`."""
    path = Path(folder) / "stdin.md"
    path.write_text(text, encoding="utf-8", newline="")
    return path


def stdin_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="factlint-stdin-")


def rename_doc(report: Report, old: str, new: str) -> Report:
    """The report with article path `old` shown as `new` (standard input's temporary file as '<stdin>')."""
    fix = (lambda p: new if p == old else p)  # noqa: E731
    findings = [f.model_copy(update={"claims": [c.model_copy(update={"doc": fix(c.doc)}) for c in f.claims]})
                for f in report.findings]
    errors = [e.model_copy(update={"path": fix(e.path)}) for e in report.errors]
    return report.model_copy(update={"findings": findings, "errors": errors, "documents": [fix(d) for d in report.documents]})


def statistics(report: Report) -> str:
    """ruff-style counts: one line per rule, most frequent first."""
    counts = Counter((f.rule, f.kind, f.severity.value) for f in report.findings)
    if not counts:
        return ""
    width = len(str(max(counts.values())))
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return "".join(f"{n:>{width}}  {rule:<20} {kind:<15} {sev}\n" for (rule, kind, sev), n in rows)


def provenance(paths, report: Report, kb, baseline: str | None) -> list[tuple[str, str]]:
    """What a report was made from, for its header: factlint version, inputs, rules, baseline and the
    git commit checked out (with its date, standing in for a time: the same checkout gives the same
    report, byte for byte), marked when the inputs have uncommitted changes."""
    import subprocess

    from . import __version__

    names = [Path(p).as_posix() for p in paths]
    rows = [("factlint", __version__), ("inputs", f"{', '.join(names)} ({len(report.documents)} article{'s' * (len(report.documents) != 1)})"),
            ("rules", f"{Path(kb.rules_dir).name} (digest {kb.digest[:12]})"), ("baseline", baseline or "none")]
    try:
        run = lambda *a: subprocess.run(["git", *a], capture_output=True, text=True, check=True, timeout=10).stdout.strip()  # noqa: E731
        commit = run("log", "-1", "--format=%h, %cI")
        if commit:
            dirty = run("status", "--porcelain", "--", *names)
            rows.append(("commit", commit + (" (inputs have uncommitted changes)" if dirty else "")))
    except (OSError, subprocess.SubprocessError):
        pass  # not a git checkout, or no git: no commit to name
    return rows
