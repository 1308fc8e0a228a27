"""Baselines: accepted findings, so that CI fails only on new ones.

A baseline file lists findings by fingerprint.  The fingerprint
(`factlint.fingerprint`, algorithm "factlint/v1") is the first 32 hex
digits of SHA-256 over, joined by U+001F:

  rule id, entity id, metric id, period label (empty when absent), then
  for each claim "<file base name>|<claim text>", sorted, where the text is
  NFKC-normalised, case-folded and has its whitespace collapsed.

It holds no line, column, offset, directory, absolute path, platform path
separator or run order, so it stays the same when lines are inserted above
a claim, when files are checked in another order or on another machine,
and when a folder is moved.  It changes when a claim's wording, the file's
name, or what the finding is about changes: then it is a new finding.

Two findings can share a fingerprint (the same figure quoted twice in one
file); the baseline keeps one entry per finding and `compare` matches them
by count, so a third copy is still new.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .fingerprint import fingerprint
from .models import Finding, Report
from .report.sarif import repo_path

VERSION = 1
ALGORITHM = "factlint/v1: sha256(rule, entity, metric, period, sorted(basename|normalised claim text))[:32]"


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names the file."""


class Entry(BaseModel):
    fingerprint: str
    rule: str
    message: str = ""
    docs: list[str] = []


class Baseline(BaseModel):
    version: int
    algorithm: str = ALGORITHM
    findings: list[Entry]


def fp(f: Finding) -> str:
    return f.fingerprint or fingerprint(f)


def entry(f: Finding) -> Entry:
    docs = sorted({repo_path(c.doc) for c in f.claims})  # for people reading it; matching ignores it
    return Entry(fingerprint=fp(f), rule=f.rule, message=f.message, docs=docs)


def dumps(report: Report) -> str:
    entries = sorted((entry(f) for f in report.findings), key=lambda e: (e.fingerprint, e.rule, e.message, e.docs))
    data = {"version": VERSION, "algorithm": ALGORITHM, "findings": [e.model_dump() for e in entries]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write(report: Report, path: str | Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dumps(report), encoding="utf-8", newline="\n")
    tmp.replace(path)  # never leave a half-written baseline behind


def load(path: str | Path) -> Baseline:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a factlint baseline (invalid JSON: {exc})") from exc
    if not isinstance(data, dict) or data.get("version") != VERSION:
        found = data.get("version") if isinstance(data, dict) else None
        raise BaselineError(f"{path}: unsupported baseline version {found!r} (expected {VERSION}); rewrite it with `factlint baseline write`")
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise BaselineError(f"{path}: invalid baseline at {where}: {first['msg']}") from exc


def compare(report: Report, baseline: Baseline) -> tuple[list[Finding], list[Finding], list[Entry]]:
    """(new, still present, fixed): findings not in the baseline, findings
    that are, and baseline entries no finding matched any more."""
    left = Counter(e.fingerprint for e in baseline.findings)
    new: list[Finding] = []
    present: list[Finding] = []
    for f in sorted(report.findings, key=Finding.sort_key):
        key = fp(f)
        if left[key] > 0:
            left[key] -= 1
            present.append(f)
        else:
            new.append(f)
    fixed = []
    for e in sorted(baseline.findings, key=lambda e: (e.fingerprint, e.rule, e.message, e.docs)):
        if left[e.fingerprint] > 0:
            left[e.fingerprint] -= 1
            fixed.append(e)
    return new, present, fixed


def summary(new: list, present: list, fixed: list) -> str:
    return f"{len(new)} new, {len(present)} still present, {len(fixed)} fixed"
