#!/usr/bin/env python3
"""The process pool and the store's fresh-checkout path on the synthetic corpus
of bench_store.py:

  1. cold lint without the store, --jobs 1 and --jobs N (output compared byte for byte),
  2. cold lint with an empty store, then the unchanged re-lint,
  3. a fresh checkout: the corpus and the store copied elsewhere, so every
     file has new times and inodes (the CI path): re-lint by content hash.

    python benchmarks/bench_jobs.py [--articles 2000] [--jobs 2]

Prints wall time, CPU time (user + system, the pool's workers included) and peak RSS (the
largest of the process and its workers) for each run, from the run's own resource usage
(os.wait4), and the machine's load average before and after: the wall-clock speed-up of
--jobs needs the cores to be free.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import FACTLINT, article, measure  # noqa: E402


def run(args: list[str], cwd: Path) -> tuple[float, float, float, bytes]:
    out = cwd / ".bench-out"
    m = measure([*FACTLINT, *args], cwd, out)
    data = out.read_bytes()
    out.unlink()
    return m["wall"], m["cpu"], m["rss_mb"], data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="factlint-jobs-"))
    rng = random.Random(7)
    (base / "articles").mkdir()
    for i in range(args.articles):
        (base / "articles" / f"a{i:05d}.md").write_text(article(rng, i), encoding="utf-8")
    (base / "factlint.toml").write_text('include = ["articles"]\n', encoding="utf-8")
    common = ["lint", "--format", "json", "--fail-on", "never"]
    rows = []
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    w1, c1, r1, out1 = run([*common, "--no-store", "--jobs", "1"], base)
    rows.append(("cold, no store, --jobs 1", w1, c1, r1))
    wn, cn, rn, outn = run([*common, "--no-store", "--jobs", str(args.jobs)], base)
    rows.append((f"cold, no store, --jobs {args.jobs}", wn, cn, rn))
    rows.append(("cold, empty store", *run([*common, "--jobs", str(args.jobs)], base)[:3]))
    warm = run(common, base)
    rows.append(("re-lint, unchanged", *warm[:3]))
    clone = Path(tempfile.mkdtemp(prefix="factlint-clone-"))
    shutil.copytree(base / "articles", clone / "articles")
    shutil.copy(base / "factlint.toml", clone)
    shutil.copytree(base / ".factlint", clone / ".factlint")
    fresh = run(common, clone)
    rows.append(("fresh checkout, restored store", *fresh[:3]))
    for name, w, c, r in rows:
        print(f"{name:<34} wall {w:7.2f} s   cpu {c:7.2f} s   peak RSS {r:6.0f} MB")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"--jobs {args.jobs} vs --jobs 1: {w1 / wn:.2f}x faster (wall); output identical: {out1 == outn}; "
          f"store runs identical to --no-store: {warm[3] == out1 and fresh[3] == out1}")
    shutil.rmtree(base)
    shutil.rmtree(clone)


if __name__ == "__main__":
    main()
