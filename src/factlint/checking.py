"""The check stage of a run: both stages of the check plan over the analysed and the stored
articles, with the per-article stage and the cross-article state kept in the claim store so
that a later run re-checks only what changed (check/incremental.py).

Findings come out in one total order, ties broken by content, so any way of running the
stages (one process or many, a whole corpus or the touched partitions) prints the same.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from .models import FileError, Finding

if TYPE_CHECKING:
    from .knowledge import Knowledge
    from .pipeline import Analysis, Stored
    from .store import Store


def _state_adapter():
    from pydantic import TypeAdapter

    from .check.incremental import CorpusState

    return TypeAdapter(CorpusState)


def check(analyses: list[Analysis | Stored], kb: Knowledge, errors: list[FileError] | None = None, budget: float = 0.0,
          store: Store | None = None, incremental: bool = False,
          load: Callable[[list[Stored], bool], list[Analysis]] | None = None, pool=None) -> list[Finding]:
    """Every rule over the corpus: the per-article stage where it has not run yet (in the
    pool, with the analysis, or stored), then the cross-article stage; with a store and
    `incremental`, only the partitions that changed since the last run are checked again,
    and only their articles are loaded (`load` reads Stored ones; `pool` checks batches of a
    whole-corpus pass in other processes, see check/incremental._batched).
    With a per-article `budget`, a rule may take that much CPU time per article, and over
    the corpus that much per article (plus ten): a backstop, so a rule that is slow on one
    adversarial article reports itself instead of hanging the run."""
    from .check import incremental as inc
    from .check.engine import combine, failed_rules, run_corpus, run_document
    from .check.partitions import document_keys
    from .pipeline import Analysis

    key = checks_key(kb, store, budget) if store is not None else ""
    fresh = [a for a in analyses if isinstance(a, Analysis) and (a.checks is None or a.keys is None)]
    reused: set[str] = set()
    if store is not None and fresh:
        stored = store.checks([a.path for a in fresh], key)
        for a in fresh:
            if a.path in stored:
                a.checks, a.keys = stored[a.path][:2]
                reused.add(a.path)
    computed = [a for a in analyses if isinstance(a, Analysis) and a.path not in reused]
    for a in fresh:
        if a.checks is None or a.keys is None:
            a.checks, a.keys = run_document(a, kb, budget), document_keys(a, kb)
    shas = {a.path: a.sha for a in analyses}
    if store is not None:
        store.put_checks([(a.path, shas[a.path], a.stored()) for a in computed
                          if not any(isinstance(r, FileError) and r.kind == "timeout" for r in a.checks.values())], key)
    per_document = [a.checks for a in analyses]
    seconds = budget * (len(analyses) + 10) if budget > 0 else 0.0
    if store is not None and incremental:
        adapter = _state_adapter()
        base = store.corpus_state(key, adapter)
        corpus, state, _ = inc.run(analyses, kb, shas, seconds, failed_rules(per_document), base, load or _loaded, pool)
        store.save_corpus_state(key, state, adapter)
    elif load is not None and not all(isinstance(a, Analysis) for a in analyses):
        # stored articles (a scratch store): the same pass, a batch of partitions at a time
        corpus, _, _ = inc.run(analyses, kb, shas, seconds, failed_rules(per_document), None, load, pool)
    else:
        corpus = run_corpus(_loaded(analyses), kb, seconds, failed_rules(per_document))
    findings = combine(kb, per_document, corpus, errors if errors is not None else [])
    if store is not None and incremental:  # what the next edit splices into (check/splice.py)
        from .check import splice

        splice.record(store, key, analyses, kb, state, errors if errors is not None else [])
    return _total_order(findings)


def _loaded(entries: list, keep: bool = True) -> list[Analysis]:
    from .pipeline import Analysis

    assert all(isinstance(a, Analysis) for a in entries), "a stored article reached a check without a loader"
    return entries


def _total_order(findings: list[Finding]) -> list[Finding]:
    """Sorted for the reports, ties broken by content: the same findings in any order
    (one process or many, a whole run or a partial one) come out the same."""
    findings = sorted(findings, key=lambda f: (f.sort_key(), f.fingerprint))
    out, i = [], 0
    while i < len(findings):
        j = i + 1
        head = (findings[i].sort_key(), findings[i].fingerprint)
        while j < len(findings) and (findings[j].sort_key(), findings[j].fingerprint) == head:
            j += 1
        out += findings[i:j] if j == i + 1 else sorted(findings[i:j], key=lambda f: f.model_dump_json())
        i = j
    return out


def checks_key(kb: Knowledge, store: Store, budget: float) -> str:
    """What the stored check stages depend on besides the articles: the rules in effect and the budget."""
    from .runkey import rules_key

    return hashlib.sha256(f"{store.version(kb.digest)}\0{rules_key(kb)}\0{budget}".encode()).hexdigest()
