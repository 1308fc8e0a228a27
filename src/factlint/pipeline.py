"""The pipeline end to end: ingest -> extract -> resolve -> check -> Report.

Per-document work (`analyse`) depends only on the document and the
knowledge base, so it can be cached by content hash; `check` is the only
step that looks across documents.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import ingest
from .check import run_rules
from .extract import extract
from .knowledge import Knowledge
from .models import Claim, Document, FileError, Finding, Mention, Report
from .resolve import resolve
from .store import Store


@dataclass
class Analysis:
    """Everything factlint read from one document."""

    doc: Document
    mentions: list[Mention]
    claims: list[Claim]


@dataclass
class LintResult:
    report: Report
    analyses: list[Analysis] = field(default_factory=list)


def analyse(doc: Document, kb: Knowledge) -> Analysis:
    mentions = extract(doc)
    return Analysis(doc, mentions, resolve(doc, mentions, kb))


def load(paths: Iterable[str | Path], exclude: tuple[str, ...] = ()) -> tuple[list[Document], list[FileError]]:
    docs: list[Document] = []
    errors: list[FileError] = []
    for p in map(Path, paths):
        if not p.exists():
            errors.append(FileError(path=p.as_posix(), message="no such file or directory"))
    for f in ingest.discover([p for p in map(Path, paths) if p.exists()], exclude):
        try:
            doc = ingest.read(f)
        except ingest.IngestError as exc:
            errors.append(FileError(path=exc.path, message=exc.message, line=exc.line))
            continue
        docs.append(doc)
        errors.extend(FileError(path=doc.path, line=line, message=msg) for line, msg in doc.problems)
    return docs, errors


def check(analyses: list[Analysis], kb: Knowledge) -> list[Finding]:
    findings = run_rules(analyses, kb)
    return sorted(findings, key=Finding.sort_key)


def analyse_cached(doc: Document, kb: Knowledge, store: Store | None) -> Analysis:
    if store is None:
        return analyse(doc, kb)
    hit = store.get(doc, kb.digest)
    if hit is not None:
        return Analysis(doc, *hit)
    a = analyse(doc, kb)
    store.put(doc, kb.digest, a.mentions, a.claims)
    return a


def lint(
    paths: Iterable[str | Path],
    kb: Knowledge,
    exclude: tuple[str, ...] = (),
    progress: Callable[[Iterable[Document]], Iterable[Document]] | None = None,
    store: Store | None = None,
) -> LintResult:
    docs, errors = load(paths, exclude)
    analyses = [analyse_cached(d, kb, store) for d in (progress(docs) if progress else docs)]
    findings = check(analyses, kb)
    report = Report(findings=findings, errors=errors, documents=[a.doc.path for a in analyses])
    return LintResult(report, analyses)
