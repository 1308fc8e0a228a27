"""The pipeline end to end: ingest -> extract -> resolve -> check -> Report.

Per-document work (`analyse`) depends only on the document and the
knowledge base, so it can be cached by content hash and run in a process
pool; `check` is the only step that looks across documents.

Every per-document stage runs inside a guard (`guard.py`): an exception or
an exhausted time budget becomes an error for that file, naming the stage,
and the other files are still checked.
"""
from __future__ import annotations

import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import ingest
from .guard import Guarded, guarded
from .knowledge import Knowledge
from .models import Claim, Document, FileError, Finding, Mention, Report
from .checking import check, checks_key
from .runkey import run_key
from .store import Store, StoreRefused, sha, stamp


# No real figure comes near this; anything past it is a digit string (or an
# overflow to inf), and products of two figures must stay finite.
MAX_MAGNITUDE = 1e60
DEFAULT_BUDGET = 5.0  # CPU seconds one article may take before it is reported as too slow
IN_MEMORY = 2000  # articles analysed in one run beyond which they are held in a store, not in memory


@dataclass
class Analysis:
    """Everything factlint read from one document."""

    doc: Document
    mentions: list[Mention]
    claims: list[Claim]
    # The per-article stage, once run: results by rule id (check/engine.run_document) and
    # the partition keys of the corpus rules (check/partitions.document_keys).
    checks: dict[str, list[Finding] | FileError] | None = None
    keys: dict[str, list] | None = None

    @property
    def path(self) -> str:
        return self.doc.path

    @property
    def sha(self) -> str:
        return sha(self.doc.raw)

    def errors(self) -> list[FileError]:
        return _problems(self.doc)

    def stored(self) -> tuple:
        """What the store keeps of the per-article stage (store_runs.Checks)."""
        return self.checks, self.keys, list(self.doc.problems), "factlint-ignore" in self.doc.raw  # what suppress reads


@dataclass
class Stored:
    """An unchanged article, kept in the store and loaded only when a check needs it: a whole
    run holds in memory only the articles of the partitions an edit touched."""

    path: str
    sha: str
    checks: dict[str, list[Finding] | FileError]
    keys: dict[str, list]
    problems: list[tuple[int | None, str]]
    ignores: bool  # holds a factlint-ignore comment: loaded to apply it

    def errors(self) -> list[FileError]:
        return [FileError(path=self.path, line=line, message=msg) for line, msg in self.problems]


@dataclass
class LintResult:
    report: Report
    analyses: list[Analysis] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # unused suppressions, for standard error


def analyse(doc: Document, kb: Knowledge) -> Analysis:
    from .extract import extract
    from .resolve import resolve

    with guarded("extract"):
        mentions = _finite(doc, extract(doc))
    with guarded("resolve"):
        claims = resolve(doc, mentions, kb)
    return Analysis(doc, mentions, claims)


