"""Markdown pipe tables read as labelled lines (mdtable.py), mapped back to the file."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.extract import extract
from factlint.ingest import parse
from factlint.knowledge import Knowledge
from factlint.resolve import resolve

ARTICLE = ("---\ntitle: Results\npublished: 2025-03-13\n---\n\nFenwick Tractors grew in 2024.\n\n"
           "| Division | Sales 2024 |\n|---|---:|\n| Power Systems | 2,171 |\n| **Group** | 9,751 |\n\n"
           "| Month | Net revenue |\n|---|---|\n| July 2025 | 323,166 |\n\nFenwick Tractors said so.\n")


def test_rows_become_labelled_lines_with_file_offsets():
    doc = parse(ARTICLE, "a.md", "md")
    assert "Power Systems, Sales 2024: 2,171\n" in doc.text and "Group, Sales 2024: 9,751\n" in doc.text
    assert "July 2025, Net revenue: 323,166\n" in doc.text  # a period labels its row
    assert "Fenwick Tractors said so." in doc.text
    mentions = [m for m in extract(doc) if m.text in ("2,171", "9,751", "323,166")]
    assert len(mentions) == 3
    for m in mentions:
        assert ARTICLE[m.file_start : m.file_end] == m.text


def test_a_row_is_its_divisions_a_total_row_the_company_s():
    doc = parse(ARTICLE, "a.md", "md")
    claims = {c.mention.text: c for c in resolve(doc, extract(doc), Knowledge.load())}
    assert claims["2,171"].metric.endswith("@power systems")
    assert "@" not in claims["9,751"].metric
    assert "@" not in claims["323,166"].metric


def test_a_text_without_tables_keeps_its_offsets():
    doc = parse("Revenue | up | 5%\nNo table here.\n", "a.md", "md")
    assert doc.offset_map == [] and doc.text == doc.raw


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["| a | b |\n", "|---|---|\n", "| 1,615 | x |\n", "text 12\n", "\n", "|", " "]), max_size=40))
def test_every_piece_maps_to_the_same_characters_of_the_file(parts):
    raw = "".join(parts)
    doc = parse(raw, "a.md", "md")
    for m in extract(doc):
        if "\n" not in m.text:  # a figure read across a line break spans two pieces of the map
            assert raw[m.file_start : m.file_end] == m.text


def test_a_bare_number_in_a_table_counts_what_its_labels_name_and_a_named_row_is_that_company():
    raw = ("Boeing's deliveries fell. Analysts said Airbus's rose.\n\n"
           "| Maker | 2024 deliveries |\n|---|---|\n| Airbus | 766 |\n| Boeing | 348 |\n")
    doc = parse(raw, "a.md", "md")
    claims = {c.mention.text: c for c in resolve(doc, extract(doc), Knowledge.load())}
    assert claims["766"].mention.kind == "count" and claims["766"].metric == "deliveries"
    assert claims["766"].entity == "~airbus" and claims["348"].entity == "~boeing"
    assert claims["766"].period.label == "2024"
