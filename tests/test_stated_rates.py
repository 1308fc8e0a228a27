"""Exchange rates a text states (resolve/stated_rates.py): the rate is no amount, and the amount
beside it restates the nearest earlier amount in the rate's other currency."""
from datetime import date

from hypothesis import given, settings, strategies as st

from factlint.extract import extract
from factlint.knowledge import Knowledge
from factlint.models import Document
from factlint.resolve import resolve

KB = Knowledge.load()


def _claims(text: str):
    doc = Document(path="r.md", raw=text, text=text, published=date(2025, 2, 10))
    return {c.mention.text: c for c in resolve(doc, extract(doc), KB)}


def test_amount_at_a_rate_restates_the_amount_before_it():
    c = _claims("Halvard booked CHF 60.5 billion of sales in 2024, or roughly $55 billion at 0.91 francs to the dollar.")
    rate, amount, source = c["0.91 francs"], c["roughly $55 billion"], c["CHF 60.5 billion"]
    assert rate.role == "rate"
    assert amount.equivalent_of == source.id
    assert [(link.type, link.target, link.words) for link in amount.links if link.type == "rate"] == [("rate", rate.id, "USD")]


def test_a_rate_opening_its_sentence_converts_the_amount_of_its_metric_in_the_sentence_before():
    c = _claims("Norvik reported sales of DKK 290.4 billion. At the day's rate of roughly 7.17 kroner to the dollar, "
                "the sales come to about $40.5 billion.")
    assert c["roughly 7.17 kroner"].role == "rate"
    assert c["about $40.5 billion"].equivalent_of == c["DKK 290.4 billion"].id


def test_after_an_opening_rate_an_amount_of_no_named_metric_restates_nothing():
    """'Converted at 0.91 francs per dollar, group sales ...' may point at any earlier amount."""
    c = _claims("Norvik reported sales of DKK 290.4 billion. Its grid unit added DKK 14.3 billion. "
                "At roughly 7.17 kroner to the dollar, that is about $40.5 billion.")
    assert c["about $40.5 billion"].equivalent_of is None


def test_a_price_per_unit_is_no_rate_and_links_nothing():
    c = _claims("Cocoa traded at $8,000 a tonne. The board paid 2,200 CFA francs per kg to farmers.")
    assert all(x.role != "rate" and x.equivalent_of is None for x in c.values())


def test_an_amount_in_a_third_currency_takes_no_rate():
    c = _claims("Halvard booked €50 billion of sales, or roughly $55 billion at 0.91 francs to the dollar.")
    assert not [link for link in c["roughly $55 billion"].links if link.type == "rate"]


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=40))
def test_many_rates_in_one_sentence_each_link_at_most_one_amount(n):
    text = "Halvard booked CHF 60.5 billion, " + ", ".join(f"or ${n + k} billion at 0.9{k % 10} francs to the dollar"
                                                        for k in range(n)) + "."
    doc = Document(path="r.md", raw=text, text=text, published=date(2025, 2, 10))
    claims = resolve(doc, extract(doc), KB)
    rates = [x for x in claims if x.role == "rate"]
    linked = [x for x in claims if any(link.type == "rate" for link in x.links)]
    assert len(rates) == n and len(linked) <= n
