"""A document's number and date convention (extract/convention.py): the
evidence each reader counts, the case file tests/cases/conventions.toml, and
properties: a number written either way reads back to one value when the
convention is known, and an English document reads as it always did."""
from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factlint.extract import convention, dates, extract, numbers
from factlint.ingest import parse

CASES = tomllib.loads((Path(__file__).parent / "cases" / "conventions.toml").read_text(encoding="utf-8"))["case"]


def _doc(text: str, path: str = "case.md", kind: str = "md", published: str | None = None):
    if published and kind == "md" and not text.startswith("---"):
        text = f"---\npublished: {published}\n---\n{text}"
    return parse(text, path, kind)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_case(case):
    doc = _doc(case["text"], case.get("path", "case.md"), case.get("kind", "md"), case.get("published"))
    c = convention.decide(doc.text, doc.raw, doc.path)
    assert (c.decimal_comma, c.day_first) == (case["decimal_comma"], case["day_first"]), c.note()
    found = {m.text: m for m in extract(doc)}
    for fig in case.get("figure", []):
        assert fig["text"] in found, (fig["text"], sorted(found))
        m = found[fig["text"]]
        if "period" in fig:
            assert m.period_start == date.fromisoformat(fig["period"]), m.notes
        else:
            assert m.value == pytest.approx(fig["value"]), m.notes


# --- each reader of evidence --------------------------------------------------


@pytest.mark.parametrize("text,side", [
    ("€1.045,5 million", 1), ("1.234.567 people", 1), ("€1,6 billion", 1), ("0,6%", 1), ("3,1416 radians", 1),
    ("$1,045.5 million", -1), ("1,234,567 people", -1), ("$1.6 billion", -1), ("0.6%", -1), ("3.1416 radians", -1),
    ("52.888 places", 0), ("45,401 fans", 0), ("€1.073 million", 0), ("1,6 and 7", 0), ("version 2.5", 0),
])
def test_number_evidence(text, side):
    c = convention.decide(text)
    assert (len(c.european), len(c.english)) == ((1, 0) if side > 0 else (0, 1) if side < 0 else (0, 0)), c.note()


@pytest.mark.parametrize("text,eu,en", [
    ("on 13/02/2025", 1, 0), ("on 13.02.2025", 1, 0), ("on 02/13/2025", 0, 1), ("on 02/09/2025", 0, 0),
    ("code 2025-01-24", 0, 0), ("on 1 September", 1, 0), ("the 10th of February", 1, 0), ("on September 1", 0, 1),
    ("in September 2025", 0, 0), ("12 months", 0, 0),
])
def test_date_evidence(text, eu, en):
    c = convention.decide(text)
    assert (len(c.european), len(c.english)) == (eu, en)
    assert c.day_first == (eu > en) and not c.decimal_comma


@pytest.mark.parametrize("raw,path,hint", [
    ('<html lang="es">', "a.html", "lang es"), ("<html lang='pt-BR'>", "a.html", "lang pt"),
    ('<meta property="og:locale" content="it_IT">', "a.html", "lang it"), ("---\nlanguage: nl\n---\n", "a.md", "lang nl"),
    ('<link rel="canonical" href="https://www.example.de/x">', "a.html", "domain .de"),
    ("---\nurl: https://news.example.fr/a\n---\n", "a.md", "domain .fr"), ("", "corpus/www.example.it_2025-01-01_x.txt", "domain .it"),
])
def test_hints(raw, path, hint):
    c = convention.decide("No numbers here.", raw, path)
    assert c.european == [hint] and c.decimal_comma and c.day_first


@pytest.mark.parametrize("raw,path", [('<html lang="en-GB">', "a.html"), ("", "www.example.com_x.txt"), ("", "notes.txt"),
                                      ('<link rel="canonical" href="https://example.co.uk/x">', "a.html")])
def test_no_hint(raw, path):
    assert convention.decide("No numbers here.", raw, path) == convention.Convention()


def test_a_file_date_decides_only_a_date_it_matches():
    assert convention.decide("Filed 02/09/2025.", "", "x_2025-09-02_y.txt").day_first
    assert not convention.decide("Filed 02/09/2025.", "", "x_2025-02-09_y.txt").day_first
    assert convention.decide("Filed 02/09/2025.", "", "x_2024-09-02_y.txt") == convention.Convention()


