"""End to end on the bundled seeds/ corpus: the discrepancies its sources
really contain are found, with the right kind, and the traps (figures that
look alike but are about different things) are not reported as errors."""
from __future__ import annotations

from pathlib import Path

import pytest
from goldscore import covered, locate, matches

from factlint.knowledge import Knowledge
from factlint.pipeline import lint

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
A, B, C, D = "000-two-mas-ai-sprint.md", "003-alibaba-stocks-up-bytedance-trains.md", "004-ai-model-battle-no-bystanders.md", None

# (id, kind, [(file, quote), ...]): a finding must cover at least two quotes (or the only one).
EXPECTED = [
    ("S1", "value-conflict", [(A, "300 billion yuan"), (B, "380 billion yuan")]),
    ("S2", "value-conflict", [(C, "nearly 200 million orders"), (C, "130 million orders")]),
    ("S3", "conversion", [(B, "$100 billion USD (approx"), (B, "6,781 billion RMB")]),
    ("S4", "revision", [(B, "plan at 160 billion"), (B, "200+ billion"), (B, "a ceiling of 470 billion")]),
    ("S5", "arithmetic", [(B, "four independent entities")]),
]
# Pairs no error or warning may tie together.
TRAPS = [
    ("correct conversion", [(B, "470 billion RMB (approx"), (B, "approx. $70 billion USD")]),
    ("different trading days", [(C, "HK$725"), (C, "HK$560")]),
    ("correct percent change", [(C, "up 42.7%"), (C, "HK$508")]),
    ("daily vs monthly users", [(C, "over 50 million"), (C, "114 million")]),
    ("May 11 + nine days = May 20", [(B, "May 11th"), (B, "Nine days later")]),
]


@pytest.fixture(scope="module")
def report():
    return lint([SEEDS], Knowledge.load()).report


@pytest.mark.parametrize("gid,kind,quotes", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_discrepancy_found(report, gid, kind, quotes):
    spans = [locate(SEEDS, n, q) for n, q in quotes]
    hits = [f for f in report.findings if matches(f, spans)]
    assert hits, f"{gid} not found"
    assert any(f.kind == kind for f in hits), f"{gid}: found as {[f.kind for f in hits]}, expected {kind}"
    if kind == "revision":
        assert all(f.severity.value == "info" for f in hits if f.kind == "revision")


@pytest.mark.parametrize("why,quotes", TRAPS, ids=[t[0] for t in TRAPS])
def test_trap_not_reported(report, why, quotes):
    spans = [locate(SEEDS, n, q) for n, q in quotes]
    bad = [f.message for f in report.findings if f.severity.value in ("error", "warning") and covered(f, spans) >= 2]
    assert not bad, f"{why}: {bad}"


def test_no_unexpected_errors(report):
    # Every error or warning on the seeds is one of the expected discrepancies.
    expected = [[locate(SEEDS, n, q) for n, q in quotes] for _, _, quotes in EXPECTED]
    for f in report.findings:
        if f.severity.value in ("error", "warning"):
            assert any(matches(f, spans) for spans in expected), f.message
