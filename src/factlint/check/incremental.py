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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from ..models import FileError, Finding
from . import partitions
from .engine import Context, _guarded_run, plan
from .partitions import UNIFIED, Key, partitioned

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


# Stored articles loaded at once by a whole-corpus pass (a cold run): the pass goes a batch of
# partitions at a time, so memory is bounded by this many articles (and the largest partition).
BATCH = 2000


def run(analyses: list, kb: Knowledge, shas: dict[str, str], seconds: float, skip: set[str],
        base: CorpusState | None, load: Callable[[list], list[Analysis]], pool=None
        ) -> tuple[dict[str, list[Finding] | FileError], CorpusState, dict[str, int]]:
    """run_corpus's results by rule id, from `base` where it still holds; the new state; and,
    per rule, how many articles were checked (for benchmarks and tests).  `analyses` need only
    a path and keys (pipeline.Stored); `load` gives the Analysis of those a check looks at; `pool`
    runs the batches of a whole-corpus pass in other processes (_batched)."""
    state = CorpusState(docs=dict(shas))
    out: dict[str, list[Finding] | FileError] = {}
    checked: dict[str, int] = {}
    by_path = {a.path: a for a in analyses}
    changed = set(shas) ^ set(base.docs) if base else set()
    if base is not None:
        changed |= {p for p in shas if p in base.docs and base.docs[p] != shas[p]}
    whole = None
    cold: list[Rule] = []  # checked over the whole corpus, a batch of partitions at a time
    for rule, scope in plan(kb):
        if scope != "corpus" or rule.id in skip:
            continue
        if not partitioned(rule):
            whole = whole or Context(load(analyses), kb)
            out[rule.id] = _guarded_run(whole, rule, scope, seconds)
            state.rules[rule.id], checked[rule.id] = None, len(analyses)
            continue
        old = base.rules.get(rule.id) if base is not None else None
        try:
            if old is None:
                raise _Fallback
            out[rule.id], state.rules[rule.id], checked[rule.id] = _partial(rule, kb, by_path, changed, old, seconds, load)
        except _Fallback:
            cold.append(rule)
    for rule_id, (result, kept, n) in _batched(cold, kb, analyses, seconds, load, pool).items():
        out[rule_id], state.rules[rule_id], checked[rule_id] = result, kept, n
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


def _owned(findings: list[Finding], where: dict[tuple[str, int], set[Key]], own: set[Key]) -> list[tuple[set[Key], Finding]]:
    """The findings (with their keys) that lie wholly in the partitions `own`; one that lies
    partly in them cannot be told apart from the rest of the corpus: a fallback."""
    kept = []
    for f in findings:
        keys = _first_keys(f, where)
        if keys <= own:
            kept.append((keys, f))
        elif keys & own:
            raise _Fallback
    return kept


def _same_unification(subset: list, rule: Rule, names: dict[str, str], touched: set[Key]) -> None:
    """The subset unifies unknown names itself: it must read the touched ones as the corpus does."""
    sub_names = _names(subset, rule)
    in_touch = {k[1] for k in touched if k[0] == UNIFIED}
    for a in subset:
        for _, k in a.keys[rule.id]:
            if k[0] == UNIFIED:
                whole, part = names.get(k[1], k[1]), sub_names.get(k[1], k[1])
                if whole != part and (whole in in_touch or part in in_touch):
                    raise _Fallback


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
        _same_unification(subset, rule, names, touched)
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
    kept += _owned(fresh, where, touched)
    findings = [f for _, f in kept]
    return findings, _state(analyses, rule, names, kept), len(subset)


def _label(key: Key, names: dict[str, str]) -> tuple:
    """Which batch a key goes in: the keys of one (unified) entity, for every rule, go together,
    so one batch's articles serve each rule's partition of that entity."""
    if key[0] == UNIFIED:
        return ("e", names.get(key[1], key[1]))
    return ("e", key[1]) if key[0] in ("O", "T") else key


