"""The cross-article stage, re-checking only the partitions that changed.

The last run's corpus-stage findings are kept (in the claim store) with each finding's
partition keys and each article's keys (check/partitions.py).  When articles are edited,
added, deleted or renamed, the touched keys are those the changed articles held before and
hold now (and, for unknown names, those whose unification changed).  Per rule, the articles
holding a touched key are checked again; their findings in touched partitions replace the
old ones there, and every other old finding stands.

The result is the same as checking the whole corpus, and that is checked rather than
assumed: a finding whose keys are partly touched, a first claim with no key, or a
unification of unknown names that the re-checked subset would read differently makes that
rule fall back to the whole corpus.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from ..models import FileError, Finding
from . import partitions
from .engine import Context, _guarded_run, plan
from .partitions import UNIFIED, Key

if TYPE_CHECKING:
    from ..knowledge import Knowledge, Rule
    from ..pipeline import Analysis


class RuleState(BaseModel):
    keys: dict[str, list[tuple[str, ...]]]  # article -> its partition keys (unknown names unified)
    names: dict[str, str]  # the unification of unknown names in effect
    findings: list[tuple[list[tuple[str, ...]], Finding]]  # each finding with its first claim's keys


class CorpusState(BaseModel):
    """The cross-article stage of one run: what the next run starts from."""

    docs: dict[str, str] = Field(default_factory=dict)  # article -> content sha
    rules: dict[str, RuleState | None] = Field(default_factory=dict)  # None: not kept (failed, unkeyed)


class _Fallback(Exception):
    pass


def run(analyses: list, kb: Knowledge, shas: dict[str, str], seconds: float, skip: set[str],
        base: CorpusState | None, load: Callable[[list], list[Analysis]]
        ) -> tuple[dict[str, list[Finding] | FileError], CorpusState, dict[str, int]]:
    """run_corpus's results by rule id, from `base` where it still holds; the new state; and,
    per rule, how many articles were checked (for benchmarks and tests).  `analyses` need only
    a path and keys (pipeline.Stored); `load` gives the Analysis of those a check looks at."""
    state = CorpusState(docs=dict(shas))
    out: dict[str, list[Finding] | FileError] = {}
    checked: dict[str, int] = {}
    by_path = {a.path: a for a in analyses}
    changed = set(shas) ^ set(base.docs) if base else set()
    if base is not None:
        changed |= {p for p in shas if p in base.docs and base.docs[p] != shas[p]}
    whole = None
    for rule, scope in plan(kb):
        if scope != "corpus" or rule.id in skip:
            continue
        if not partitions.partitioned(rule):
            whole = whole or Context(load(analyses), kb)
            out[rule.id] = _guarded_run(whole, rule, scope, seconds)
            state.rules[rule.id], checked[rule.id] = None, len(analyses)
            continue
        old = base.rules.get(rule.id) if base is not None else None
        try:
            if old is None:
                raise _Fallback
            result, kept, n = _partial(rule, kb, by_path, changed, old, seconds, load)
        except _Fallback:
            result, kept, n = _full(rule, kb, analyses, seconds, load)
        out[rule.id], state.rules[rule.id], checked[rule.id] = result, kept, n
    return out, state, checked


def _names(analyses, rule: Rule) -> dict[str, str]:
    return partitions.unify(k[1] for a in analyses for _, k in a.keys[rule.id]
                            if k[0] == UNIFIED and k[1].startswith("~"))


def _doc_keys(a: Analysis, rule: Rule, names: dict[str, str]) -> set[Key]:
    return {partitions.mapped(k, names) for _, k in a.keys[rule.id]}


def _positions(analyses, rule: Rule, names: dict[str, str]) -> dict[tuple[str, int], set[Key]]:
    out: dict[tuple[str, int], set[Key]] = {}
    for a in analyses:
        for pos, k in a.keys[rule.id]:
            if pos is not None:
                out.setdefault((a.path, pos), set()).add(partitions.mapped(k, names))
    return out


def _first_keys(f: Finding, where: dict[tuple[str, int], set[Key]]) -> set[Key]:
    first = f.claims[0] if f.claims else None
    found = where.get((first.doc, first.start)) if first else None
    if not found:
        raise _Fallback  # a finding that starts nowhere this kind keys: its partition is unknown
    return found


def _state(analyses, rule, names, findings: list[tuple[set[Key], Finding]]) -> RuleState:
    return RuleState(keys={a.path: sorted(_doc_keys(a, rule, names)) for a in analyses}, names=names,
                     findings=[(sorted(k), f) for k, f in findings])


def _full(rule: Rule, kb: Knowledge, analyses: list, seconds: float, load):
    result = _guarded_run(Context(load(analyses), kb), rule, "corpus", seconds)
    if isinstance(result, FileError):
        return result, None, len(analyses)
    names = _names(analyses, rule)
    where = _positions(analyses, rule, names)
    try:
        keyed = [(_first_keys(f, where), f) for f in result]
    except _Fallback:
        return result, None, len(analyses)
    return result, _state(analyses, rule, names, keyed), len(analyses)


def _partial(rule: Rule, kb: Knowledge, by_path: dict, changed: set[str], old: RuleState, seconds: float, load):
    analyses = list(by_path.values())
    names = _names(analyses, rule)
    now = {p: _doc_keys(a, rule, names) for p, a in by_path.items()}
    touched: set[Key] = set()
    for p in changed:
        touched |= set(map(tuple, old.keys.get(p, []))) | now.get(p, set())
    for n in set(names) | set(old.names):  # figures whose unknown name now unifies differently moved
        if names.get(n, n) != old.names.get(n, n):
            touched |= {(UNIFIED, n), (UNIFIED, names.get(n, n)), (UNIFIED, old.names.get(n, n))}
    subset = [a for p, a in by_path.items() if now[p] & touched]
    fresh: list[Finding] = []
    if subset:
        # The subset unifies unknown names itself: it must read the touched ones as the corpus does.
        sub_names = _names(subset, rule)
        in_touch = {k[1] for k in touched if k[0] == UNIFIED}
        for a in subset:
            for _, k in a.keys[rule.id]:
                if k[0] == UNIFIED:
                    whole, part = names.get(k[1], k[1]), sub_names.get(k[1], k[1])
                    if whole != part and (whole in in_touch or part in in_touch):
                        raise _Fallback
        result = _guarded_run(Context(load(subset), kb), rule, "corpus", seconds)
        if isinstance(result, FileError):
            return result, None, len(subset)
        fresh = result
    where = _positions(subset, rule, names)
    kept: list[tuple[set[Key], Finding]] = []
    for keys, f in old.findings:
        keys = set(map(tuple, keys))
        if not keys & touched:
            kept.append((keys, f))
        elif not keys <= touched:
            raise _Fallback
    for f in fresh:
        keys = _first_keys(f, where)
        if keys <= touched:
            kept.append((keys, f))
        elif keys & touched:
            raise _Fallback
    findings = [f for _, f in kept]
    return findings, _state(analyses, rule, names, kept), len(subset)
