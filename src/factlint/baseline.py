"""Baselines: accepted findings, so that CI fails only on new ones.

News copy repeats figures.  So a baseline does not record a finding's whole
group of claims (which grows with every copy) but what was accepted: the
finding's subject (rule, entity, metric, period) and its distinct values,
each with the interval it was read as and the articles that gave it.  A
finding of the current run is *unchanged* when

1. its fingerprint (`factlint.fingerprint`) is an accepted one, or
2. it gives the same values as an accepted finding whose articles are no
   longer checked under their old names (renamed), or
3. for a finding across the corpus (a value conflict, a revision), every
   one of its claims agrees with a value accepted for the same subject.

So an article repeating either side of an accepted conflict, the correct
figure or the wrong one, changes nothing; an article giving a third value
that conflicts makes the finding *new*, names that value and leads with
its claim (the accepted entry it grew from is then not *fixed*).  An
accepted finding no current finding matches is *fixed*.  Entries are used once each,
so a second article with the same arithmetic slip is new.

File paths in a baseline are relative to the repository holding it (else
to its folder), with forward slashes, so a runner's workspace path never
gets in.  Version-1 baselines (one
fingerprint over every claim) are still read and matched by that fingerprint.
"""
from __future__ import annotations

import json
import math
import os
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import messages
from .fingerprint import ALGORITHM as FP_ALGORITHM, CORPUS_KINDS, fingerprint, fingerprint_v1, subject, value_key, values_id
from .models import ClaimRef, Finding, Report

