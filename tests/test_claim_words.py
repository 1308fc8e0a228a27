"""The examples beside each word list of rules/lexicon/claims.toml, run through the token
tier of the claim reader (before the grammar tier may correct it)."""
from __future__ import annotations

import pytest

from factlint import ingest
from factlint.extract import extract
from factlint.knowledge import Knowledge, default_rules_dir
from factlint.resolve.claims import read_context, token_claims

KB = Knowledge.load(default_rules_dir())


def _metric(text: str, quote: str) -> str | None:
    doc = ingest.parse(text, "words.txt", "txt")
    at = text.index(quote)
    claim = next(c for c in token_claims(read_context(doc, extract(doc), KB)) if c.mention.start == at)
    return claim.metric


def test_the_lists_load():
    words = KB.claim_words
    assert "units" in words.generic_nouns and "pool" in words.money_nouns and "for" in words.not_metric_words


@pytest.mark.parametrize("text,quote,expected", [
    # generic_nouns: a generic counted noun is no metric of its own ...
    ("Astera sold 82,000 units in May.", "82,000", None),
    # ... where any other counted noun is
    ("Astera sold 82,000 scooters in May.", "82,000", "~scooters"),
    # money_nouns: the noun the amount is of
    ("Meituan announced a 500 million yuan prize pool.", "500 million", "~prize pool"),
    # not_metric_words: a phrase such a word opens says where the money goes
    ("Meituan put 500 million yuan for the fund.", "500 million", None),
])
def test_claim_word_examples(text, quote, expected):
    got = _metric(text, quote)
    assert got == expected
