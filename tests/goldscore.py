"""Scoring findings against planted discrepancies the way ../shared/eval/score.py
does: a finding matches an entry when its claims overlap at least two of the
entry's quoted spans (or the only one)."""
from __future__ import annotations

import json
from pathlib import Path

POSITIVE = {"error", "warning"}  # severities that count as reporting a discrepancy

Span = tuple[str, int, int]  # (file name, start, end)


def locate(corpus: Path, doc: str, quote: str) -> Span:
    """The span of `quote`, which must occur exactly once in corpus/doc."""
    text = (corpus / doc).read_text(encoding="utf-8")
    start = text.find(quote)
    assert start >= 0 and text.find(quote, start + 1) < 0, f"{quote!r} must occur once in {doc}"
    return doc, start, start + len(quote)


def covered(finding, spans: list[Span]) -> int:
    """How many of `spans` some claim of `finding` overlaps."""
    return sum(any(Path(c.doc).name == doc and c.start < e and s < c.end for c in finding.claims) for doc, s, e in spans)


def matches(finding, spans: list[Span]) -> bool:
    return covered(finding, spans) >= min(2, len(spans))


def load_gold(corpus: Path) -> dict:
    """corpus/gold.json with each entry's evidence located as `spans`."""
    data = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    for entry in data["findings"] + data["non_findings"]:
        entry["spans"] = [locate(corpus, x["doc"], x["quote"]) for x in entry["evidence"]]
    return data
