#!/usr/bin/env python3
"""The claim store at corpus scale: a synthetic corpus of N articles (default
10,000, built from varied sentences about many companies), then

  1. first lint (empty store),
  2. re-lint of the unchanged corpus (everything from the store),
  3. one new article checked against the corpus (`lint --against-corpus NEW`).

    python benchmarks/bench_store.py [--articles 10000] [--keep DIR]

A benchmark, not a test: numbers depend on the machine.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FACTLINT = [str(Path(sys.executable).parent / "factlint")]

COMPANIES = [f"Company{i:04d} Holdings" for i in range(2000)]
METRICS = [
    ("revenue of ${v} million", 50, 900), ("capital expenditure of ${v} billion", 1, 90),
    ("{v} million monthly active users", 1, 400), ("{v} million orders", 1, 300), ("net profit of ${v} million", 5, 400),
    ("{v},000 employees", 1, 90),
]
FILLER = ("Analysts said the outlook remained uncertain. The shares were little changed in Hong Kong trading. "
          "The company did not respond to a request for comment. ")


def article(rng: random.Random, i: int) -> str:
    year = rng.choice([2023, 2024, 2025])
    parts = []
    for _ in range(rng.randint(4, 8)):
        c = rng.choice(COMPANIES)
        tmpl, lo, hi = rng.choice(METRICS)
        parts.append(f"{c} reported {tmpl.format(v=rng.randint(lo, hi))} for {year}. {FILLER}")
    month = rng.randint(1, 12)
    return f"---\ntitle: Article {i}\nsource: Wire {i % 7}\npublished: {year + 1}-{month:02d}-{rng.randint(1, 28):02d}\n---\n" + "\n\n".join(parts) + "\n"


def measure(cmd: list[str], cwd: Path, out: Path | None = None) -> dict:
    """Run cmd; its wall time, CPU time (user + system) and peak RSS, from the process's own
    resource usage (os.wait4: it and the children it waited for), not the machine's."""
    sink = open(out, "wb") if out else subprocess.DEVNULL
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=sink, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if out:
        sink.close()
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": ru.ru_maxrss / 1024,
            "status": os.waitstatus_to_exitcode(status)}


def run(label: str, args: list[str], cwd: Path) -> float:
    m = measure([*FACTLINT, *args], cwd)
    print(f"{label:<31}{m['wall']:7.2f} s wall, {m['cpu']:7.2f} s CPU, peak RSS {m['rss_mb']:5.0f} MB", end="")
    return m["wall"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, default=None, help="build the corpus here and keep it")
    args = ap.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="factlint-bench-"))
    rng = random.Random(7)
    arts = base / "articles"
    arts.mkdir(parents=True, exist_ok=True)
    size = 0
    for i in range(args.articles):
        text = article(rng, i)
        size += len(text)
        (arts / f"a{i:05d}.md").write_text(text, encoding="utf-8")
    (base / "factlint.toml").write_text('include = ["articles"]\n', encoding="utf-8")
    print(f"corpus: {args.articles} articles, {size / 1e6:.1f} MB in {base}")
    first = run("first lint (empty store):", ["lint", "--fail-on", "never"], base)
    print()
    again = run("re-lint, unchanged corpus:", ["lint", "--fail-on", "never"], base)
    print(f"   ({first / again:.1f}x faster)")
    new = base / "new.md"
    new.write_text(article(rng, 99_999), encoding="utf-8")
    run("one new article vs the corpus:", ["lint", "--against-corpus", "new.md", "--fail-on", "never"], base)
    print()
    run("lint without the store:", ["lint", "--no-store", "--fail-on", "never"], base)
    print()
    if args.keep is None:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
