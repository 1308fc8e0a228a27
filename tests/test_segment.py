from hypothesis import given, strategies as st

from factlint.segment import Index, paragraphs, sentences


def _texts(text):
    return [text[s.start : s.end] for s in sentences(text)]


def test_sentences_split_on_terminal_punctuation():
    text = "Revenue rose 12%. Profit fell! Why? Nobody knows"
    assert _texts(text) == ["Revenue rose 12%.", "Profit fell!", "Why?", "Nobody knows"]


def test_abbreviations_initials_and_decimals_do_not_split():
    text = "It was approx. 6.7 yuan per dollar, said J. Smith of Acme Inc. in the U.S. market. Next one."
    assert _texts(text) == ["It was approx. 6.7 yuan per dollar, said J. Smith of Acme Inc. in the U.S. market.", "Next one."]


def test_a_scale_abbreviation_before_its_currency_ends_no_sentence():
    text = "Net profit fell 42% to 978 Mio. €, compared with 2.304 Mio. € in 2023. Sales were 36,0 Mrd. Euro."
    assert _texts(text) == ["Net profit fell 42% to 978 Mio. €, compared with 2.304 Mio. € in 2023.", "Sales were 36,0 Mrd. Euro."]


def test_closing_quotes_stay_with_their_sentence():
    assert _texts('He said, "We will spend more." Then he left.') == ['He said, "We will spend more."', "Then he left."]


def test_newlines_end_sentences_and_paragraphs():
    text = "Heading\nFirst line. Second.\n\nNew paragraph."
    assert _texts(text) == ["Heading", "First line.", "Second.", "New paragraph."]
    assert [text[p.start : p.end] for p in paragraphs(text)] == ["Heading", "First line. Second.", "New paragraph."]


def test_index_finds_the_enclosing_span():
    text = "One. Two. Three."
    idx = Index(sentences(text))
    assert text[idx.span(text.index("Two")).start :].startswith("Two")
    assert idx.at(0) == 0 and idx.at(len(text) - 1) == 2


@given(st.text(max_size=300))
def test_spans_are_ordered_disjoint_and_inside(text):
    for spans in (sentences(text), paragraphs(text)):
        last = 0
        for s in spans:
            assert last <= s.start < s.end <= len(text)
            assert text[s.start : s.end].strip() == text[s.start : s.end]
            last = s.end


def test_linear_on_adversarial_input():
    import time

    def cost(n):
        t = time.perf_counter()
        sentences("a. " * n + "!" * n + " " * n + "\n" * n)
        return time.perf_counter() - t

    small, big = cost(10_000), cost(40_000)
    assert big < 8 * small + 0.05  # 4x the input: linear costs ~4x, quadratic ~16x
