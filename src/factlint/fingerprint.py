"""Stable finding fingerprints for baselines, waivers and SARIF.

A fingerprint must not move when lines are inserted above a claim, when
files are checked in another order, or on another machine.  So it hashes
what the finding is about, never where: rule id, entity, metric, period,
and for each claim the file's base name and the claim's normalised text.
"""
from __future__ import annotations

import hashlib
import unicodedata

from .models import Finding


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


def fingerprint(f: Finding) -> str:
    parts = sorted(f"{c.doc.replace(chr(92), '/').rsplit('/', 1)[-1]}|{_norm(c.text)}" for c in f.claims)
    key = "\x1f".join([f.rule, f.entity or "", f.metric or "", f.period or "", *parts])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
