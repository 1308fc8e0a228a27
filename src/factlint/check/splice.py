"""An edited, new, deleted or renamed article against the last run's record (store_record.py):
the partitions it touches are re-checked and its findings spliced into the stored output,
without reading or decoding the rest of the corpus's findings or per-article records.

A whole run with the store keeps the record (`record`, from checking.check): every finding's
JSON text as `lint --format json` prints it, its place in the output's total order, the article
whose per-article stage found it or the partition keys of a cross-article one, and each
article's partition keys indexed by key.  `edit` then follows check/incremental._partial, with
the articles of a touched key found by the index and the old findings of a touched partition
by theirs: the result is the output of a whole run, byte for byte.

It declines (None: the whole run goes as before, and keeps a new record) whenever that could be
in doubt: an error anywhere, a factlint-ignore comment, more than MAX_CHANGED articles changed,
a rule without partition keys, or a finding whose partition incremental._partial cannot settle.
"""
from __future__ import annotations

import json
import struct
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..models import FileError, Finding
from . import incremental as inc
from . import partitions
from .engine import Context, plan
from .partitions import UNIFIED

if TYPE_CHECKING:
    from ..knowledge import Knowledge
    from ..store import Store

MAX_CHANGED = 64  # more changed articles than this: the whole run, which batches them


def order(f: Finding) -> bytes:
    """checking._total_order's key as bytes that compare the same way (SQLite compares BLOBs as memcmp)."""
    out = bytearray()
    for part in (*f.sort_key(), f.fingerprint, f.model_dump_json()):
        if isinstance(part, int):
            out += struct.pack(">Q", part + (1 << 63))
        else:  # UTF-8 keeps code point order; NUL escaped, then a terminator below every byte
            out += part.encode("utf-8", "surrogatepass").replace(b"\0", b"\0\1") + b"\0\0"
    return bytes(out)


def fragment(f: Finding) -> str:
    """The finding as report/json_out.lint_json prints it inside the findings list (no baseline)."""
    from .. import messages

    data = f.model_dump(mode="json")
    data["values"] = messages.values(f)
    return "    " + json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2).replace("\n", "\n    ")


def _enc(key) -> str:
    return json.dumps(list(key), ensure_ascii=False)


def _ignores(a) -> bool:
    return a.ignores if hasattr(a, "ignores") else "factlint-ignore" in a.doc.raw


def _unknown(keys) -> set[str]:
    return {k[1] for k in keys if k[0] == UNIFIED and k[1].startswith("~")}


def record(store: Store, rules: str, analyses: list, kb: Knowledge, state, errors: list[FileError]) -> None:
    """Keep this whole run's findings and keys (`state`: incremental.run's), or forget the record
    when they could not be spliced later."""
    corpus_rules = [rule for rule, scope in plan(kb) if scope == "corpus"]
    if (errors or any(_ignores(a) for a in analyses) or not analyses
            or any(state.rules.get(rule.id) is None for rule in corpus_rules)):
        store.drop_record()
        return
    index = store._index()
    if any(a.path not in index for a in analyses):
        store.drop_record()
        return
    ids = [rule.id for rule in corpus_rules]
    docs = [(a.path, a.sha, index[a.path][0]) for a in analyses]
    keys, names = [], {}
    for a in analyses:
        for rid in ids:
            raw = {tuple(k) for _, k in a.keys[rid]}
            keys += [(rid, _enc(k), a.path) for k in sorted(raw)]
            for n in _unknown(raw):
                names[(rid, n)] = names.get((rid, n), 0) + 1

    def findings() -> Iterator[tuple]:
        enabled = [rule.id for rule in kb.rules if rule.enabled]
        for a in analyses:
            for rid in enabled:
                for f in a.checks.get(rid, ()):
                    yield order(f), a.path, rid, f.severity.rank, fragment(f), []
        for rid in ids:
            for fkeys, f in state.rules[rid].findings:
                yield order(f), "", rid, f.severity.rank, fragment(f), [(rid, _enc(k)) for k in fkeys]

    store.save_record(rules, docs, keys, names, findings())


class _Decline(Exception):
    pass


