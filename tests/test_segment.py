from hypothesis import given, strategies as st

from factlint.segment import Index, paragraphs, sentences, soft_wraps


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


WIRE = (
    "Deere said on Thursday that net income for the fiscal year was $7.1 billion, down\n"
    "from $10.17 billion a year earlier, as farmers bought fewer large tractors and\n"
    "combines. Sales fell 16 percent.\n"
    "\n"
    "DEERE & COMPANY (Moline, Illinois)\n"
    "  Net sales and revenues: $51.7 billion, down 16%\n"
    "  Net income: $7.1 billion\n"
    "CNH INDUSTRIAL (Basildon, England)\n"
    "- Deere earned more than five times CNH's net income on a little over two and a\n"
    "  half times its revenue.\n"
    "- Both cut production hard in the final quarter of the fiscal year, it said.\n"
)


def test_a_hard_wrapped_paragraph_is_one_run_of_sentences():
    texts = _texts(WIRE)
    assert texts[0] == WIRE[: WIRE.index("combines.") + len("combines.")]  # over three lines
    assert texts[1] == "Sales fell 16 percent."
    assert [WIRE[p.start : p.end] for p in paragraphs(WIRE)][0].endswith("Sales fell 16 percent.")


def test_short_lines_bullets_and_indented_figures_keep_their_breaks():
    texts = _texts(WIRE)
    for line in ("DEERE & COMPANY (Moline, Illinois)", "Net sales and revenues: $51.7 billion, down 16%",
                 "Net income: $7.1 billion", "CNH INDUSTRIAL (Basildon, England)",
                 "- Both cut production hard in the final quarter of the fiscal year, it said."):
        assert line in texts
    # a bullet's hanging indent continues its item
    assert "- Deere earned more than five times CNH's net income on a little over two and a\n  half times its revenue." in texts


def test_a_text_with_long_lines_is_not_hard_wrapped():
    para = "Revenue rose to $5 billion in the year, the company said, and it expects more growth next year " * 3
    text = "\n".join([para, para, "Read more: a short related link", para, para])
    assert soft_wraps(text) == frozenset()
    assert len(paragraphs(text)) == 5


@given(st.text(alphabet="ab .\n-:\r\x0c\t", max_size=400))
def test_soft_wraps_are_newlines(text):
    assert all(text[i] == "\n" for i in soft_wraps(text))


def test_a_whitespace_line_under_a_bullet_is_no_wrap():
    text = ("- " + "word " * 14 + "\n") * 5 + "\x0c\nlast line"
    assert soft_wraps(text) == frozenset()  # (it raised before: the line has no first word)


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
        sentences("a. " * n + "!" * n + " " * n + "\n" * n + "word word\n" * n)  # soft_wraps too
        return time.perf_counter() - t

    small, big = cost(10_000), cost(40_000)
    assert big < 8 * small + 0.05  # 4x the input: linear costs ~4x, quadratic ~16x



def test_a_line_ending_in_a_comma_or_word_runs_on_into_a_lower_case_line_at_any_width():
    long = "Harbor Tyres lowered its forecast for 2025 segment operating income at constant exchange rates sharply"
    text = (f"{long} to between €2.6 billion and €3.0 billion,\nfrom above €3.4 billion, after a weak quarter. {long}.\n"
            "It said margins would\nrecover next year.\nThe shares fell\nNew lows followed.")
    texts = _texts(text)
    assert f"{long} to between €2.6 billion and €3.0 billion,\nfrom above €3.4 billion, after a weak quarter." in texts
    assert "It said margins would\nrecover next year." in texts
    # a capital after the break (a heading, a name, a new sentence) keeps it
    assert "The shares fell" in texts and "New lows followed." in texts
