"""Paraphrase suite (tests/cases/paraphrase.toml): one fact in five syntactic forms gives one
fact group; contrast sets never share one.  Run through the whole reading layer and the
matching stage, one article per sentence."""
from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from factlint.check import grouping
from factlint.check.engine import Context
from factlint.extract import extract
from factlint.knowledge import Knowledge
from factlint.models import Document
from factlint.pipeline import Analysis
from factlint.resolve import resolve

CASES = tomllib.loads((Path(__file__).parent / "cases" / "paraphrase.toml").read_text(encoding="utf-8"))
KB = Knowledge.load()
RULE = next(r for r in KB.rules if r.kind == "value-agreement")


def groups(texts: list[str], figure: str) -> list[tuple | None]:
    analyses = []
    for i, t in enumerate(texts):
        doc = Document(path=f"p{i}.md", raw=t, text=t, published=date(2025, 11, 14))
        mentions = extract(doc)
        analyses.append(Analysis(doc, mentions, resolve(doc, mentions, KB)))
    ctx = Context(analyses, KB)
    member = {c.id: (key, c.period.label if c.period else None)
              for key, cs in grouping.fact_groups(ctx, RULE).items() for c in cs}
    out = []
    for a in analyses:
        c = next((c for c in a.claims if c.mention.text.startswith(figure)), None)
        assert c is not None, f"{figure!r} not read in {a.doc.text!r}: {[x.mention.text for x in a.claims]}"
        out.append(member.get(c.id))
    return out


@pytest.mark.parametrize("case", CASES["same"], ids=[c["name"] for c in CASES["same"]])
def test_one_fact_in_five_forms_is_one_group(case):
    got = groups(case["texts"], case["figure"])
    assert None not in got, f"some forms were not compared at all: {got}"
    assert len(set(got)) == 1, got


@pytest.mark.parametrize("case", CASES["contrast"], ids=[c["name"] for c in CASES["contrast"]])
def test_contrast_sets_never_merge(case):
    got = [g for g in groups(case["texts"], case["figure"]) if g is not None]
    assert len(got) == len(set(got)), got
