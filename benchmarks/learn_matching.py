"""Fit the matching weights (rules/lexicon/matching.toml) on labelled pairs.

Pairs come from the frame gold (tests/data/framegold/frames.jsonl): two figures of one
partition (same root entity and unit class; not of one sentence) that no constraint keeps apart are a
positive pair when the labeller gave them the same actor, thing, property and status family
(the period is the agreement check's business), a negative one otherwise.  The
features are check/matching.features of the two descriptions (never the values).  A logistic
regression with L2 is fitted by gradient descent (deterministic), and the weights are written
back with --write.

    python benchmarks/learn_matching.py [--write]
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factlint import ingest  # noqa: E402
from factlint.check.grouping import unit_class as _unit_class  # noqa: E402
from factlint.check.matching import FAMILY, cannot_link, describe, features  # noqa: E402
from factlint.knowledge import Knowledge  # noqa: E402
from factlint.pipeline import analyse  # noqa: E402

GOLD = ROOT / "tests" / "data" / "framegold" / "frames.jsonl"
OUT = ROOT / "rules" / "lexicon" / "matching.toml"


def pairs(kb: Knowledge) -> list[tuple[dict[str, float], int]]:
    rows = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    cache: dict[str, object] = {}
    found = []
    for g in rows:
        if g["doc"] not in cache:
            cache[g["doc"]] = analyse(ingest.read(ROOT / "tests" / "data" / g["doc"]), kb)
        a = cache[g["doc"]]
        start = a.doc.raw.find(g["quote"])
        c = next((c for c in a.claims if c.mention.file_start <= start < c.mention.file_end
                  or start <= c.mention.file_start < start + len(g["quote"])), None)
        if c is not None and c.entity and c.metric:
            found.append((g, c))
    out = []
    for (g1, c1), (g2, c2) in combinations(found, 2):
        if c1.entity != c2.entity or _unit_class(c1) != _unit_class(c2) or (
                g1["doc"] == g2["doc"] and c1.sentence_start == c2.sentence_start):
            continue
        d1, d2 = describe(c1, kb), describe(c2, kb)
        if cannot_link(d1, d2, kb):
            continue
        out.append((features(d1, d2), int(_what(g1) == _what(g2))))
    return out


def _what(g: dict) -> tuple:
    """The labelled fact without its period: matching decides what a figure is about, the
    agreement check then buckets by period."""
    norm = lambda s: " ".join((s or "").casefold().replace("-", " ").split())  # noqa: E731
    return norm(g.get("actor")), norm(g.get("thing")), norm(g.get("property")), FAMILY.get(g.get("status", "fact"))


def fit(data, l2: float = 0.05, rate: float = 0.5, steps: int = 3000) -> tuple[dict[str, float], float]:
    names = sorted(data[0][0])
    w = {k: 0.0 for k in names}
    b = 0.0
    n = len(data)
    for _ in range(steps):
        gw = {k: 0.0 for k in names}
        gb = 0.0
        for x, y in data:
            z = b + sum(w[k] * x[k] for k in names)
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            for k in names:
                gw[k] += (p - y) * x[k]
            gb += p - y
        for k in names:
            w[k] -= rate * (gw[k] / n + l2 * w[k])
        b -= rate * gb / n
    return w, b


def accuracy(data, w, b, threshold=0.5) -> float:
    ok = 0
    for x, y in data:
        z = b + sum(w[k] * x[k] for k in w)
        ok += (1 / (1 + math.exp(-z)) >= threshold) == bool(y)
    return ok / len(data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write the weights to rules/lexicon/matching.toml")
    args = ap.parse_args()
    kb = Knowledge.load()
    data = pairs(kb)
    positives = sum(y for _, y in data)
    w, b = fit(data)
    print(f"{len(data)} labelled pairs ({positives} same fact); training accuracy {accuracy(data, w, b):.3f}")
    print("weights:", {k: round(v, 3) for k, v in w.items()}, "bias", round(b, 3))
    if args.write:
        text = OUT.read_text(encoding="utf-8")
        head = text.split("bias =")[0]
        body = (f"bias = {b:.3f}\nthreshold = {kb.matching.threshold}\n"
                f"frame_confidence = {kb.matching.frame_confidence}\n"
                f"trained_on = \"{len(data)} labelled pairs of tests/data/framegold ({positives} same fact), "
                f"training accuracy {accuracy(data, w, b):.3f}\"\n\n[weights]\n"
                + "".join(f"{k} = {v:.3f}\n" for k, v in sorted(w.items())))
        OUT.write_text(head + body, encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
