"""The HTML reader's furniture and tables: rules/lexicon/html.toml examples,
structure, class/role words, link density, tables read with their labels."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factlint.extract import extract
from factlint.htmlblocks import EXAMPLES, furniture
from factlint.htmltext import visible_text
from factlint.ingest import parse


def text(html: str) -> str:
    return visible_text(html)[0]


@pytest.mark.parametrize("ex", EXAMPLES, ids=lambda ex: ex["keep"][0][:40])
def test_lexicon_example(ex):
    t = text(ex["html"])
    for k in ex["keep"]:
        assert k in t, (k, t)
    for d in ex["drop"]:
        assert d not in t, (d, t)


@pytest.mark.parametrize("attrs,is_furniture", [
    ({"class": "cookie"}, True), ({"id": "consent-banner"}, True), ({"class": "share_bar"}, True),
    ({"class": "mostRead"}, True), ({"class": "most-read"}, True), ({"class": "read-more"}, True),
    ({"role": "navigation"}, True), ({"role": "Contentinfo "}, True), ({"class": "related-articles"}, True),
    ({"class": "article-body"}, False), ({"class": "header shadow"}, False), ({"class": "kicker"}, False),
    ({"id": "readers"}, False), ({"role": "main"}, False), ({}, False),
])
def test_furniture_words(attrs, is_furniture):
    assert furniture("div", attrs) is is_furniture


def test_structure_and_words_drop_what_the_article_does_not_say():
    page = ("<html><body><header>Top 10 stories</header><nav>2025 archive</nav>"
            "<div class='newsletter'>Join 50,000 readers</div>"
            "<main><article><h1>Plant opens</h1><p>The plant cost $2 billion in 2024.</p></article>"
            "<section class='related'><h2>Related</h2><p>Rival spends $9 billion</p></section></main>"
            "<div role='contentinfo'>© 2025 Example Media, 12 offices</div></body></html>")
    t = text(page)
    assert "The plant cost $2 billion in 2024." in t
    for gone in ("Top 10", "2025 archive", "50,000", "$9 billion", "12 offices"):
        assert gone not in t


def test_mostly_links_is_dropped_a_link_in_a_sentence_is_kept():
    t = text("<p>Revenue was <a href='/r'>$5bn</a>, up 12% on a year earlier, the company said.</p>"
             "<p><a href='/x'>Profit doubled to $3bn</a> (video)</p>"
             "<ul><li><a href='/a'>Sales up 8%</a></li><li><a href='/b'>40 jobs cut</a></li></ul>")
    assert "Revenue was $5bn, up 12% on a year earlier" in t
    assert "$3bn" not in t and "8%" not in t and "40 jobs" not in t


def test_an_unclosed_link_ends_with_its_block():
    t = text("<p>See <a href='/x'>this<p>The plant cost $2 billion to build last year, the firm said.</p>")
    assert "The plant cost $2 billion" in t


def test_a_furniture_block_holding_the_headline_is_kept():
    t = text("<div class='share-wrapper'><h1>Plant opens</h1><p>It cost $2 billion.</p></div>")
    assert "It cost $2 billion." in t


def test_time_inside_furniture_is_not_the_publication_date():
    page = ("<div class='related'><time datetime='2020-01-01'>old</time></div>"
            "<article><time datetime='2025-03-04'>4 March</time><p>Text.</p></article>")
    assert parse(page, "a.html", "html").published.isoformat() == "2025-03-04"


def test_table_cells_read_with_row_and_column_labels_and_offsets():
    page = ("<table><caption>Results</caption><thead><tr><th>Rank</th><th>Club</th><th>Revenue 2024</th></tr></thead>"
            "<tbody><tr><td>1</td><td>Real Madrid</td><td>€1.2bn</td></tr>"
            "<tr><td>2</td><td>Manchester City</td><td>€837.8m</td></tr></tbody></table>")
    doc = parse(page, "t.html", "html")
    assert "Real Madrid, Revenue 2024: €1.2bn\n" in doc.text and "Manchester City, Rank: 2\n" in doc.text
    money = [m for m in extract(doc) if m.kind == "money"]
    assert [m.text for m in money] == ["€1.2bn", "€837.8m"]
    for m in money:
        assert page[m.file_start : m.file_end] == m.text


def test_a_table_without_headers_reads_cell_by_cell():
    assert text("<p>x</p><table><tr><td>Revenue</td><td>$5bn</td></tr></table>") == "x\nRevenue\n$5bn\n"


def test_nested_and_unclosed_tables():
    t = text("<table><tr><th>A</th><th>B</th></tr><tr><td>x</td><td><table><tr><td>$1bn</td></tr></table></td></tr>"
             "<tr><td>y<td>$2bn")
    assert "x, B: " in t and "$1bn" in t and "y, B: $2bn" in t


_UNITS = st.sampled_from(["<div class='share'>", "</div>", "<p>", "</p>", "<a href=x>", "</a>", "<li>", "<ul>", "</ul>",
                          "<table>", "<tr>", "<th>", "<td>", "</td>", "</table>", "<h1>", "<aside>", "</aside>",
                          "$5bn", "Revenue ", "2024 ", "&amp;", "<div role=navigation>"])


@given(st.lists(_UNITS, max_size=40))
def test_any_page_gives_sorted_offsets_into_the_file(units):
    page = "".join(units)
    t, offsets, _ = visible_text(page)
    assert [a for a, _ in offsets] == sorted(a for a, _ in offsets)
    assert all(0 <= f <= len(page) for _, f in offsets)
    assert sum(1 for _ in t) <= 3 * len(page) + 200  # labels are copied, but bounded per cell


# --- teaser and navigation lines of text and Markdown scrapes -------------------


def test_teaser_lines_of_a_scrape_are_blanked_in_place():
    raw = ("Home | Sport | Football finance | Markets\nRevenue rose 6% to €11.2bn.\n"
           "Read more: Wirtz completes £116m switch\nRelated: Bayern's revenue rises to €765m\n"
           "You may also like:\n- Everton's 52,888-seat home\n2. Sky's 215-game season\n\n"
           "| Club | Revenue |\n|---|---|\n| Madrid | €1bn |\nThe related: no.\n")
    doc = parse(raw, "a.txt", "txt")
    head = raw.index("| Club")  # teasers are blanked in place; the table after them becomes labelled lines
    assert doc.text[:head] != raw[:head] and len(doc.text[:head]) == head and doc.text.count("\n", 0, head) == raw.count("\n", 0, head)
    for gone in ("Markets", "£116m", "€765m", "52,888", "215-game", "You may"):
        assert gone not in doc.text
    for kept in ("Revenue rose 6% to €11.2bn.", "Madrid, Revenue: €1bn", "The related: no."):
        assert kept in doc.text
    money = [m for m in extract(doc) if m.kind == "money"]
    assert [m.text for m in money] == ["€11.2bn", "€1bn"]
    assert all(raw[m.file_start : m.file_end] == m.text for m in money)


def test_markdown_keeps_pipe_lines_and_drops_teasers():
    doc = parse("---\ntitle: x\n---\nA | B | C\nRead more: Profit hit $3bn\nSales were $2bn.\n", "a.md", "md")
    assert "A | B | C" in doc.text and "$3bn" not in doc.text and "Sales were $2bn." in doc.text


def test_tables_nested_past_the_depth_limit_are_still_read():
    t = text("<table>" * 40 + "<tr><td>$5bn</td></tr>" + "</table>" * 40 + "<p>After.</p>")
    assert "$5bn" in t and "After." in t
