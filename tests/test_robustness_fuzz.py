"""A bounded fuzz run over the whole pipeline and every output format: hostile
articles (huge numbers, dates off the calendar, broken HTML, control
characters) under hostile file names.  Nothing may raise, JSON and SARIF must
be valid with finite numbers, and no text line may be forged by the input.
Deterministic (derandomize); benchmarks/fuzz.py runs the same for longer."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.knowledge import Knowledge
from factlint.pipeline import lint
from factlint.report import github, html, json_out, junit, sarif, text

KB = Knowledge.load()
PIECES = [
    "Harbor Kinetics", "revenue", "of", "$120 million", "$150 million", "in 2024", "for 2024", ".", "!", "?", "\n", "\n\n",
    "999 decades later", "9990 years later", "in the year 9999", "0001-01-01", "$" + "9" * 400, "1" * 320 + "%",
    "1e308", "nearly", "over", "up 42.7% from HK$508", "(approx. $70 billion)", "<![", "<![CDATA[", "<!--", "-->", "<a ",
    "<script>", "</", "&#x110000;", "&#99999999;", "\x00", "\x1b[31m", "\u2028", "\u202e", "\ufeff", "::warning::x",
    "%zz", "{entity}", "respectively", "nine days later", "Tuesday, February 31, 2026", "Q5 2025", "FY99999",
    "monthly active users", "40 million", "55 million", "users", "...", ". . .", "“", "”", "é", "中文", "300亿元",
]
NAMES = st.sampled_from(["a.md", "b.txt", "c.html", "x\n::warning file=e::y.md", "sp ace.md", "é.txt", "-rf.md", "%0A.md"])
FRONT = st.sampled_from(["", "---\npublished: 2025-03-01\n---\n", "---\npublished: 9999-12-31\n---\n",
                         "---\npublished: 0001-01-02\n---\n", "---\ntitle: [\n---\n", "---\n"])
ARTICLE = st.tuples(FRONT, st.lists(st.sampled_from(PIECES), max_size=40)).map(lambda t: t[0] + " ".join(t[1]))


def no_constants(name: str):
    raise ValueError(f"non-finite number in JSON: {name}")


@settings(max_examples=int(os.environ.get("FACTLINT_FUZZ_EXAMPLES", 60)), deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.dictionaries(NAMES, ARTICLE, min_size=1, max_size=3))
def test_whole_pipeline_and_outputs_survive_hostile_articles(articles):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "arts"
        root.mkdir()
        for name, body in articles.items():
            (root / name).write_text(body, encoding="utf-8", errors="surrogatepass")
        result = lint([root], KB, jobs=1)
        report = result.report
        assert not any(e.kind == "internal" for e in report.errors), report.errors
        json.loads(json_out.lint_json(report), parse_constant=no_constants)
        json.loads(sarif.render(report, KB), parse_constant=no_constants)
        junit.render(report)
        page = html.render(report, result.analyses)
        assert page.count("<script") == html.render(type(report)(), []).count("<script")  # article text never adds one
        for out in (text.lint_text(report), github.render(report)):
            for line in out.splitlines():
                assert not line.startswith("::") or line.startswith(("::error ", "::warning ", "::notice ")), line
        assert text.lint_text(report) == text.lint_text(lint([root], KB, jobs=1).report)  # deterministic