def test_hints_do_not_outweigh_english_numbers():
    c = convention.decide("Revenue rose 2.5% to $1.6 billion, or 0.75 a share.", '<html lang="de">', "x.html")
    assert not c.decimal_comma and c.note().startswith("document convention: English numbers")


def test_rewrite_keeps_length_and_only_number_tokens():
    text = "€1.045,5 million, 52.888 places, 45,401 fans, €4,484 billion, 2.5%, 02.09.2025, v1,2"
    out, spans = convention.to_english(text)
    assert len(out) == len(text)
    assert out == "€1,045.5 million, 52,888 places, 45,401 fans, €4.484 billion, 2.5%, 02.09.2025, v1,2"
    assert [text[s:e] for s, e in spans] == ["1.045,5", "52.888", "4,484"]


def test_convention_is_shown_in_extract_output():
    ms = extract(_doc("It invoiced €1.045,5 million and €837,8 million."))
    assert "document convention: European numbers" in ms[0].notes[-1] and "'1.045,5'" in ms[0].notes[-1]
    assert any("read as 837.8" in n for n in ms[1].notes)
    assert all(not any("convention" in n for n in m.notes) for m in extract(_doc("It made 40 million.")))


def test_publication_dateline_follows_the_convention():
    assert parse("02/09/2025 - Le club a payé 1.045,5 millions.\n", "a.txt").published == date(2025, 9, 2)
    assert parse("02/09/2025 - The club paid 1,045.5 million.\n", "a.txt").published == date(2025, 2, 9)
    assert parse("13/03/2025 - The club paid 1,045.5 million.\n", "a.txt").published == date(2025, 3, 13)


# --- properties ----------------------------------------------------------------

_VALUES = st.tuples(st.integers(0, 999_999_999), st.integers(0, 2), st.integers(0, 99))


def _write(whole: int, decimals: int, frac: int, european: bool) -> str:
    groups = f"{whole:,}".replace(",", "." if european else ",")
    if decimals == 0:
        return groups
    digits = f"{frac:02d}"[:decimals]
    return groups + ("," if european else ".") + digits


@given(_VALUES, st.sampled_from(["€", "$", ""]), st.sampled_from([" million", " billion", "%", " fans"]))
def test_a_number_reads_the_same_in_either_convention_when_it_is_known(v, cur, after):
    whole, decimals, frac = v
    if after == " fans":
        cur = ""
    english = f"It reported {cur}{_write(whole, decimals, frac, False)}{after} in total."
    european = f"It reported {cur}{_write(whole, decimals, frac, True)}{after} in total."
    en = [m for m in extract(_doc(english, "a.md")) if m.kind != "date"]
    eu = [m for m in extract(_doc(european, "www.example.de_a.md")) if m.kind != "date"]  # known: a .de source
    assert [m.value for m in eu] == [m.value for m in en]
    assert [m.text for m in eu] == [m.text.translate(str.maketrans(".,", ",.")) for m in en]


_EN_NUMBERS = st.builds(_write, st.integers(0, 9_999_999), st.integers(0, 2), st.integers(0, 99), st.just(False))
_WORDS = st.sampled_from(["revenue", "rose", "to", "$", "€", "million", "billion", "%", "fans", "on", "in", "2025",
                          "02/09/2025", "May", "3", "the", "and", ",", ".", "a", "year", "earlier"])


@given(st.lists(st.one_of(_EN_NUMBERS, _WORDS), max_size=30), st.sampled_from(["a.md", "www.example.com_a.txt"]))
def test_an_english_document_reads_as_before(parts, path):
    text = " ".join(parts)
    doc = parse(text, path, "txt" if path.endswith(".txt") else "md") if text.strip() else None
    if doc is None:
        return
    c = convention.decide(doc.text, doc.raw, doc.path)
    assert not c.decimal_comma and not c.day_first
    got = [(m.start, m.end, m.value, m.period_start) for m in extract(doc)]
    before = sorted(dates.extract(doc.text, doc.published) + numbers.extract(doc.text),
                    key=lambda m: (m.start, m.kind != "date", -(m.end - m.start)))
    kept = []
    for m in before:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    assert got == [(m.start, m.end, m.value, m.period_start) for m in kept]
