"""Held-out-style development corpus (tests/data/devcorpus): recall, precision
and trap hits against its gold.json, scored the way the shared eval scorer
does.  The floors are what factlint achieved when the corpus was written, so
a change that finds fewer planted discrepancies, reports more unlabeled
errors, or starts tying a trap's figures together fails here."""
from __future__ import annotations

from pathlib import Path

import pytest
from goldscore import POSITIVE, load_gold, matches

from factlint.knowledge import Knowledge
from factlint.pipeline import lint

CORPUS = Path(__file__).resolve().parent / "data" / "devcorpus"

# Floors: what factlint achieves now (15/15 found, 14 of 14 errors/warnings true, 0 of 50 traps hit).
MIN_RECALL = 15 / 15
MIN_PRECISION = 1.0
MAX_TRAPS_HIT = 0
# Planted discrepancies found at that time: each must stay found, with its kind.
FOUND = {"D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10", "D11", "D12", "D13", "D14", "D15"}


def _hits(spans, findings) -> list:
    return [f for f in findings if matches(f, spans)]


@pytest.fixture(scope="module")
def gold():
    return load_gold(CORPUS)


@pytest.fixture(scope="module")
def findings():
    return lint([CORPUS], Knowledge.load()).report.findings


@pytest.fixture(scope="module")
def positives(findings):
    return [f for f in findings if f.severity.value in POSITIVE]


def _found(gold, findings, positives) -> dict[str, list]:
    out = {}
    for g in gold["findings"]:
        pool = findings if g["kind"] == "revision" else positives
        hits = _hits(g["spans"], pool)
        if hits:
            out[g["id"]] = hits
    return out


def test_gold_is_well_formed(gold):
    ids = [g["id"] for g in gold["findings"] + gold["non_findings"]]
    assert len(ids) == len(set(ids))
    kinds = {"value-conflict", "arithmetic", "conversion", "date-conflict", "revision"}
    assert {g["kind"] for g in gold["findings"]} == kinds


def test_recall_floor(gold, findings, positives):
    found = _found(gold, findings, positives)
    recall = len(found) / len(gold["findings"])
    assert recall >= MIN_RECALL, f"recall {recall:.2f}; missed {sorted(set(g['id'] for g in gold['findings']) - set(found))}"


@pytest.mark.parametrize("gid", sorted(FOUND))
def test_found_stays_found_with_its_kind(gold, findings, positives, gid):
    g = next(g for g in gold["findings"] if g["id"] == gid)
    hits = _found(gold, findings, positives).get(gid)
    assert hits, f"{gid} ({g['note']}) no longer found"
    assert any(f.kind == g["kind"] for f in hits), f"{gid}: found as {[f.kind for f in hits]}, expected {g['kind']}"


def test_precision_floor(gold, positives):
    true = [f for f in positives if any(g["kind"] != "revision" and _hits(g["spans"], [f]) for g in gold["findings"])]
    precision = len(true) / len(positives) if positives else 1.0
    unlabeled = [f.message for f in positives if f not in true]
    assert precision >= MIN_PRECISION, f"precision {precision:.2f}; unlabeled: {unlabeled}"


def test_traps_hit_ceiling(gold, positives):
    hit = [t["id"] for t in gold["non_findings"] if _hits(t["spans"], positives)]
    assert len(hit) <= MAX_TRAPS_HIT, f"traps hit: {hit}"


def test_revision_is_never_an_error(gold, positives):
    for g in gold["findings"]:
        if g["kind"] == "revision":
            assert not _hits(g["spans"], positives), f"{g['id']} reported as error/warning"
