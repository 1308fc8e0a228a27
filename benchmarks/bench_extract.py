#!/usr/bin/env python3
"""Throughput of ingest, extract (numbers, dates) and resolve, per stage.

    python benchmarks/bench_extract.py [CORPUS_DIR] [--mb 4] [--runs 5]

Builds a corpus of a few MB by repeating the articles in CORPUS_DIR
(default: the bundled seeds/), then times each stage over every article,
several runs, and prints the median: characters/s and articles/s.  Times are
this process's CPU time (one core), so other work on a shared machine does
not count against a stage.  A benchmark, not a test: numbers depend on the
machine.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

t0 = time.perf_counter()
from factlint import ingest  # noqa: E402
from factlint.extract import dates, extract, numbers  # noqa: E402
from factlint.knowledge import Knowledge  # noqa: E402
from factlint.resolve import resolve  # noqa: E402

IMPORT_S = time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "seeds"))
    ap.add_argument("--mb", type=float, default=4.0, help="corpus size to build (MB of text)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    files = ingest.discover([args.corpus])
    if not files:
        sys.exit(f"no articles under {args.corpus}")
    raws = [(f, f.read_text(encoding="utf-8")) for f in files]
    articles: list[tuple[str, str, str]] = []
    size = 0
    i = 0
    while size < args.mb * 1e6:
        f, raw = raws[i % len(raws)]
        articles.append((raw, f"{f.stem}-{i}{f.suffix}", ingest.SUFFIXES.get(f.suffix.lower(), "txt")))
        size += len(raw)
        i += 1
    kb = Knowledge.load()
    t = time.perf_counter()
    first = ingest.parse(*articles[0])
    extract(first)
    first_call = time.perf_counter() - t

    docs = [ingest.parse(*a) for a in articles]
    stages = {
        "ingest": lambda: [ingest.parse(*a) for a in articles],
        "numbers": lambda: [numbers.extract(d.text) for d in docs],
        "dates": lambda: [dates.extract(d.text, d.published) for d in docs],
        "extract (merged)": lambda: [extract(d) for d in docs],
    }
    mentions = [extract(d) for d in docs]
    stages["resolve"] = lambda: [resolve(d, m, kb) for d, m in zip(docs, mentions)]

    print(f"corpus: {len(articles)} articles, {size / 1e6:.2f} MB (from {len(files)} files in {args.corpus})")
    print(f"import: {IMPORT_S * 1000:.0f} ms; first extract call: {first_call * 1000:.0f} ms")
    print(f"{'stage':<18}{'median s':>10}{'MB/s':>10}{'articles/s':>12}")
    total = 0.0
    for name, fn in stages.items():
        times = []
        for _ in range(args.runs):
            t = time.process_time()
            fn()
            times.append(time.process_time() - t)
        med = statistics.median(times)
        if name in ("ingest", "extract (merged)", "resolve"):
            total += med
        print(f"{name:<18}{med:>10.3f}{size / 1e6 / med:>10.2f}{len(articles) / med:>12.0f}")
    print(f"{'ingest+extract+resolve':<18}{total:>6.3f}{size / 1e6 / total:>10.2f}{len(articles) / total:>12.0f}")


if __name__ == "__main__":
    main()
