"""check/table_sums.py: a table's total row against its rows, at the precision the table shows."""
from hypothesis import given, settings, strategies as st

from factlint.check import run_rules
from factlint.ingest import parse
from factlint.knowledge import Knowledge
from factlint.pipeline import analyse

KB = Knowledge.load()


def _table(rows: list[int], total: int) -> str:
    body = "".join(f"| Part {chr(65 + k)} | {v:,} |\n" for k, v in enumerate(rows))
    return f"Halvard's units:\n\n| Unit | Revenue ($m) |\n|---|---|\n{body}| Total | {total:,} |\n"


def _flags(text: str) -> list[str]:
    a = analyse(parse(f"---\npublished: 2025-03-01\n---\n{text}", "t.md", "md"), KB)
    return [f.message for f in run_rules([a], KB) if "table total" in f.message]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=-500, max_value=5000), min_size=2, max_size=6))
def test_a_total_equal_to_its_rows_never_flags(rows):
    assert _flags(_table(rows, sum(rows))) == []


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=5000), min_size=2, max_size=6), st.integers(min_value=5, max_value=900))
def test_a_total_off_by_more_than_rounding_flags(rows, off):
    assert len(_flags(_table(rows, sum(rows) + off))) == 1


def test_a_table_interrupted_by_text_is_two_tables():
    text = _table([100, 200], 300) + "\nA note between the tables.\n\n" + _table([50, 60], 110)
    assert _flags(text) == []


_CHANGES = """Halvard's divisions:

| Division | 2024 ($m) | Change |
|---|---|---|
| Part A | 5,862 | -11% |
| Part B | 8,418 | +2% |
| Part C | 504 | - |
| Total | {total} | -2% |
"""


def test_signed_and_empty_cells_keep_the_table_whole():
    """'+2%' and '-' cells are cells: the total still meets every row above it."""
    assert len(_flags(_CHANGES.format(total="15,784"))) == 1
    assert _flags(_CHANGES.format(total="14,784")) == []


def test_a_column_of_changes_is_never_summed():
    """-11% + 2% is no check of the total's -2%: changes do not add up."""
    assert not any("Change" in m for m in _flags(_CHANGES.format(total="14,784")))
