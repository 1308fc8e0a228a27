"""The pipeline end to end: ingest -> extract -> resolve -> check -> Report.

Per-document work (`analyse`) depends only on the document and the
knowledge base, so it can be cached by content hash; `check` is the only
step that looks across documents.
"""
from __future__ import annotations

import hashlib
import os
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


def _files(paths: Iterable[str | Path], exclude: tuple[str, ...]) -> tuple[list[Path], list[FileError]]:
    paths = [Path(p) for p in paths]
    errors = [FileError(path=p.as_posix(), message="no such file or directory") for p in paths if not p.exists()]
    return ingest.discover([p for p in paths if p.exists()], exclude), errors


def _read(f: Path, errors: list[FileError]) -> Document | None:
    try:
        doc = ingest.read(f)
    except ingest.IngestError as exc:
        errors.append(FileError(path=exc.path, message=exc.message, line=exc.line))
        return None
    errors.extend(FileError(path=doc.path, line=line, message=msg) for line, msg in doc.problems)
    return doc


def load(paths: Iterable[str | Path], exclude: tuple[str, ...] = ()) -> tuple[list[Document], list[FileError]]:
    files, errors = _files(paths, exclude)
    docs = [d for d in (_read(f, errors) for f in files) if d is not None]
    return docs, errors


def check(analyses: list[Analysis], kb: Knowledge) -> list[Finding]:
    findings = run_rules(analyses, kb)
    return sorted(findings, key=Finding.sort_key)


def analyse_cached(doc: Document, kb: Knowledge, store: Store | None, size: int = -1, mtime: int = -1) -> Analysis:
    if store is None:
        return analyse(doc, kb)
    hit = store.get(doc, kb.digest)
    if hit is not None:
        if size >= 0:
            store.touch(doc.path, size, mtime)
        return Analysis(doc, *hit)
    a = analyse(doc, kb)
    store.put(doc, kb.digest, a.mentions, a.claims, size, mtime)
    return a


def lint(
    paths: Iterable[str | Path],
    kb: Knowledge,
    exclude: tuple[str, ...] = (),
    progress: Callable[[list[Path]], Iterable[Path]] | None = None,
    store: Store | None = None,
    focus: set[str] | None = None,
    reuse_report: bool = True,
) -> LintResult:
    """Check `paths`.  With a store, unchanged articles (same size and mtime, or
    same content) are not re-read.  With `focus` (resolved paths of changed
    articles) and a store, unchanged articles outside it are loaded only when
    they share an (entity, metric) with a focus article: a new article is
    checked against a large corpus without reading all of it."""
    files, errors = _files(paths, exclude)
    stats = {f: f.stat() for f in files}
    whole_run = store is not None and focus is None and reuse_report
    if whole_run:
        # Nothing changed since an earlier run over the same files: its report stands.
        run_key = _run_key(stats, errors, kb, store)
        cached = store.run_report(run_key) if run_key else None
        if cached is not None:
            return LintResult(cached, [])
    analyses: list[Analysis] = []
    deferred: list[str] = []
    for f in progress(files) if progress else files:
        name = f.as_posix()
        st = stats[f]
        if store is not None and store.fresh(name, st.st_size, st.st_mtime_ns, kb.digest):
            if focus is not None and os.path.abspath(f) not in focus:
                deferred.append(name)
                continue
            stored = store.load(name)
            if stored is not None:
                doc, mentions, claims = stored
                errors.extend(FileError(path=name, line=line, message=msg) for line, msg in doc.problems)
                analyses.append(Analysis(doc, mentions, claims))
                continue
        doc = _read(f, errors)
        if doc is not None:
            analyses.append(analyse_cached(doc, kb, store, st.st_size, st.st_mtime_ns))
    if deferred:
        keys = {(c.entity, c.metric) for a in analyses for c in a.claims if c.entity and c.metric}
        for name in sorted(store.keyed(keys, set(deferred))):
            stored = store.load(name)
            if stored is not None:
                analyses.append(Analysis(*stored))
    analyses.sort(key=lambda a: a.doc.path)
    findings = check(analyses, kb)
    checked = sorted({a.doc.path for a in analyses} | set(deferred))
    report = Report(findings=findings, errors=errors, documents=checked)
    if whole_run:
        key = _run_key(stats, errors, kb, store)
        if key is not None:
            store.save_run(key, report)
    return LintResult(report, analyses)


def _run_key(stats: dict[Path, object], errors: list[FileError], kb: Knowledge, store: Store) -> str | None:
    """Identity of a whole run; None while any file is not yet in the store as it is now."""
    h = hashlib.sha256(store.version(kb.digest).encode())
    for f, st in sorted(stats.items(), key=lambda kv: kv[0].as_posix()):
        if not store.fresh(f.as_posix(), st.st_size, st.st_mtime_ns, kb.digest) and not any(e.path == f.as_posix() for e in errors):
            return None
        h.update(f"{f.as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    h.update("".join(sorted(e.path + e.message for e in errors)).encode())
    return h.hexdigest()