def edit(store: Store, files: list, kb: Knowledge, budget: float, rules: str, threshold: int | None
         ) -> tuple[list[str], bool] | None:
    """The output of `lint --format json` over `files` (paths with their stamps) and whether a finding
    reaches `threshold` (a severity rank; None: never fails), from the record and the changed
    articles alone; None to decline."""
    import sqlite3

    from ..store_runs import _Damaged

    if store.db is None or store.record_rules() != rules:
        return None
    try:
        return _edit(store, files, kb, budget, rules, threshold)
    except (_Decline, inc._Fallback):
        return None
    except (sqlite3.Error, _Damaged, ValueError) as exc:
        store._fail(exc)  # the whole run then goes on without the store, and says so
        return None


def _edit(store: Store, files: list[tuple[str, object, str]], kb: Knowledge, budget: float, rules: str, threshold):
    from .. import ingest
    from ..store import sha
    from ..store_record import Delta

    rec = store.record_docs()
    delta = Delta()
    changed: dict = {}  # path -> its new Analysis
    touched_stamps = []
    for name, path, st in files:
        old = rec.get(name)
        if old is not None and old[1] == st:
            continue
        if old is not None and store.fresh(name, st, kb.digest) and store.content_sha(name) == old[0]:
            delta.docs[name] = (old[0], st)  # a fresh checkout the replay (runkey.run_key) has hashed already
            continue
        if len(changed) >= MAX_CHANGED:
            raise _Decline
        try:
            doc = ingest.read(path)
        except ingest.IngestError:
            raise _Decline from None
        if old is not None and old[0] == sha(doc.raw):
            delta.docs[name] = (old[0], st)
            if store.article_sha(name) == old[0]:  # not a later reading of other content (a --changed run's)
                touched_stamps.append((name, st))
            continue
        changed[name] = (doc, st)
    present = {name for name, _, _ in files}
    gone = [p for p in rec if p not in present]
    if len(changed) + len(gone) > MAX_CHANGED or not present:
        raise _Decline
    fresh = {name: _analysed(store, doc, st, kb, budget, rules) for name, (doc, st) in changed.items()}
    store.touch_many(touched_stamps)
    ids = [rule.id for rule, scope in plan(kb) if scope == "corpus"]
    old_keys: dict[str, dict[str, set]] = {}
    for p in [*changed, *gone]:
        old_keys[p] = {}
        for rid, k in store.keys_of(p):
            old_keys[p].setdefault(rid, set()).add(tuple(json.loads(k)))
    new_keys = {p: {rid: {tuple(k) for _, k in a.keys[rid]} for rid in ids} for p, a in fresh.items()}
    for p in changed:
        delta.docs[p] = (fresh[p].sha, changed[p][1])
        delta.keys[p] = [(rid, _enc(k)) for rid in ids for k in sorted(new_keys[p][rid])]
    for p in gone:
        delta.docs[p], delta.keys[p] = None, []
    seconds = budget * (len(present) + 10) if budget > 0 else 0.0
    loaded: dict[str, object] = {}
    for rule, scope in plan(kb):
        if scope == "corpus":
            if not partitions.partitioned(rule):
                raise _Decline
            _rule(store, rule, kb, fresh, old_keys, new_keys, gone, rec, rules, loaded, seconds, delta)
    enabled = [rule.id for rule in kb.rules if rule.enabled]
    for p in [*changed, *gone]:
        delta.drop |= set(store.findings_of(p))
    for p, a in fresh.items():
        for rid in enabled:
            for f in a.checks.get(rid, ()):
                delta.add.append((order(f), p, rid, f.severity.rank, fragment(f), []))
    if not store.apply(delta):
        return None
    failing = threshold is not None and store.failing(threshold)
    return _output(store, sorted(present)), failing


def _analysed(store: Store, doc, st: str, kb: Knowledge, budget: float, rules: str):
    """The changed article's analysis and per-article stage, stored as a whole run stores them."""
    from ..check.engine import run_document
    from ..pipeline import Analysis
    from ..workers import analyse_all

    hit = store.get(doc, kb.digest)
    if hit is not None:
        a = Analysis(doc, *hit)
    else:
        a = analyse_all([doc], kb, 1, budget)[0]
        if isinstance(a, FileError):
            raise _Decline
        store.put_many([(a.doc, a.mentions, a.claims, st)], kb.digest)
    a.checks, a.keys = run_document(a, kb, budget), partitions.document_keys(a, kb)
    if a.errors() or _ignores(a) or any(isinstance(r, FileError) for r in a.checks.values()):
        raise _Decline
    store.put_checks([(a.path, a.sha, a.stored())], rules)
    if store.db is None:
        raise _Decline
    return a


