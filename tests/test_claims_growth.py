"""The token tier of the claim reader (resolve/claims.py and its steps) grows linearly
on adversarial documents (issue 11): from 100 KB to 1 MB its CPU time may grow about
10x, far from the 100x of reading every figure against every date or figure of its
sentence.  Extraction and the entity and metric matchers run before the clock starts;
each timed run reads a fresh copy of the figures with nothing remembered, and is timed
in process CPU time with the garbage collector paused (the best of five when short),
so a busy machine or a large heap does not make the ratio.  Wall-clock figures belong in benchmarks/bench_growth.py."""
from __future__ import annotations

import dataclasses
import gc
import time

import pytest

from factlint import ingest
from factlint.extract import extract
from factlint.knowledge import Knowledge, default_rules_dir
from factlint.resolve.claims import read_context, token_claims

KB = Knowledge.load(default_rules_dir())
LIMIT = 30  # linear is ~10; quadratic would be ~100

# One sentence of 90,000 figures and nothing else (issue 11's reproducer); then, to 100 KB, dense
# prose and figures among the names, metrics, dates, brackets, ';'-parts, comparisons and hedges
# each step looks for.
LONG = ["$1 billion "]
SHORT = [
    "Harbor Kinetics reported revenue of $120 million for 2024, up 12% from $107 million. ",
    "Tesla sold $1 billion of revenue to BYD ",
    "revenue $1 billion sales 5 units ",
    "in 2024 in May 2025 $1 billion ",
    "$1 billion ($2 billion) ",
    "; $1 billion in 2024 ",
    "up from $1 from ",
    "could $1 billion if ",
    "Reuters said on May 5 that $3 million ",
    "Tesla and BYD sold 1 and 2 cars, respectively, ",
    "The company sold 5 units. He said revenue was $5 million. ",
    "its capex plan was 60 billion yuan. It reported the plan at 160 billion. ",
]


def _context(unit: str, n: int):
    raw = (unit * (n // len(unit) + 1))[:n]
    doc = ingest.parse(raw, "adversarial.txt", "txt")
    return read_context(doc, extract(doc), KB)


def _cpu(unit: str, n: int) -> float:
    ctx = _context(unit, n)
    best = float("inf")
    for _ in range(5):
        fresh = dataclasses.replace(ctx, figures=[f.model_copy(deep=True) for f in ctx.figures], memo={})
        gc.collect()
        gc.disable()  # a collection's cost follows the whole heap, not this step's work
        try:
            t = time.process_time()
            claims = token_claims(fresh)
            best = min(best, time.process_time() - t)
        finally:
            gc.enable()
        assert len(claims) == len(ctx.figures)
        if best > 0.2:  # long enough to be steady
            break
    return max(best, 1e-4)


def _growth(unit: str, sizes: tuple[int, ...]) -> list[float]:
    times = [_cpu(unit, n) for n in sizes]
    return [b / a for a, b in zip(times, times[1:])]


@pytest.mark.parametrize("unit", LONG)
def test_token_tier_is_linear_up_to_a_megabyte(unit):
    ratio = _growth(unit, (10_000, 100_000, 1_000_000))
    assert ratio[-1] < LIMIT, (unit, ratio)


@pytest.mark.parametrize("unit", SHORT)
def test_token_tier_is_linear_on_adversarial_sentences(unit):
    ratio = _growth(unit, (10_000, 100_000))
    assert ratio[-1] < LIMIT, (unit, ratio)
