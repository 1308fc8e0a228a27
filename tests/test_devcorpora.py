"""Later development corpora, each written by someone who had not seen the
others: devcorpus2 (airlines, a drug trial, an Indian telecom in crore/lakh, a
Japanese chipmaker in yen, a game, a Korean startup in won), devcorpus3
(seed-style Chinese tech news: delivery subsidies, Xiaomi, Pop Mart, Moonshot,
red-packet campaigns, Kling, HarmonyOS) and devcorpus4 (instant retail, Huawei,
a Hong Kong IPO, DeepSeek prices, EV deliveries, Yuanbao).  Floors are what factlint achieves
now; the misses are listed in the session notes."""
from __future__ import annotations

from pathlib import Path

import pytest
from goldscore import POSITIVE, covered, load_gold, matches

from factlint.knowledge import Knowledge
from factlint.pipeline import lint

DATA = Path(__file__).resolve().parent / "data"
MIN_FOUND = {"devcorpus2": 12, "devcorpus3": 13, "devcorpus4": 7}  # of 15, 14 and 14


@pytest.fixture(scope="module", params=sorted(MIN_FOUND))
def scored(request):
    corpus = DATA / request.param
    gold = load_gold(corpus)
    findings = lint([corpus], Knowledge.load()).report.findings
    found, true_pos = set(), set()
    for g in gold["findings"]:
        for i, f in enumerate(findings):
            if matches(f, g["spans"]) and (g["kind"] == "revision" or f.severity.value in POSITIVE):
                found.add(g["id"])
                if g["kind"] != "revision":
                    true_pos.add(i)
    traps = [t["id"] for t in gold["non_findings"]
             if any(f.severity.value in POSITIVE and covered(f, t["spans"]) >= 2 for f in findings)]
    positives = [i for i, f in enumerate(findings) if f.severity.value in POSITIVE]
    return found, true_pos, positives, traps, request.param


def test_recall_floor(scored):
    found, *_, name = scored
    assert len(found) >= MIN_FOUND[name], sorted(found)


def test_every_error_is_a_planted_discrepancy(scored):
    _, true_pos, positives, _, _ = scored
    assert set(positives) <= true_pos


def test_no_trap_is_hit(scored):
    *_, traps, _ = scored
    assert traps == []


# tests/data/fpcorpus: figure-dense articles with no discrepancy at all, written to provoke false
# positives.  It started at 10 errors; the two left are known (an undated level in a parallel clause,
# a valuation recounted from earlier reports while the current one is undated).
MAX_FALSE_ALARMS = 2


def test_clean_corpus_raises_few_errors():
    report = lint([DATA / "fpcorpus"], Knowledge.load()).report
    alarms = [f.message for f in report.findings if f.severity.value in POSITIVE]
    assert len(alarms) <= MAX_FALSE_ALARMS, alarms