def _rule(store: Store, rule, kb, fresh, old_keys, new_keys, gone, rec, rules, loaded, seconds, delta) -> None:
    """incremental._partial for one rule, over the record's indexes."""
    from .unknown_names import Mapping, Names

    rid = rule.id
    change: dict[str, int] = {}
    for p in [*fresh, *gone]:
        for n in _unknown(old_keys[p].get(rid, ())):
            change[n] = change.get(n, 0) - 1
        for n in _unknown(new_keys.get(p, {}).get(rid, ())):
            change[n] = change.get(n, 0) + 1
    for n, dn in change.items():
        delta.names[(rid, n)] = delta.names.get((rid, n), 0) + dn
    unified = Names(store, rid, change)
    was, names = Mapping(unified, False), Mapping(unified, True)
    touched: set = set()
    for p in [*fresh, *gone]:
        touched |= {partitions.mapped(k, was) for k in old_keys[p].get(rid, ())}
        touched |= {partitions.mapped(k, names) for k in new_keys.get(p, {}).get(rid, ())}
    for n, old, new in unified.moved():
        touched |= {(UNIFIED, n), (UNIFIED, old), (UNIFIED, new)}
    holders: set[str] = set()
    for t in touched:
        raws = [t] if t[0] != UNIFIED else [(UNIFIED, n) for n in unified.into(t[1]) | ({t[1]} if not t[1].startswith("~") else set())]
        for raw in raws:
            holders.update(store.holders(rid, _enc(raw)))
    holders -= set(fresh) | set(gone)
    subset = [_stored(store, p, rec, rules, loaded) for p in sorted(holders)]
    subset += [a for a in fresh.values() if {partitions.mapped(k, names) for _, k in a.keys[rid]} & touched]
    found: list[Finding] = []
    if subset:
        inc._same_unification(subset, rule, names, touched)
        result = inc._guarded_run(Context(subset, kb), rule, "corpus", seconds)
        if isinstance(result, FileError):
            raise _Decline
        found = result
    enc_touched = {_enc(t) for t in touched}
    old = {fid for t in sorted(enc_touched) for fid in store.findings_in(rid, t)}
    for fid in sorted(old):
        if not set(store.finding_keys(fid)) <= enc_touched:
            raise _Decline  # a finding partly in the touched partitions: the whole run settles it
    delta.drop |= old
    for keys, f in inc._owned(found, inc._positions(subset, rule, names), touched):
        delta.add.append((order(f), "", rid, f.severity.rank, fragment(f), [(rid, _enc(k)) for k in sorted(keys)]))


def _stored(store: Store, path: str, rec: dict, rules: str, loaded: dict):
    """An unchanged article of a touched partition, as the record's run saw it."""
    from ..pipeline import Analysis

    if path not in loaded:
        got = store.load(path)
        checks = store.checks_at(path, rules, rec[path][0])
        if got is None or checks is None or got[0].raw is None or store.db is None:
            raise _Decline
        a = Analysis(*got)
        if a.sha != rec[path][0]:
            raise _Decline
        a.checks, a.keys = checks[0], checks[1]
        loaded[path] = a
    return loaded[path]


def _output(store: Store, documents: list[str]) -> Iterator[str]:
    """report/json_out.lint_json's text for a report without errors, the findings copied from the
    record in pieces of 512; every text is checked against its checksum before the first is printed,
    in the same read transaction."""
    store.db.execute("BEGIN")
    try:
        count = store.check_texts()
    except BaseException:
        store.db.execute("COMMIT")
        raise
    return _pieces(store, documents, count)


def _pieces(store: Store, documents: list[str], count: int) -> Iterator[str]:
    try:
        docs = json.dumps(documents, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        yield '{\n  "documents": ' + docs + ',\n  "errors": [],\n  "findings": ' + ("[\n" if count else "[]")
        batch: list[str] = []
        done = 0
        for text in store.texts():
            batch.append(text)
            done += 1
            if len(batch) == 512 or done == count:
                yield ",\n".join(batch) + (",\n" if done < count else "\n  ]")
                batch = []
        yield ',\n  "version": 1\n}\n'
    finally:
        store.db.execute("COMMIT")
