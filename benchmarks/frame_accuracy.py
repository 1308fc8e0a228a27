"""Slot accuracy of the claim reader on the frame gold (tests/data/framegold/frames.jsonl).

Each gold line is one figure of a dev-corpus article with its expected actor, property,
period, status and role, labelled by a helper who had not read the code.  A figure's reading
is the claim whose span covers the gold quote's first figure.  Slots are compared loosely
where wording varies (actor by name similarity, property by shared lemmas) and exactly where
it does not (status, role, period).

    python benchmarks/frame_accuracy.py [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factlint import ingest  # noqa: E402
from factlint.knowledge import Knowledge  # noqa: E402
from factlint.pipeline import analyse  # noqa: E402
from factlint.resolve.phrases import lemma  # noqa: E402

GOLD = ROOT / "tests" / "data" / "framegold" / "frames.jsonl"
DATA = ROOT / "tests" / "data"
ROLE = {"level": "level", "total": "level", "part": "level", "new": "new", "previous": "previous", "base": "base",
        "change": "change", "share": "share", "equivalent": "equivalent", "difference": "change"}


def _norm(s: str | None) -> str:
    return re.sub(r"[^a-z0-9 ]+", " ", (s or "").casefold()).strip()


def _lemmas(s: str | None) -> set[str]:
    return {lemma(w) for w in _norm(s).split() if len(w) > 2}


def _period(label: str | None) -> str:
    return (label or "").split("..")[0].strip()


def score(kb: Knowledge | None = None) -> dict:
    kb = kb or Knowledge.load()
    rows = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    cache: dict[str, object] = {}
    hits: Counter = Counter()
    totals: Counter = Counter()
    for g in rows:
        path = DATA / g["doc"]
        if g["doc"] not in cache:
            cache[g["doc"]] = analyse(ingest.read(path), kb)
        a = cache[g["doc"]]
        start = a.doc.raw.find(g["quote"])
        claim = next((c for c in a.claims if c.mention.file_start <= start < c.mention.file_end
                      or start <= c.mention.file_start < start + len(g["quote"])), None)
        totals["figures"] += 1
        if claim is None:
            continue
        hits["figures"] += 1
        em = kb.entity_matcher
        if g.get("actor"):
            totals["actor"] += 1
            name = em.display(claim.entity) if claim.entity else ""
            hits["actor"] += fuzz.token_set_ratio(_norm(name), _norm(g["actor"])) >= 80
        if g.get("property"):
            totals["property"] += 1
            said = " ".join(filter(None, [claim.metric and claim.metric.lstrip("~").replace("_", " ").replace("-", " "),
                                          kb.metric_by_id[claim.metric].name if claim.metric in kb.metric_by_id else "",
                                          claim.frame.property.value if claim.frame else ""]))
            hits["property"] += bool(_lemmas(said) & _lemmas(g["property"]))
        totals["period"] += 1
        gold_period = (g.get("period") or "").split(" ")[0]
        ours = _period(claim.period.label if claim.period else "")
        hits["period"] += (not gold_period and not ours) or (bool(gold_period) and ours.startswith(gold_period[:7]))
        totals["status"] += 1
        hits["status"] += claim.status == g.get("status", "fact")
        totals["role"] += 1
        ours_role = (claim.frame.role.value if claim.frame and claim.frame.role.value else claim.role) or "level"
        hits["role"] += ROLE.get(g.get("role", "level"), "level") == ROLE.get(ours_role, ours_role)
    return {k: {"correct": hits[k], "of": totals[k], "accuracy": round(hits[k] / totals[k], 3) if totals[k] else None}
            for k in ("figures", "actor", "property", "period", "status", "role")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = score()
    if args.json:
        print(json.dumps(result, indent=1))
        return
    for k, v in result.items():
        print(f"{k:<9} {v['correct']:>4}/{v['of']:<4} {v['accuracy']}")


if __name__ == "__main__":
    main()
