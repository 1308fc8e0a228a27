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

The two cold runs also go through `--phases`: the lint runs in this script's own child
process, which notes its own CPU time and its workers' (getrusage, SELF and CHILDREN) where
the per-article pool and the cross-article pool start and end.  So each phase's CPU is split
between the parent and the workers, and the speed-up N free cores would give follows from
Amdahl: the parent's work outside the pools is serial, a pool phase takes at least its
parent's share and at least (parent + workers) / N.  On a shared machine that estimate, not
the wall clock, says what --jobs does.
"""
from __future__ import annotations

import argparse
import atexit
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import FACTLINT, article, measure  # noqa: E402


def run(args: list[str], cwd: Path, phases: bool = False) -> tuple[float, float, float, bytes]:
    out = cwd / ".bench-out"
    cmd = [sys.executable, __file__, "--phases", str(cwd / ".bench-phases"), "--"] if phases else FACTLINT
    m = measure([*cmd, *args], cwd, out)
    data = out.read_bytes()
    out.unlink()
    return m["wall"], m["cpu"], m["rss_mb"], data


# --- phases: the lint in this process, with the CPU of each phase -----------------------------

def _usage() -> tuple[float, float, float]:
    import resource
    import time

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def phases_child(path: str, argv: list[str]) -> None:
    """Run `factlint ARGV` here, noting (wall, own CPU, workers' CPU) where each pool phase starts
    and ends (the workers are counted once the pool has joined them, which is before the phase's
    generator ends); written to `path` at exit."""
    marks = [("start", *_usage())]
    atexit.register(lambda: Path(path).write_text(json.dumps([*marks, ("end", *_usage())])))
    from factlint import workers
    from factlint.cli import main

    def around(name, fn):
        def wrapped(*a, **k):
            marks.append((name + " start", *_usage()))
            try:
                yield from fn(*a, **k)
            finally:  # also when the caller stops early (a zip): the pool has been shut down by then
                marks.append((name + " end", *_usage()))
        return wrapped

    workers._pooled = around("analyse", workers._pooled)  # the first article, before the pool, is serial
    workers.check_batches = around("batches", workers.check_batches)
    sys.argv = ["factlint", *argv]
    main()


def split(marks: list) -> dict[str, tuple[float, float, float]]:
    """(wall, parent CPU, workers' CPU) of the serial stretches and of each pool phase; a pool's
    workers are counted when they are joined, which may be just after the phase, so their CPU
    goes to the last pool phase begun."""
    out: dict[str, list[float]] = {}
    pool = None
    for (a, *u), (b, *v) in zip(marks, marks[1:]):
        name = a.removesuffix(" start") if a.endswith(" start") and b.endswith(" end") else "serial"
        pool = name if name != "serial" else pool
        acc = out.setdefault(name, [0.0, 0.0, 0.0])
        acc[0] += v[0] - u[0]
        acc[1] += v[1] - u[1]
        out.setdefault(pool or "serial", [0.0, 0.0, 0.0])[2] += v[2] - u[2]
    return {k: tuple(v) for k, v in out.items()}


def amdahl(parts: dict[str, tuple[float, float, float]], cores: int) -> float:
    """Wall time on `cores` free cores: the serial stretches as they are, each pool phase at
    least its parent's CPU and at least all its CPU spread over the cores."""
    t = 0.0
    for name, (_, parent, kids) in parts.items():
        t += parent + kids if name == "serial" else max(parent, (parent + kids) / cores)
    return t


def show_phases(label: str, parts: dict[str, tuple[float, float, float]]) -> None:
    total = sum(p + k for _, p, k in parts.values())
    cells = "   ".join(f"{name}: wall {w:6.1f} s, parent {p:6.1f} s, workers {k:6.1f} s" for name, (w, p, k) in parts.items())
    serial = sum(p + k for name, (_, p, k) in parts.items() if name == "serial")
    parent = sum(p for _, p, _ in parts.values())
    print(f"  {label:<24} {cells}")
    print(f"  {'':<24} CPU {total:6.1f} s: parent {parent:6.1f} s ({parent / total:.0%}), serial {serial:6.1f} s "
          f"({serial / total:.0%})")


def main() -> None:
    if len(sys.argv) > 3 and sys.argv[1] == "--phases":
        phases_child(sys.argv[2], sys.argv[4:])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only-cold", action="store_true", help="only the two cold runs without the store")
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
    w1, c1, r1, out1 = run([*common, "--no-store", "--jobs", "1"], base, phases=True)
    one = split(json.loads((base / ".bench-phases").read_text()))
    rows.append(("cold, no store, --jobs 1", w1, c1, r1))
    wn, cn, rn, outn = run([*common, "--no-store", "--jobs", str(args.jobs)], base, phases=True)
    many = split(json.loads((base / ".bench-phases").read_text()))
    rows.append((f"cold, no store, --jobs {args.jobs}", wn, cn, rn))
    print("per phase (serial: the parent alone, outside the pools):")
    show_phases("--jobs 1", one)
    show_phases(f"--jobs {args.jobs}", many)
    t1 = sum(p + k for _, p, k in one.values())
    print(f"--jobs {args.jobs} on {args.jobs} free cores (Amdahl, from the CPU above): {t1 / amdahl(many, args.jobs):.2f}x "
          f"faster than --jobs 1's CPU time; measured here: {w1 / wn:.2f}x (wall)")
    if args.only_cold:
        for name, w, c, r in rows:
            print(f"{name:<34} wall {w:7.2f} s   cpu {c:7.2f} s   peak RSS {r:6.0f} MB")
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; output identical: {out1 == outn}")
        shutil.rmtree(base)
        return
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