VERSION = 2
READS = (1, 2)
ALGORITHM = (f"{FP_ALGORITHM}: sha256(rule, entity, metric, period, sorted distinct values as unit|value "
             "[, sorted @basename for findings inside articles])[:32]")


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names the file."""


class Value(BaseModel):
    """One accepted value: how it was read, its interval (null = open) and where it was given."""

    key: str
    text: str
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    docs: list[str] = []


class Entry(BaseModel):
    fingerprint: str
    rule: str
    kind: str = ""
    entity: str | None = None
    metric: str | None = None
    period: str | None = None
    message: str = ""
    docs: list[str] = []
    values: list[Value] = []  # empty in version-1 baselines

    def subject(self) -> tuple[str, str, str, str]:
        return (self.rule, self.entity or "", self.metric or "", self.period or "")


class Baseline(BaseModel):
    version: int
    algorithm: str = ALGORITHM
    findings: list[Entry]


def fp(f: Finding) -> str:
    return f.fingerprint or fingerprint(f)


def rel(doc: str, root: Path | None = None) -> str:
    """`doc` relative to `root` (default: the working directory), forward slashes.  abspath, not
    resolve(): no symlink walk per file on a large corpus."""
    base = os.path.abspath(root or os.getcwd())
    try:
        return Path(os.path.relpath(os.path.abspath(doc.replace("\\", "/")), base)).as_posix()
    except ValueError:  # another drive on Windows
        return doc.replace("\\", "/")


def _interval(c: ClaimRef) -> tuple[float, float]:
    if c.low is None and c.high is None:
        v = c.value if c.value is not None else math.nan
        return v, v
    return (-math.inf if c.low is None else c.low), (math.inf if c.high is None else c.high)


def _values(f: Finding, root: Path | None) -> list[Value]:
    groups: dict[str, list[ClaimRef]] = defaultdict(list)
    for c in f.claims:
        groups[value_key(c)].append(c)
    out = []
    for key in sorted(groups):
        cs = groups[key]
        lo = min(_interval(c)[0] for c in cs)
        hi = max(_interval(c)[1] for c in cs)
        out.append(Value(key=key, text=messages.value_text(cs[0]) or " ".join(cs[0].text.split()), unit=cs[0].unit,
                         low=lo if math.isfinite(lo) else None, high=hi if math.isfinite(hi) else None,
                         docs=sorted({rel(c.doc, root) for c in cs})))
    return out


def entry(f: Finding, root: Path | None = None) -> Entry:
    return Entry(fingerprint=fp(f), rule=f.rule, kind=f.kind, entity=f.entity, metric=f.metric, period=f.period,
                 message=f.message, docs=sorted({rel(c.doc, root) for c in f.claims}), values=_values(f, root))


def _entry_key(e: Entry) -> tuple:
    return (e.fingerprint, e.rule, e.message, e.docs)


def dumps(report: Report, root: Path | None = None) -> str:
    entries = sorted((entry(f, root) for f in report.findings), key=_entry_key)
    data = {"version": VERSION, "algorithm": ALGORITHM, "findings": [e.model_dump() for e in entries]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def root_of(path: str | Path) -> Path:
    """What a baseline's paths are relative to: the repository holding it (the nearest folder
    above it with a .git), else its own folder."""
    here = Path(os.path.abspath(path)).parent
    return next((d for d in (here, *here.parents) if (d / ".git").exists()), here)


def write(report: Report, path: str | Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dumps(report, root_of(path)), encoding="utf-8", newline="\n")
    tmp.replace(path)  # never leave a half-written baseline behind


def load(path: str | Path) -> Baseline:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a factlint baseline (invalid JSON: {exc})") from exc
    if not isinstance(data, dict) or data.get("version") not in READS:
        found = data.get("version") if isinstance(data, dict) else None
        raise BaselineError(f"{path}: unsupported baseline version {found!r} (expected {VERSION}); rewrite it with `factlint baseline write`")
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise BaselineError(f"{path}: invalid baseline at {where}: {first['msg']}") from exc


class _Accepted:
    """Accepted values, indexed so that 'does this claim give one of them' costs a set lookup and a
    binary search: per unit, values sorted by low end with the running maximum of their high ends."""

    def __init__(self, values: list[Value]):
        self.keys = {v.key for v in values}
        by_unit: dict[str | None, list[tuple[float, float]]] = defaultdict(list)
        for v in values:
            by_unit[v.unit or None].append((-math.inf if v.low is None else v.low, math.inf if v.high is None else v.high))
        self.lows: dict[str | None, list[float]] = {}
        self.reach: dict[str | None, list[float]] = {}
        for unit, spans in by_unit.items():
            spans.sort()
            self.lows[unit] = [lo for lo, _ in spans]
            self.reach[unit] = list(accumulate((hi for _, hi in spans), max))

    def agrees(self, c: ClaimRef) -> bool:
        """The claim gives an accepted value: the same one, or an interval meeting one in the same unit."""
        if value_key(c) in self.keys:
            return True
        unit = c.unit or None
        if c.value is None or unit not in self.lows:
            return False
        lo, hi = _interval(c)
        n = bisect_right(self.lows[unit], hi)  # accepted values starting at or below the claim's high end
        return n > 0 and self.reach[unit][n - 1] >= lo


@dataclass
class Comparison:
    """The current findings against a baseline."""

    file: str  # the baseline as people name it
    new: list[Finding]
    unchanged: list[Finding]
    fixed: list[Entry]
    new_values: dict[int, list[str]] = field(default_factory=dict)  # id(new finding) -> values no accepted finding gives

    def __post_init__(self) -> None:
        self._new = {id(f) for f in self.new}

    def state(self, f: Finding) -> str:
        return "new" if id(f) in self._new else "unchanged"

    def summary(self) -> str:
        return f"{len(self.new)} new, {len(self.unchanged)} unchanged, {len(self.fixed)} fixed"

    def fixed_lines(self) -> list[str]:
        """Which accepted findings are fixed: '[rule] message (docs)'."""
        return [f"[{e.rule}] {e.message} ({', '.join(e.docs)})" for e in self.fixed]

    def as_json(self) -> dict:
        brief = lambda f: {"fingerprint": fp(f), "rule": f.rule, "message": f.message}  # noqa: E731
        return {
            "file": self.file,
            "new": len(self.new),
            "unchanged": [brief(f) for f in self.unchanged],
            "fixed": [e.model_dump(mode="json") for e in self.fixed],
        }


def compare(report: Report, baseline: Baseline, root: Path | None = None, file: str = "",
            involved: Callable[[Path], bool] | None = None) -> Comparison:
    """Classify the report's findings as new or unchanged, and the baseline's
    entries no finding matched as fixed.  `root` is what entry paths are
    relative to (`root_of` the baseline file); with `involved`, only entries naming an
    article it accepts (an absolute path) can be fixed: a run over changed
    articles says nothing about the others."""
    root = Path(os.path.abspath(root or os.getcwd()))
    entries = sorted(baseline.findings, key=_entry_key)
    used = [False] * len(entries)
    findings = sorted(report.findings, key=Finding.sort_key)
    matched = [False] * len(findings)

    def take(k: int, candidates, ok=lambda e: True) -> None:
        for i in candidates:
            if not used[i] and ok(entries[i]):
                used[i] = matched[k] = True
                return

    by_fp: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        by_fp[e.fingerprint].append(i)
    v1 = baseline.version == 1
    for k, f in enumerate(findings):
        take(k, by_fp.get(fingerprint_v1(f) if v1 else fp(f), ()))
    checked = {rel(d, root) for d in report.documents}
    by_values: dict[str, list[int]] = defaultdict(list)
    by_subject: dict[tuple, list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        if e.values:
            by_values[values_id(e.subject(), (v.key for v in e.values))].append(i)
            by_subject[e.subject()].append(i)
    index: dict[int, _Accepted] = {}  # per entry, built when first needed
    union: dict[tuple, _Accepted] = {}  # per subject

    def accepted(i: int) -> _Accepted:
        if i not in index:
            index[i] = _Accepted(entries[i].values)
        return index[i]

    new_values: dict[int, list[str]] = {}
    for k, f in enumerate(findings):
        if matched[k] or v1:
            continue
        # The same values from articles no longer checked under their old names: renamed articles.
        take(k, by_values.get(values_id(subject(f), (value_key(c) for c in f.claims)), ()), lambda e: not checked.intersection(e.docs))
        if matched[k] or f.kind not in CORPUS_KINDS:
            continue
        same = by_subject.get(subject(f), [])
        take(k, (i for i in same if not used[i] and all(accepted(i).agrees(c) for c in f.claims)))
        if not matched[k] and same:
            # The accepted conflict is still there, with a value more: not fixed, and the finding is new.
            for i in same:
                if not used[i] and any(accepted(i).agrees(c) for c in f.claims):
                    used[i] = True
            if subject(f) not in union:
                union[subject(f)] = _Accepted([v for i in same for v in entries[i].values])
            fresh = [c for c in f.claims if not union[subject(f)].agrees(c)]
            # Annotate the claim that brings the new value (in a changed article, when only those are looked at).
            lead = next((c for c in fresh if involved is None or involved(Path(os.path.abspath(c.doc)))), None)
            if lead is not None and lead is not f.claims[0]:
                f = findings[k] = f.model_copy(update={"claims": [lead, *(c for c in f.claims if c is not lead)]})
            new_values[id(f)] = list(dict.fromkeys(messages.value_text(c) or c.text for c in fresh))
    fixed = [e for i, e in enumerate(entries) if not used[i]
             and (involved is None or any(involved(root / d) for d in e.docs))]
    new = sorted((f for k, f in enumerate(findings) if not matched[k]), key=Finding.sort_key)
    unchanged = [f for k, f in enumerate(findings) if matched[k]]
    return Comparison(file or rel(str(root)), new, unchanged, fixed, new_values)
