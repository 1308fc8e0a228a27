"""Stable finding fingerprints for baselines, waivers and SARIF.

A fingerprint must not move when lines are inserted above a claim, when
files are checked in another order or on another machine, when a folder is
moved, or when another article repeats a figure already in the finding.  So
it hashes what the finding is about, never where or how often: rule id,
entity, metric, period and the set of distinct values the claims give
(unit and value; the normalised text for figures without a value).  A
finding across the corpus (a value conflict, a revision) is the same
finding whichever articles carry its values; a finding inside articles
(arithmetic, a conversion, a date) also names their base names, so the same
slip in two articles is two findings.
"""
from __future__ import annotations

import hashlib
import unicodedata

from .models import ClaimRef, Finding

ALGORITHM = "factlint/v2"
CORPUS_KINDS = frozenset({"value-conflict", "revision"})  # one finding per subject across all articles


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


def _base(doc: str) -> str:
    return doc.replace("\\", "/").rsplit("/", 1)[-1]


def value_key(c: ClaimRef) -> str:
    """What a claim says, however it is written: '$0.15 billion' and '$150 million' are one value."""
    if c.value is None:
        return "text|" + _norm(c.text)
    return f"{c.unit or ''}|{c.value:.6g}"


def subject(f: Finding) -> tuple[str, str, str, str]:
    return (f.rule, f.entity or "", f.metric or "", f.period or "")


def _hash(parts: list[str]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def fingerprint(f: Finding) -> str:
    values = sorted({value_key(c) for c in f.claims})
    where = [] if f.kind in CORPUS_KINDS else sorted({"@" + _base(c.doc) for c in f.claims})
    return _hash([*subject(f), *values, *where])


def values_id(subject: tuple[str, ...], keys) -> str:
    """A subject and its distinct value keys, without file names: how a renamed article's finding is still recognised."""
    return _hash([*subject, *sorted(set(keys))])


def fingerprint_v1(f: Finding) -> str:
    """The version-1 fingerprint (every claim by base name and text), to read version-1 baselines."""
    parts = sorted(f"{_base(c.doc)}|{_norm(c.text)}" for c in f.claims)
    return _hash([*subject(f), *parts])
