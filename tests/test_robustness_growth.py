"""Linear time on adversarial input, as a growth ratio rather than a wall-clock
limit: from 100 KB to 1 MB the work may grow about 10x (linear), far from the
100x of a quadratic scan.  Each size is timed in process CPU time (the best
of three runs, collector paused), so a busy machine does not make the ratio."""
from __future__ import annotations

import gc
import time

import pytest

from factlint import ingest
from factlint.htmltext import visible_text
from factlint.segment import paragraphs, sentences

SIZES = (10_000, 100_000, 1_000_000)
LIMIT = 30  # linear is ~10; quadratic would be ~100


def cpu(fn, arg) -> float:
    """The best of three runs with the garbage collector paused: a collection or a busy
    neighbour lands in one run, rarely in all three."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            t = time.process_time()
            fn(arg)
            best = min(best, time.process_time() - t)
    finally:
        gc.enable()
    return max(best, 1e-4)


def growth(fn, unit: str) -> list[float]:
    times = [cpu(fn, (unit * (n // len(unit) + 1))[:n]) for n in SIZES]
    return [times[1] / times[0], times[2] / times[1]]


HTML_UNITS = ["<!--", "<!", "</", "<a ", "<a x='", "<?", "&#", "&amp", "<![CDATA[", "<![if !IE]>", "<p>", "<script>",
              "</scrip", "<meta content=\"", "<title>", "x<", "<a\n",
              # furniture and tables: block stacks, stray end tags, labels copied per cell
              "<div class='share'>", "<div>", "</div>", "<div><a>x", "<li><a href=y>link", "<p>", "</span>",
              "<table><tr><th>head", "<td>1", "<tr><td>x<td>$5bn", "<table>", "<h1><div class=nav>",
              "<table><tr><th>h</th></tr><tr><td>", "<table><tr><th></th></tr><tr><td>"]


@pytest.mark.parametrize("unit", HTML_UNITS)
def test_html_reader_is_linear(unit):
    ratio = growth(visible_text, unit)
    assert ratio[1] < LIMIT, (unit, ratio)


# Runs of sentence marks without a space were quadratic (40 KB of dots: 55 s).
@pytest.mark.parametrize("unit", [".", "!?", "a.", ". ", "Mr. ", "U.S.", ".\"", "。"])
def test_sentence_splitter_is_linear(unit):
    ratio = growth(sentences, unit)
    assert ratio[1] < LIMIT, (unit, ratio)


@pytest.mark.parametrize("unit", ["\n \t", "x \n"])
def test_paragraph_splitter_is_linear(unit):
    ratio = growth(paragraphs, unit)
    assert ratio[1] < LIMIT, (unit, ratio)


@pytest.mark.parametrize("unit,kind", [("---\n", "md"), ("a: b\n", "md"), ("published: 2025-01-01\n", "txt"), ("\r\n", "txt"),
                                       ("Read more: x\n", "txt"), ("You may also like:\n- a\n", "md"), ("a | b | c\n", "txt"),
                                       ("|", "txt"), ("a|", "txt"), ("Related:", "txt"),
                                       ("| a | b |\n|---|---|\n", "md"), ("| Row | 1,615 |\n", "md"), ("|---|\n", "txt")])
def test_ingest_is_linear(unit, kind):
    ratio = growth(lambda raw: ingest.parse(raw, "a." + kind, kind), unit)
    assert ratio[1] < LIMIT, (unit, ratio)


@pytest.mark.parametrize("unit", ["1", "1.", "1,", "1.000", "1,5 ", "€1,5 ", "02/", "13/02/2025 ", "0,6% ", "1.2.3.4"])
def test_number_convention_is_linear(unit):
    from factlint.extract import convention

    assert growth(lambda t: convention.decide(t, t, "a.txt"), unit)[1] < LIMIT, unit
    assert growth(convention.to_english, unit)[1] < LIMIT, unit


# One long line of capitalised words: the heading test ran once per name over the whole line.
@pytest.mark.parametrize("unit", ["Alpha Beta Gamma Delta said ", "Norvik "])
def test_entity_matcher_is_linear_on_lines_of_names(unit):
    from factlint.knowledge import Knowledge

    find = Knowledge.load().entity_matcher.find
    ratio = growth(find, unit)
    assert ratio[1] < LIMIT, (unit, ratio)
