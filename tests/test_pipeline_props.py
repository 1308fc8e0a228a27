"""The whole per-document pipeline on arbitrary text: it never crashes, every
claim points at its own span, and output is deterministic."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.check import run_rules
from factlint.ingest import parse
from factlint.knowledge import Knowledge
from factlint.pipeline import analyse

KB = Knowledge.load()
WORDS = ["Alibaba", "ByteDance's", "revenue", "capex", "of", "$5bn", "300 billion yuan", "nearly", "over", "200+",
         "up 42.7%", "from", "HK$508", "(approx.", "$70 billion)", "on May 11th,", "nine days later", "respectively",
         "and", "users", "daily active users", "Q3 2025", "in 2024", ";", ".", "\n\n", "four companies:", "A, B and C",
         "Tuesday, February 11, 2026", "—", "«", "é", "3060", "GLM-5", "2.8x", "the company said", "potentially"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=60), st.sampled_from(["txt", "md", "html"]))
def test_pipeline_survives_word_salad(words, kind):
    text = " ".join(words)
    doc = parse(text, f"x.{kind}", kind)
    a = analyse(doc, KB)
    for c in a.claims:
        assert doc.text[c.mention.start : c.mention.end] == c.mention.text
    first = run_rules([a], KB)
    again = run_rules([analyse(parse(text, f"x.{kind}", kind), KB)], KB)
    assert [f.model_dump() for f in first] == [f.model_dump() for f in again]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_pipeline_survives_arbitrary_text(text):
    analyse(parse(text, "y.txt", "txt"), KB)
