"""The shipped entity and metric lexicons: consistent tables, and the near-miss
pairs that must never merge (products vs parents, model versions, DAU vs MAU,
orders vs users).  Per-entry examples run in test_rule_examples.py."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.knowledge import Knowledge, default_rules_dir
from factlint.resolve.phrases import lemma, tokens

KB = Knowledge.load(default_rules_dir())
ENT = KB.entity_matcher
MET = KB.metric_matcher
ALIASES = sorted((a, e.id) for e in KB.entities for a in [e.name, *e.aliases])
SYNONYMS = sorted((s, m.id) for m in KB.metrics for s in [m.name, *m.synonyms])

# Which relation fits which kind of entity.
RELATION_TYPES = {
    "works-for": {"person"},
    "model-of": {"model"},
    "product-of": {"product"},
    "part-of": {"division", "organisation"},
    "subsidiary-of": {"company"},
    "affiliate-of": {"affiliate", "company"},
}


def entities(text: str) -> set[str]:
    return {h.id for h in ENT.find(text)}


def metrics(text: str) -> set[str]:
    return {h.id for h in MET.find(text)}


def test_no_alias_names_two_entities():
    # The trie keeps the first definition, so a shared alias silently hides one entity.
    owner: dict[tuple[str, ...], str] = {}
    for alias, eid in ALIASES:
        key = tuple(t.text.casefold() for t in tokens(alias))
        assert owner.setdefault(key, eid) == eid, f"{alias!r} names both {owner[key]} and {eid}"


def test_no_phrase_belongs_to_two_metrics():
    owner: dict[tuple[str, ...], str] = {}
    for phrase, mid in SYNONYMS:
        key = tuple(lemma(t.text) for t in tokens(phrase))
        assert owner.setdefault(key, mid) == mid, f"{phrase!r} is in both {owner[key]} and {mid}"
    nouns: dict[str, str] = {}
    for m in KB.metrics:
        for n in m.nouns:
            key = " ".join(lemma(t.text) for t in tokens(n))
            assert nouns.setdefault(key, m.id) == m.id, f"noun {n!r} is in both {nouns[key]} and {m.id}"


def test_exclusive_pairs_are_known_and_symmetric():
    for m in KB.metrics:
        for other in m.exclusive_with:
            assert other in KB.metric_by_id, f"{m.id}: unknown metric {other!r}"
            assert m.id in KB.metric_by_id[other].exclusive_with, f"{other} does not list {m.id}"


def test_relations_fit_entity_types_and_have_no_cycles():
    for e in KB.entities:
        if e.relation:
            assert e.type in RELATION_TYPES[e.relation], f"{e.id}: a {e.type} cannot be {e.relation}"
        seen, cur = set(), e
        while cur.parent:
            assert cur.id not in seen, f"parent cycle through {e.id}"
            seen.add(cur.id)
            cur = KB.entity_by_id[cur.parent]


def test_every_entry_has_an_example():
    assert all(e.examples for e in KB.entities)
    assert all(m.examples for m in KB.metrics)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ALIASES), st.sampled_from([str, str.lower, str.upper]), st.booleans())
def test_every_alias_finds_its_entity(pair, case, possessive):
    alias, eid = pair
    name = case(alias) + ("’s" if possessive and not alias.endswith("s") else "")
    assert eid in entities(f"Yesterday {name} said more.")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SYNONYMS), st.booleans())
def test_every_synonym_finds_its_metric_in_either_number(pair, plural):
    phrase, mid = pair
    last = phrase.split()[-1]
    if plural and len(last) >= 3 and not last.lower().endswith("s"):
        phrase += "s"  # lemmatised matching: "capital expenditures" is "capital expenditure"
    assert mid in metrics(f"The {phrase} was reported on Monday.")


@pytest.mark.parametrize(
    "sentence,present,absent",
    [
        ("Doubao passed 100 million daily users.", "doubao", {"yuanbao", "bytedance"}),
        ("Tencent Yuanbao passed 50 million daily users.", "yuanbao", {"doubao", "tencent"}),
        ("The Qianwen App handled the orders.", "qianwen-app", {"qwen", "alibaba"}),
        ("Tongyi Qianwen is an open model family.", "qwen", {"qianwen-app"}),
        ("Qwen3.5-Plus is smaller than its sibling.", "qwen3.5-plus", {"qwen3-max", "qwen"}),
        ("Qwen3-Max has a trillion parameters.", "qwen3-max", {"qwen3.5-plus", "qwen3.7-max"}),
        ("Ant Group's payment agent grew fast.", "ant-group", {"alibaba"}),
        ("Alibaba Cloud external revenue grew.", "alibaba-cloud", {"alibaba"}),
        ("Zhipu closed lower on the day.", "zhipu", {"minimax"}),
        ("Kimi K2.5 earned a record sum.", "kimi-k2.5", {"kimi", "kimi-k2"}),
    ],
)
def test_near_miss_entities_stay_apart(sentence, present, absent):
    found = entities(sentence)
    assert present in found and not (found & absent), sorted(found)


def test_a_person_speaks_for_the_employer_but_a_product_does_not():
    assert ENT.company_of("wu-yongming") == "alibaba"
    assert ENT.company_of("tan-dai") == "volcano-engine"
    assert ENT.company_of("doubao") == "doubao"
    assert ENT.company_of("jack-ma") == "jack-ma"


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("It reported daily and monthly active users on Friday.", ["dau", "mau"]),
        ("The app counted 130 million users and 130 million orders.", ["users", "orders"]),
        ("The model has 397 billion total parameters and 17 billion active parameters.", ["total_parameters", "active_parameters"]),
        ("Cloud revenue grew faster than revenue.", ["cloud_revenue", "revenue"]),
        ("Adjusted net income beat net income.", ["adjusted_net_profit", "net_profit"]),
        ("Its 300 billion yuan investment in AI is capex by another name.", ["capex", "capex"]),
        ("Daily token usage and tokens per minute both set records.", ["daily_tokens", "tokens_per_minute"]),
    ],
)
def test_metric_phrases_in_order(sentence, expected):
    assert [h.id for h in MET.find(sentence)] == expected


@pytest.mark.parametrize(
    "unit,metric",
    [
        ("orders", "orders"),
        ("users", "users"),
        ("daily active users", "dau"),
        ("monthly active users", "mau"),
        ("total parameters", "total_parameters"),
        ("active parameters", "active_parameters"),
        ("parameters", "total_parameters"),
        ("tokens per minute", "tokens_per_minute"),
        ("GPUs", "gpu_count"),
        ("H20 chips", "gpu_count"),
    ],
)
def test_counted_nouns(unit, metric):
    assert MET.for_noun(unit) == metric