def _finite(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Drop figures too large to compute with (a 400-digit number reads as inf), with a note on the file."""
    kept = []
    for m in mentions:
        vals = [v for v in (m.value, m.low, m.high, m.range_low, m.range_high, m.change_from, m.change_to) if v is not None]
        if all(abs(v) <= MAX_MAGNITUDE for v in vals):  # False for inf and nan too
            kept.append(m)
        else:
            line = doc.line_col(doc.file_offset(m.start))[0]
            snippet = m.text if len(m.text) <= 40 else m.text[:20] + "..." + m.text[-12:]
            doc.problems.append((line, f"figure '{snippet}' is beyond {MAX_MAGNITUDE:.0e}; not read as a figure"))
    return kept


def _files(paths: Iterable[str | Path], exclude: tuple[str, ...]) -> tuple[list[Path], list[FileError]]:
    paths = [Path(p) for p in paths]
    errors = [FileError(path=ingest.shown(p), message="no such file or directory") for p in paths if not os.path.lexists(p)]
    found: list[tuple[str, str]] = []
    files = ingest.discover([p for p in paths if os.path.lexists(p)], exclude, found)
    errors += [FileError(path=p, message=msg) for p, msg in found]
    return files, errors


def _read(f: Path, errors: list[FileError]) -> Document | None:
    try:
        with guarded("read"):
            return ingest.read(f)
    except ingest.IngestError as exc:
        errors.append(FileError(path=exc.path, message=exc.message, line=exc.line))
    except Guarded as exc:
        errors.append(exc.error(f.as_posix()))
    return None


def _problems(doc: Document) -> list[FileError]:
    return [FileError(path=doc.path, line=line, message=msg) for line, msg in doc.problems]


def load(paths: Iterable[str | Path], exclude: tuple[str, ...] = ()) -> tuple[list[Document], list[FileError]]:
    files, errors = _files(paths, exclude)
    docs = []
    for f in files:
        d = _read(f, errors)
        if d is not None:
            errors += _problems(d)
            docs.append(d)
    return docs, errors


def analyse_cached(doc: Document, kb: Knowledge, store: Store | None, file_stamp: str = "") -> Analysis:
    if store is None:
        return analyse(doc, kb)
    hit = store.get(doc, kb.digest)
    if hit is not None:
        if file_stamp:
            store.touch(doc.path, file_stamp)
        return Analysis(doc, *hit)
    a = analyse(doc, kb)
    store.put(doc, kb.digest, a.mentions, a.claims, file_stamp)
    return a


@dataclass
class _Options:
    budget: float = DEFAULT_BUDGET
    jobs: int = 1


def lint(
    paths: Iterable[str | Path],
    kb: Knowledge,
    exclude: tuple[str, ...] = (),
    progress: Callable[[list], Iterable] | None = None,  # wraps the articles being analysed (a progress bar)
    store: Store | None = None,
    focus: set[str] | None = None,
    reuse_report: bool = True,
    jobs: int = 1,
    time_budget: float = DEFAULT_BUDGET,
    hold_all: bool = False,
) -> LintResult:
    """Check `paths`.  With a store, unchanged articles (same file stamp, or
    same content) are not re-analysed.  With `focus` (resolved paths of changed
    articles) and a store, unchanged articles outside it are loaded only when
    they share an (entity, metric) with a focus article: a new article is
    checked against a large corpus without reading all of it.  `jobs` > 1
    analyses articles in that many processes; the output is the same.  `hold_all` keeps every
    article's analysis in memory (LintResult.analyses), as a small corpus always is."""

    opts = _Options(time_budget, max(1, jobs))
    files, errors = _files(paths, exclude)
    stamps: dict[Path, str] = {}
    for f in files:
        try:
            stamps[f] = stamp(f.stat())
        except OSError as exc:
            errors.append(FileError(path=f.as_posix(), message=f"cannot read file: {exc.strerror or exc}"))
    files = [f for f in files if f in stamps]
    whole_run = store is not None and focus is None
    found_errors = list(errors)
    if whole_run and reuse_report:
        # Nothing changed since an earlier run over the same content: its report stands.
        key = run_key(stamps, found_errors, kb, store, opts.budget)
        cached = store.run_report(key) if key else None
        if cached is not None:
            return LintResult(cached[0], [], cached[1])
    analyses: dict[str, Analysis] = {}
    entries: dict[str, Analysis | Stored] = {}
    deferred: list[str] = []
    lazy: list[str] = []
    todo: list[tuple[Path, str]] = []
    for f in files:
        name = f.as_posix()
        if store is not None and store.fresh(name, stamps[f], kb.digest):
            if focus is not None and os.path.abspath(f) not in focus:
                deferred.append(name)
                continue
            if whole_run:
                lazy.append(name)  # loaded only if a check needs it
                continue
            stored = store.load(name)
            if stored is not None:
                analyses[name] = Analysis(*stored)
                continue
        todo.append((f, stamps[f]))
    # A whole run over many new articles keeps each one it analyses in the store and holds only its
    # slim record, so the check stage loads a batch of articles at a time; without a store it gets a
    # scratch one (removed after the run).  A few articles stay in memory.
    shelf = store if whole_run and not hold_all and len(todo) > IN_MEMORY else None
    scratch = None
    if store is None and focus is None and not hold_all and len(todo) > IN_MEMORY:
        from .scratch import Scratch

        scratch = Scratch()  # also removes the scratch folders of runs killed before their cleanup
        try:
            shelf = Store(Path(scratch.name) / "scratch" / "claims.sqlite3")
        except (OSError, sqlite3.Error, StoreRefused):
            shelf = None
    try:
        return _lint(todo, kb, store, shelf, focus, whole_run, reuse_report, opts, progress, stamps, errors, found_errors,
                     analyses, entries, deferred, lazy)
    finally:
        if scratch is not None:
            if shelf is not None:
                shelf.close()
            scratch.cleanup()


def _lint(todo, kb, store, shelf, focus, whole_run, reuse_report, opts, progress, stamps, errors, found_errors,
          analyses, entries, deferred, lazy) -> LintResult:
    from .workers import analyse_iter

    touched: list[tuple[str, str]] = []
    reading: deque[tuple[Document, str]] = deque()

    def docs() -> Iterator[Document]:
        for f, st in todo:
            doc = _read(f, errors)
            if doc is None:
                continue
            name = f.as_posix()
            if store is not None and store.same_content(name, sha(doc.raw), kb.digest):
                stored = store.load(name)  # a fresh checkout: new file times, same content
                if stored is not None:
                    touched.append((name, st))
                    analyses[name] = Analysis(*stored)  # the stored document carries the problems analysis found
                    continue
            reading.append((doc, st))
            yield doc

    key = checks_key(kb, shelf, opts.budget) if shelf is not None else ""
    done: list[tuple[Analysis, str]] = []

    def keep() -> None:
        """Store the articles analysed so far; with a shelf, hold only their slim records."""
        if store is not None and shelf is None:  # a run that holds what it analyses (focus)
            store.put_many([(a.doc, a.mentions, a.claims, st) for a, st in done], kb.digest)
        elif shelf is not None:
            shelf.put_many([(a.doc, a.mentions, a.claims, st) for a, st in done], kb.digest)
            shelf.put_checks([(a.path, a.sha, a.stored()) for a, _ in done
                              if not any(isinstance(r, FileError) and r.kind == "timeout" for r in a.checks.values())], key)
            for a, _ in done:
                if shelf.db is not None:
                    entries[a.path] = Stored(a.path, a.sha, *a.stored())
                    del analyses[a.path]
                elif not isinstance(a, Analysis):  # a worker's workers.Shelved, and the store failed: held here
                    analyses[a.path] = a.analysis()
        done.clear()

    for outcome in analyse_iter(docs(), len(todo), kb, opts.jobs, opts.budget, progress, checks=True,
                                shelved=shelf is not None):
        doc, st = reading.popleft()
        if isinstance(outcome, FileError):
            errors.append(outcome)
            continue
        analyses[doc.path] = outcome
        done.append((outcome, st))
        if len(done) >= 256:
            keep()
    keep()
    if store is not None:
        store.touch_many(touched)
    if deferred:
        keys = {(c.entity, c.metric) for a in analyses.values() for c in a.claims if c.entity and c.metric}
        wanted = store.keyed(keys, set(deferred))
        for name in sorted(set(deferred) if wanted is None else wanted):
            a = _from_store(name, store, kb, opts, errors)
            if a is not None:
                analyses[name] = a
    entries.update(analyses)
    if lazy:
        got = store.checks(lazy, checks_key(kb, store, opts.budget))
        for name in lazy:
            if name in got:
                entries[name] = Stored(name, store.content_sha(name) or "", *got[name])
            elif (a := _from_store(name, store, kb, opts, errors)) is not None:
                entries[name] = analyses[name] = a
    loaded: dict[str, Analysis] = {}

    def load(items: list[Analysis | Stored], keep: bool = True) -> list[Analysis]:
        """The analyses of these entries, Stored ones read from the store (kept for the next
        call unless `keep` is False: a batch of a whole-corpus pass is dropped after it)."""
        out = []
        for e in items:
            if not isinstance(e, Stored):
                out.append(e)
                continue
            a = loaded.get(e.path)
            if a is None:
                a = _from_store(e.path, shelf if shelf is not None else store, kb, opts, errors)
                if a is None:
                    continue
                a.checks, a.keys = e.checks, e.keys
                if keep:
                    loaded[e.path] = a
            out.append(a)
        return out

    ordered = [entries[k] for k in sorted(entries)]
    for a in ordered:
        errors += a.errors()
    pool = None
    if shelf is not None and shelf.db is not None and opts.jobs > 1:
        from functools import partial

        from .workers import check_batches

        pool = partial(check_batches, shelf.path, kb, opts.jobs)  # the workers read the articles themselves
    from .workers import frozen

    with frozen():  # the analyses held here are not walked by every full collection the check triggers
        findings = check(ordered, kb, errors, opts.budget, store, incremental=store is not None and not deferred, load=load,
                         pool=pool)
    findings, notes = _inline_suppressions(findings, load([a for a in ordered if isinstance(a, Analysis) or a.ignores]), errors)
    checked = sorted(set(entries) | set(deferred))
    report = Report(findings=findings, errors=sorted(errors, key=_error_key), documents=checked)
    if whole_run and reuse_report and not any(e.kind == "internal" or e.stage for e in report.errors):
        key = run_key(stamps, found_errors, kb, store, opts.budget)
        if key is not None:
            store.save_run(key, report, notes)
    shown = [a for a in ordered if isinstance(a, Analysis)]
    if not reuse_report:  # the articles the HTML report embeds: those with findings, or all of a small corpus
        from .report.html import EMBED_ALL_UP_TO

        cited = {c.doc for f in findings for c in f.claims}
        shown = sorted(shown + load([a for a in ordered if isinstance(a, Stored)
                                     and (len(checked) <= EMBED_ALL_UP_TO or a.path in cited)]), key=lambda a: a.path)
    return LintResult(report, shown, notes)


def _from_store(name: str, store: Store, kb: Knowledge, opts: _Options, errors: list[FileError]) -> Analysis | None:
    """An unchanged article's stored analysis; read and analysed afresh if the store failed."""
    from .workers import analyse_all

    stored = store.load(name)
    if stored is not None:
        return Analysis(*stored)
    doc = _read(Path(name), errors)
    outcome = analyse_all([doc], kb, 1, opts.budget)[0] if doc else None
    if isinstance(outcome, FileError):
        errors.append(outcome)
        return None
    return outcome


def _error_key(e: FileError) -> tuple:
    return (e.path, e.line or 0, e.message)


def _inline_suppressions(findings: list[Finding], analyses: list[Analysis], errors: list[FileError]) -> tuple[list[Finding], list[str]]:
    """Findings silenced by `factlint-ignore` comments are dropped here, before the
    report is cached, so a warm run silences exactly what a cold one does."""
    from . import suppress

    out = suppress.apply(findings, [a.doc for a in analyses], [], date.today())
    errors += out.errors
    return out.kept, out.notes
