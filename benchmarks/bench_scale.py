#!/usr/bin/env python3
"""factlint at corpus scale: CPU time, wall time and peak RSS per case.

For each corpus size (synthetic articles from bench_store.py's generator):

  cold      first `lint`, empty claim store
  warm      re-lint, nothing changed
  edit      one article edited, then `lint`
  new       one new article, `lint --changed NEW`
  fresh     every file's mtime changed (a fresh checkout with a restored store), then `lint`

then one group of claims (one entity and metric, one model's release date, one
pair of ordered metrics) of 4,000 and 8,000 claims: the check stage alone, per
rule, timed inside the process after extraction (the least of three runs).

    python benchmarks/bench_scale.py [--articles 1000 10000] [--large] [--groups 4000 8000] [--keep DIR [--reuse]]
                                     [--cold-only] [--jobs 1 2]

`--cold-only` measures the cold case alone (a 50,000-article cold run takes about 25 minutes
of wall time on a shared 2-core machine; the other cases add as much again). `--jobs 1 2`
measures only the cold run, once per `--jobs` value from an empty store, and compares the outputs
byte for byte (issue 13: `--jobs 2` at least 1.6x faster than `--jobs 1` at 10,000 articles).

Every case runs in its own process; CPU time (user + system) and peak RSS come
from that process's resource usage (os.wait4), so they are the process's own and
not the machine's.  A benchmark, not a test: numbers depend on the machine.
"""
from __future__ import annotations

import argparse
import filecmp
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import article, measure  # noqa: E402  (the shared corpus generator and timer)

FACTLINT = str(Path(sys.executable).parent / "factlint")


def row(name: str, m: dict, note: str = "") -> None:
    print(f"  {name:<34} cpu {m['cpu']:8.2f} s   wall {m['wall']:8.2f} s   peak RSS {m['rss_mb']:7.0f} MB"
          + (f"   {note}" if note else ""), flush=True)


def write_corpus(n: int, base: Path, rng: random.Random) -> int:
    arts = base / "articles"
    arts.mkdir(parents=True, exist_ok=True)
    size = 0
    for i in range(n):
        text = article(rng, i)
        size += len(text)
        (arts / f"a{i:05d}.md").write_text(text, encoding="utf-8")
    (base / "factlint.toml").write_text('include = ["articles"]\n', encoding="utf-8")
    return size


def jobs_cases(n: int, base: Path, jobs: list[int]) -> None:
    """The cold run once per --jobs value, each from an empty store; the outputs must be identical."""
    size = write_corpus(n, base, random.Random(7))
    print(f"{n} articles ({size / 1e6:.1f} MB), cold run by --jobs", flush=True)
    first: tuple[int, dict, Path] | None = None
    for j in jobs:
        shutil.rmtree(base / ".factlint", ignore_errors=True)
        out = base / f"cold-jobs{j}.json"
        m = measure([FACTLINT, "lint", "--fail-on", "never", "--format", "json", "--jobs", str(j)], base, out)
        note = ""
        if first is None:
            first = (j, m, out)
        else:
            filecmp.clear_cache()
            same = filecmp.cmp(out, first[2], shallow=False)
            note = (f"{first[1]['wall'] / m['wall']:.2f}x the wall speed of --jobs {first[0]}, "
                    + ("identical output" if same else "OUTPUT DIFFERS"))
        row(f"cold, --jobs {j}", m, note)


def corpus_cases(n: int, base: Path, reuse: bool = False, cold_only: bool = False) -> None:
    rng = random.Random(7)
    arts = base / "articles"
    lint = [FACTLINT, "lint", "--fail-on", "never", "--format", "json"]
    cold_out, out = base / "cold.json", base / "out.json"
    if reuse and cold_out.exists():  # the corpus and store of an earlier --keep run, cold already measured
        for _ in range(n):
            article(rng, 0)  # the generator's state as after writing the corpus
        print(f"{n} articles (reused)", flush=True)
        measure(lint, base)  # the store up to date with the corpus
    else:
        size = write_corpus(n, base, rng)
        shutil.rmtree(base / ".factlint", ignore_errors=True)
        print(f"{n} articles ({size / 1e6:.1f} MB)", flush=True)
        row("cold (empty store)", measure(lint, base, cold_out))
    if cold_only:
        return

    def same() -> str:
        # A block at a time: read whole, the two outputs (730 MB at 50,000 articles) raised this
        # process's high-water mark, which every child forked after inherits in its ru_maxrss.
        filecmp.clear_cache()
        return "same findings as cold" if filecmp.cmp(out, cold_out, shallow=False) else "FINDINGS DIFFER"

    row("warm (nothing changed)", measure(lint, base, out), same())
    edited = arts / "a00000.md"
    original = edited.read_text(encoding="utf-8")
    edited.write_text(original.replace(" reported ", " reported nearly ", 1), encoding="utf-8")
    row("one article edited", measure(lint, base))
    edited.write_text(original, encoding="utf-8")
    measure(lint, base)  # back to the cold corpus, store up to date
    new = arts / "znew.md"
    new.write_text(article(rng, 999_999), encoding="utf-8")
    row("one new article, --changed", measure([*lint, "--changed", str(new.relative_to(base))], base))
    new.unlink()
    measure(lint, base)
    later = time.time() + 60
    for f in arts.iterdir():
        os.utime(f, (later, later))
    row("fresh checkout (every mtime new)", measure(lint, base, out), same())


