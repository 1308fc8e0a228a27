"""extract/header_units.py: a table's column header gives its cells their currency and scale."""
from datetime import date

import pytest

from factlint.extract import extract
from factlint.models import Document


def _cells(text: str):
    doc = Document(path="t.md", raw=text, text=text, published=date(2025, 1, 1))
    return {m.text: m for m in extract(doc) if m.kind != "date"}


@pytest.mark.parametrize("header,unit,value", [
    ("Adjusted EBIT ($m)", "USD", 210e6), ("Investment (£bn)", "GBP", 210e9), ("Sales (€ million)", "EUR", 210e6),
    ("Revenue (USD m)", "USD", 210e6), ("Revenue (DKK)", "DKK", 210.0), ("Net profit (in ¥ bn)", "CNY", 210e9),
    ("Umsatz (Mio. €)", "EUR", 210e6), ("Betriebsergebnis (Mrd. EUR)", "EUR", 210e9),
])
def test_a_cell_under_a_currency_header_is_money(header, unit, value):
    m = _cells(f"Intro.\n\nMilling, {header}: 210\n")["210"]
    assert (m.kind, m.unit, m.value) == ("money", unit, value)
    assert m.low <= value <= m.high


@pytest.mark.parametrize("header", ["Share (%)", "Stores (units)", "Staff (FTE)", "Deliveries"])
def test_other_headers_leave_the_cell_as_read(header):
    m = _cells(f"Intro.\n\nMilling, {header}: 210\n")["210"]
    assert m.kind != "money"


def test_a_number_inside_a_sentence_is_no_cell():
    m = _cells("Revenue ($m): 210 and rising, the company said.\n")["210"]
    assert m.kind != "money"


def test_a_caption_scale_applies_to_its_table_only():
    text = ("Intro.\n\nStreaming subscriptions, end of quarter (millions)\n\nCore, Subscribers: 122.7\nHulu, Subscribers: 52.0\n\n"
            "A paragraph.\n\nStores, Count: 129\n")
    cells = _cells(text)
    assert (cells["122.7"].value, cells["52.0"].value) == (122.7e6, 52.0e6)
    assert cells["129"].value == 129


@pytest.mark.parametrize("header", ["Height (m)", "Output (t)"])
def test_a_one_letter_unit_is_no_scale_on_its_own(header):
    assert _cells(f"Intro.\n\nTower, {header}: 828\n")["828"].value == 828


def test_a_caption_scale_applies_to_money_cells_that_write_no_scale_but_not_to_the_rows_it_excepts():
    text = ("Intro.\n\nVulcan, full year (amounts in millions, except per ton)\n\n"
            "Total revenues, 2024: $7,418\nNet earnings, 2024: $912\nRevenue, 2023: $7.8bn\n"
            "Cash gross profit per ton, 2024: $10.61\n")
    cells = _cells(text)
    assert (cells["$7,418"].value, cells["$912"].value) == (7418e6, 912e6)
    assert cells["$7.8bn"].value == 7.8e9  # its own scale
    assert cells["$10.61"].value == 10.61  # "except per ton"


def test_a_currency_header_does_not_rescale_a_money_cell():
    m = _cells("Intro.\n\nMilling, Adjusted EBIT ($m): $210\n")["$210"]
    assert (m.unit, m.value) == ("USD", 210.0)
