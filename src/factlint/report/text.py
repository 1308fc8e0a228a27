"""Compiler-style text output: `path:line:col: severity [rule] message`.

File names and article text are escaped: a control character, line or
paragraph separator or bidi override in them is written as `\\xNN` /
`\\uNNNN`, so an article named `x\\n::warning file=evil::` cannot start a
line of its own (a GitHub workflow command) or rewrite the terminal.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from .. import fmt, messages
from ..models import FileError, Mention, Report
from . import json_out


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]")


def escape(s: str | None) -> str:
    """`s` with every character that could break a line or fool a terminal escaped."""
    if s is None:
        return ""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}", s)


def _note(c) -> str:
    return f"{escape(c.doc)}:{c.line}:{c.column}: note: {escape(repr(c.text))}" + (f" ({escape(c.role)})" if c.role else "")


def lint_chunks(report: Report, color: bool = False, comparison=None, with_summary: bool = True) -> Iterator[str]:
    """Findings, in pieces of about json_out.PIECE characters (never the whole text in memory);
    other claims are located a few per distinct value (`messages.others`)."""
    paint = _painter(color)
    pending: list[str] = []
    size = 0
    for f in report.findings:
        first = f.claims[0]
        lines = [f"{escape(first.doc)}:{first.line}:{first.column}: {paint(f.severity.value)} [{escape(f.rule)}] {escape(f.message)}"]
        lines += ["  " + x for x in messages.others(f, _note)]
        if comparison is not None and comparison.new_values.get(id(f)):
            lines.append(f"  note: not in the baseline: {escape(', '.join(comparison.new_values[id(f)]))}")
        if f.explanation:
            lines.append(f"  = {escape(f.explanation)}")
        piece = "\n".join(lines) + "\n"
        pending.append(piece)
        size += len(piece)
        if size >= json_out.PIECE:
            yield "".join(pending)
            pending, size = [], 0
    pending += [error_line(e) + "\n" for e in report.errors]
    if with_summary:
        pending.append(summary(report) + "\n")
    yield "".join(pending)


def lint_text(report: Report, color: bool = False, comparison=None, with_summary: bool = True) -> str:
    """lint_chunks whole, for a report known to be small."""
    return "".join(lint_chunks(report, color, comparison, with_summary))


def baseline_lines(comparison) -> list[str]:
    """'Baseline F: 1 new, 2 unchanged, 1 fixed.' and one line per fixed finding, naming it."""
    return [f"Baseline {comparison.file}: {comparison.summary()}.", *("  fixed: " + x for x in comparison.fixed_lines())]


def error_line(e: FileError) -> str:
    where = f"{escape(e.path)}:{e.line}" if e.line else escape(e.path)
    return f"{where}: error [{escape(e.kind)}] {escape(e.message)}"


def summary(report: Report) -> str:
    n = Counter(f.severity.value for f in report.findings)
    docs = len(report.documents)
    parts = [f"{n['error']} error{'s' * (n['error'] != 1)}", f"{n['warning']} warning{'s' * (n['warning'] != 1)}", f"{n['info']} info"]
    tail = f", {len(report.errors)} input error{'s' * (len(report.errors) != 1)}" if report.errors else ""
    held = sum(f.held_back for f in report.findings)
    if held:  # conflicts the reader was not sure enough of: info, never an error
        tail += f" ({held} possible conflict{'s' * (held != 1)} held back as info)"
    return f"Checked {docs} document{'s' * (docs != 1)}: {', '.join(parts)}{tail}."


def mentions_text(mentions: list[Mention]) -> str:
    lines = []
    for m in mentions:
        if m.kind == "date":
            what = f"{m.period_start}..{m.period_end} ({m.granularity})" if m.period_start else "unresolved"
        else:
            lo = "-inf" if m.low is None else fmt.amount(m.low, None, m.kind)
            hi = "inf" if m.high is None else fmt.amount(m.high, None, m.kind)
            what = f"{fmt.amount(m.value, m.unit, m.kind)} [{lo} .. {hi}] {m.bound.value}"
        extra = [f"unit {m.unit_text!r} = {m.unit_name}"] if m.unit_text and m.unit_name else []
        if m.change_from is not None and m.change_to is not None:
            extra.append(f"change from {m.change_from:g} to {m.change_to:g}")
        why = "; ".join(m.notes + extra + ([f"also possible: {', '.join(m.alternatives)}"] if m.alternatives else []))
        lines.append(f"{escape(m.doc)}:{m.line}:{m.column}: {m.kind:<13} {escape(repr(m.text))} -> {what}" + (f"  ({escape(why)})" if why else ""))
    return "\n".join(lines) + ("\n" if lines else "")


def _painter(color: bool):
    codes = {"error": "31;1", "warning": "33;1", "info": "36"}
    if not color:
        return lambda s: s
    return lambda s: f"\x1b[{codes.get(s, '0')}m{s}\x1b[0m"
