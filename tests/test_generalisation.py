"""Lexicon dropout and leave-one-corpus-out (benchmarks/generalisation.py has the full table):
with 30% of aliases and synonyms removed, or without the entities only one corpus names, the
reader still finds what it found."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import generalisation as gen  # noqa: E402

from factlint.knowledge import Knowledge  # noqa: E402

KB = Knowledge.load()
CORPORA = gen.corpora()


def test_dropout_of_a_third_of_the_lexicon_keeps_recall():
    full, _ = gen.score(CORPORA["devcorpus"], KB)
    thin, precision = gen.score(CORPORA["devcorpus"], gen.dropout(KB, 0.3, seed=1))
    assert thin >= full - 0.1 and precision >= 0.9, (full, thin, precision)


def test_dropout_removes_what_it_says():
    thin = gen.dropout(KB, 0.5, seed=2)
    before = sum(len(e.aliases) for e in KB.entities) + sum(len(m.synonyms) for m in KB.metrics)
    after = sum(len(e.aliases) for e in thin.entities) + sum(len(m.synonyms) for m in thin.metrics)
    assert 0.4 * before <= after <= 0.6 * before


def test_leave_one_corpus_out_keeps_recall():
    name = "devcorpus3"
    others = [p for n, p in CORPORA.items() if n != name]
    full, _ = gen.score(CORPORA[name], KB)
    loco, _ = gen.score(CORPORA[name], gen.leave_out(KB, CORPORA[name], others))
    assert loco >= full - 0.15, (full, loco)