def _batches(rules: list[Rule], analyses: list, names: dict[str, dict[str, str]], bound: int
             ) -> list[tuple[list[int], set[tuple]]]:
    """Each batch's articles (indexes into `analyses`) and the labels it owns.  Labels a finding
    could start with together (keys at one position) are merged first; the articles holding a
    label all go in its batch, and a batch takes labels until it would exceed `bound` stored
    articles.  An article's own keys go to a batch it is already in; an article with no key still
    goes in one, so every article is checked."""
    parent: dict[tuple, tuple] = {}

    def root(x: tuple) -> tuple:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    labels_of: list[set[tuple]] = []
    for a in analyses:
        mine: set[tuple] = set()
        for rule in rules:
            at: dict[int, tuple] = {}
            for pos, k in a.keys[rule.id]:
                label = _label(partitions.mapped(k, names[rule.id]), names[rule.id])
                mine.add(label)
                root(label)
                if pos is not None:
                    if pos in at:
                        parent[root(label)] = root(at[pos])
                    else:
                        at[pos] = label
        labels_of.append(mine)
    members: dict[tuple, set[int]] = {}
    for i, mine in enumerate(labels_of):
        for label in mine:
            members.setdefault(root(label), set()).add(i)
    stored = [not hasattr(a, "doc") for a in analyses]  # pipeline.Stored: to be loaded
    groups = sorted(members, key=lambda g: (-len(members[g]), g))
    out: list[tuple[set[int], set[tuple]]] = [(set(), set())]
    count = 0
    first: dict[int, int] = {}
    for g in groups:
        if len(members[g]) < 2:
            break
        extra = sum(stored[i] for i in members[g] - out[-1][0])
        if count and count + extra > bound:
            out.append((set(), set()))
            count, extra = 0, sum(stored[i] for i in members[g])
        out[-1][0].update(members[g])
        out[-1][1].add(g)
        count += extra
        for i in members[g]:
            first.setdefault(i, len(out) - 1)
    for i in range(len(analyses)):
        if i not in first:
            if count and count + stored[i] > bound:
                out.append((set(), set()))
                count = 0
            out[-1][0].add(i)
            count += stored[i]
            first[i] = len(out) - 1
    for g in groups:
        if len(members[g]) < 2:
            (i,) = members[g]
            out[first[i]][1].add(g)
    owned = {g: b for b, (_, gs) in enumerate(out) for g in gs}
    labels: list[set[tuple]] = [set() for _ in out]
    for lb in parent:
        if root(lb) in owned:
            labels[owned[root(lb)]].add(lb)
    return [(sorted(arts), labels[b]) for b, (arts, _) in enumerate(out) if arts]


@dataclass
class Slim:
    """What a batch's check needs of an article besides its analysis: its path and keys."""

    path: str
    keys: dict[str, list]


def _batched(rules: list[Rule], kb: Knowledge, analyses: list, seconds: float, load, pool=None
             ) -> dict[str, tuple[list[Finding] | FileError, RuleState | None, int]]:
    """_full for each rule, over the whole corpus a batch at a time, every rule on one batch's
    articles while they are loaded (in `pool`'s processes, when given: pool(check_batch, tasks)
    yields check_batch(loaded articles, kb, payload) for each (paths, payload) task, in order, or
    None where it could not load them).  A batch keeps a rule's findings whose keys all lie in
    partitions it holds whole; the other articles' findings come from their own batch.  A finding
    whose partition is unclear, or a batch that would unify unknown names differently from the
    corpus, sends that rule to one check over the whole corpus (_full), as before."""
    if not rules:
        return {}
    if sum(not hasattr(a, "doc") for a in analyses) <= BATCH:  # few to load (or all in memory): one check
        return {rule.id: _full(rule, kb, analyses, seconds, load) for rule in rules}
    names = {rule.id: _names(analyses, rule) for rule in rules}
    ids = [rule.id for rule in rules]
    tasks, subsets = [], []
    for batch, labels in _batches(rules, analyses, names, BATCH):
        subset = [analyses[i] for i in batch]
        used = {k[1] for a in subset for rid in ids for _, k in a.keys[rid] if k[0] == UNIFIED}
        sub_names = {rid: {n: t for n, t in names[rid].items() if n in used} for rid in ids}
        slim = [Slim(a.path, {rid: a.keys[rid] for rid in ids}) for a in subset]
        tasks.append(([a.path for a in subset], (slim, ids, sub_names, labels, seconds)))
        subsets.append(subset)
    results = pool(check_batch, tasks) if pool is not None else (None for _ in tasks)
    kept: dict[str, list[tuple[set[Key], Finding]]] = {rid: [] for rid in ids}
    done: dict[str, FileError | None] = {}  # a rule that failed (its error), or fell back (None)
    for (_, payload), subset, got in zip(tasks, subsets, results):
        if got is None:  # here, then: the pool could not load these articles
            got = check_batch(load(subset, False), kb, payload)
        for rid in ids:
            if rid in done:
                continue
            what, value = got[rid]
            if what == "ok":
                kept[rid] += value
            else:
                done[rid] = value
    out = {}
    for rule in rules:
        if rule.id in done:
            failed = done[rule.id]
            out[rule.id] = (failed, None, len(analyses)) if failed is not None else _full(rule, kb, analyses, seconds, load)
        else:
            out[rule.id] = ([f for _, f in kept[rule.id]], _state(analyses, rule, names[rule.id], kept[rule.id]), len(analyses))
    return out


def check_batch(loaded: list[Analysis], kb: Knowledge, payload) -> dict[str, tuple[str, object]]:
    """One batch of _batched, by rule id: ("ok", its kept findings with their keys), ("failed", the
    rule's error) or ("fallback", None).  A pure function of its arguments, run in any process."""
    subset, ids, names, labels, seconds = payload
    by_id = {rule.id: rule for rule in kb.rules}
    ctx = None
    out: dict[str, tuple[str, object]] = {}
    for rid in ids:
        rule = by_id[rid]
        own = {k for a in subset for k in _doc_keys(a, rule, names[rid]) if _label(k, names[rid]) in labels}
        try:
            _same_unification(subset, rule, names[rid], own)
            if ctx is None:
                ctx = Context(loaded, kb)
            result = _guarded_run(ctx, rule, "corpus", seconds)
            if isinstance(result, FileError):
                out[rid] = ("failed", result)
                continue
            out[rid] = ("ok", _owned(result, _positions(subset, rule, names[rid]), own))
        except _Fallback:
            out[rid] = ("fallback", None)
    return out
