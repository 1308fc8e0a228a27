#!/usr/bin/env python3
"""Time growth of each per-document stage on adversarial articles of 10 KB,
100 KB and 1 MB (issue 11): CPU seconds per stage and the growth ratio from
100 KB to 1 MB (linear: ~10, quadratic: ~100).  A stage over the cap is
stopped by the same CPU budget lint uses and shown as '>CAP'.

    python benchmarks/bench_growth.py [--cap 60] [--sizes 10000,100000,1000000]
"""
from __future__ import annotations

import argparse
import time

from factlint import ingest
from factlint.extract import extract
from factlint.guard import TooSlow, budget
from factlint.knowledge import Knowledge
from factlint.pipeline import Analysis, check
from factlint.resolve import resolve

UNITS = {
    "money run": ("$1 billion ", "txt"),
    "dense prose": ("Harbor Kinetics reported revenue of $120 million for 2024, up 12% from $107 million. ", "txt"),
    "dots": (".", "txt"),
    "capitalised words": ("Alpha Beta Gamma Delta ", "txt"),
    "unclosed comments": ("<!--", "html"),
    "unclosed tags": ("<a ", "html"),
    "dates": ("On May 11th, 2026, nine days later, ", "txt"),
}


def timed(fn, cap: float):
    t = time.process_time()
    try:
        with budget(cap):
            out = fn()
    except TooSlow:
        return None, None
    return out, time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cap", type=float, default=60.0)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    kb = Knowledge.load()
    print(f"{'input':<20} {'stage':<8} " + " ".join(f"{s // 1000:>8} KB" for s in sizes) + "   growth")
    for name, (unit, kind) in UNITS.items():
        rows: dict[str, list[float | None]] = {"ingest": [], "extract": [], "resolve": [], "check": []}
        for n in sizes:
            raw = (unit * (n // len(unit) + 1))[:n]
            doc, t = timed(lambda: ingest.parse(raw, f"x.{kind}", kind), args.cap)
            rows["ingest"].append(t)
            mentions, t = timed(lambda: extract(doc), args.cap) if doc else (None, None)
            rows["extract"].append(t)
            claims, t = timed(lambda: resolve(doc, mentions, kb), args.cap) if mentions is not None else (None, None)
            rows["resolve"].append(t)
            _, t = timed(lambda: check([Analysis(doc, mentions, claims)], kb), args.cap) if claims is not None else (None, None)
            rows["check"].append(t)
        for k, (stage, ts) in enumerate(rows.items()):
            before = list(rows.values())[k - 1] if k else [0.0] * len(ts)
            cells = " ".join(f"{t:>10.3f}" if t is not None else f"{'>' + str(int(args.cap)) if b is not None else '-':>10}"
                             for t, b in zip(ts, before))
            g = f"{ts[-1] / max(ts[-2], 1e-4):6.1f}x" if None not in ts[-2:] else "     -"
            print(f"{name:<20} {stage:<8} {cells}   {g}")


if __name__ == "__main__":
    main()
