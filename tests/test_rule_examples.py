"""Every example written in a rule or lexicon file runs as a test.

Rule files carry [[rule.examples]] (articles a rule must flag or pass);
entities and metrics carry example sentences that must (or must not)
resolve to them.  Adding an entry with examples adds tests."""
from __future__ import annotations

import pytest

from factlint.check import run_rules
from factlint.ingest import parse
from factlint.knowledge import Knowledge, default_rules_dir
from factlint.pipeline import analyse

KB = Knowledge.load(default_rules_dir())


def _rule_cases():
    for rule in KB.rules:
        for i, ex in enumerate(rule.examples):
            yield pytest.param(rule, ex, id=f"{rule.id}-{i}-{ex.expect}")


@pytest.mark.parametrize("rule,example", list(_rule_cases()))
def test_rule_example(rule, example):
    analyses = [analyse(parse(t, f"example-{k}.md", "md"), KB) for k, t in enumerate(example.texts)]
    solo = Knowledge.load(default_rules_dir())
    solo.rules = [rule]
    findings = run_rules(analyses, solo)
    if example.expect == "flag":
        assert findings, f"{rule.id} should flag: {example.note or example.texts}"
    elif example.expect == "hold":
        assert findings and all(f.held_back and f.severity.value == "info" for f in findings), \
            f"{rule.id} should hold back ({example.note}): {[(f.severity.value, f.message) for f in findings]}"
    else:
        assert not findings, f"{rule.id} should pass ({example.note}) but said: {[f.message for f in findings]}"


def _entity_cases():
    for e in KB.entities:
        for s in e.examples:
            yield pytest.param(e.id, s, True, id=f"{e.id}+{s[:30]}")
        for s in e.not_examples:
            yield pytest.param(e.id, s, False, id=f"{e.id}-{s[:30]}")


@pytest.mark.parametrize("entity,sentence,present", list(_entity_cases()))
def test_entity_example(entity, sentence, present):
    found = {h.id for h in KB.entity_matcher.find(sentence)}
    assert (entity in found) == present, f"{sentence!r}: found {sorted(found)}"


def _metric_cases():
    for m in KB.metrics:
        for s in m.examples:
            yield pytest.param(m.id, s, True, id=f"{m.id}+{s[:30]}")
        for s in m.not_examples:
            yield pytest.param(m.id, s, False, id=f"{m.id}-{s[:30]}")


@pytest.mark.parametrize("metric,sentence,present", list(_metric_cases()))
def test_metric_example(metric, sentence, present):
    found = {h.id for h in KB.metric_matcher.find(sentence)}
    found |= {c.metric for c in analyse(parse(sentence, "m.txt"), KB).claims if c.metric}
    found |= {f.removesuffix("-change") for f in found}
    assert (metric in found) == present, f"{sentence!r}: found {sorted(found)}"