# --- one large group: the check stage alone -------------------------------------------------------


def group_articles(n: int) -> list[str]:
    """n/4 articles: n revenue figures of one company and year (value-agreement, revision), and
    n/4 each of one app's daily and monthly users (ordering), one model's release date
    (same-event) and a distinctive figure dated on two days (temporal)."""
    rng = random.Random(n)
    out = []
    for i in range(max(1, n // 4)):
        day = 10 + rng.randint(0, 2)
        rev = [rng.randint(100, 140) for _ in range(4)]
        out.append(
            f"---\nsource: Wire {i % 50}\npublished: 2026-0{3 + i % 6}-{1 + i % 28:02d}\n---\n"
            + " ".join(f"Alibaba reported revenue of ${v} billion for 2025." for v in rev)
            + f" Taobao had {rng.randint(50, 90)} million daily active users and {rng.randint(40, 120)} million"
              f" monthly active users in March 2026."
            + f" Zhipu released GLM-5 on February {day}, 2026, drawing heavy traffic."
            + f" Xiaomi sold 1,{rng.randint(100, 999)},000 phones on June {10 + rng.randint(0, 1)}, 2026.\n"
        )
    return out


# Each rule's check runs this many times and the least CPU time counts (as timeit does): on a
# shared machine a single run of a sub-second check moves by tens of percent.
GROUP_REPEAT = 3


def group_child(n: int) -> None:
    """In the child process: analyse the group's articles, then time each rule's check alone."""
    import gc
    import resource

    from factlint.check import run_rules
    from factlint.ingest import parse
    from factlint.knowledge import Knowledge, default_rules_dir
    from factlint.pipeline import analyse

    kb = Knowledge.load(default_rules_dir())
    analyses = [analyse(parse(t, f"g{i:05d}.md", "md"), kb) for i, t in enumerate(group_articles(n))]
    claims = sum(len(a.claims) for a in analyses)
    rules = list(kb.rules)
    per_rule = {}
    for rule in rules:
        kb.rules = [rule]
        times, counts = [], set()
        for _ in range(GROUP_REPEAT):
            gc.collect()
            gc.disable()  # a full collection over every claim would land on whichever rule triggered it
            before = resource.getrusage(resource.RUSAGE_SELF)
            found = run_rules(analyses, kb)
            after = resource.getrusage(resource.RUSAGE_SELF)
            gc.enable()
            times.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            counts.add(len(found))
        assert len(counts) == 1, (rule.id, counts)  # the check is deterministic
        per_rule[rule.id] = {"cpu": min(times), "findings": counts.pop()}
    print(json.dumps({"claims": claims, "articles": len(analyses), "rules": per_rule}))


def group_cases(sizes: list[int], base: Path) -> None:
    results = {}
    for n in sizes:
        out = base / f"group-{n}.json"
        m = measure([sys.executable, __file__, "--group-child", str(n)], base, out)
        data = json.loads(out.read_text() or "{}")
        check = sum(r["cpu"] for r in data.get("rules", {}).values())
        row(f"group of {n:,} ({data.get('claims', 0):,} claims in all)", m, f"check stage {check:.2f} s CPU")
        results[n] = data
    if len(sizes) == 2 and all(results[n].get("rules") for n in sizes):
        a, b = (results[n]["rules"] for n in sizes)
        print(f"  per rule, check CPU at {sizes[0]:,} -> {sizes[1]:,} (findings):")
        for rid in a:
            ratio = b[rid]["cpu"] / a[rid]["cpu"] if a[rid]["cpu"] > 0.005 else float("nan")
            print(f"    {rid:<22} {a[rid]['cpu']:7.2f} s -> {b[rid]['cpu']:7.2f} s  ({ratio:4.1f}x)"
                  f"   ({a[rid]['findings']} -> {b[rid]['findings']})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="*", default=[1000, 10_000])
    ap.add_argument("--large", action="store_true", help="also 50,000 articles")
    ap.add_argument("--groups", type=int, nargs="*", default=None, help="default 4000 8000 (none with --cold-only)")
    ap.add_argument("--keep", type=Path, default=None, help="build the corpora here and keep them")
    ap.add_argument("--reuse", action="store_true", help="with --keep: reuse corpora built before (no cold case)")
    ap.add_argument("--cold-only", action="store_true", help="only the cold case of each corpus (no groups unless --groups)")
    ap.add_argument("--jobs", type=int, nargs="*", default=None,
                    help="instead of the cases: the cold run once per --jobs value (e.g. --jobs 1 2), outputs compared")
    ap.add_argument("--group-child", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.group_child is not None:
        group_child(args.group_child)
        return
    base = args.keep or Path(tempfile.mkdtemp(prefix="factlint-scale-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        if args.jobs:
            for n in [*args.articles, *([50_000] if args.large else [])]:
                jobs_cases(n, base / f"jobs-{n}", args.jobs)
            return
        for n in [*args.articles, *([50_000] if args.large else [])]:
            corpus_cases(n, base / f"corpus-{n}", args.reuse, args.cold_only)
        groups = args.groups if args.groups is not None else [] if args.cold_only else [4000, 8000]
        if groups:
            print("one group, check stage only", flush=True)
            group_cases(groups, base)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
