"""Inline suppressions and waivers: what they silence, and what is reported."""
from __future__ import annotations

from datetime import date

import pytest

from factlint.ingest import parse
from factlint.knowledge import ConfigError
from factlint.models import ClaimRef, Finding, Severity
from factlint.suppress import apply, load_waivers

TEXT = """---
published: 2026-06-01
---
First paragraph with a figure of 100.

<!-- factlint-ignore: value-agreement the later figure was restated -->
Second paragraph with 200
that runs over two lines.

Third paragraph with 300.
"""


def finding(doc, text, offset, rule="value-agreement", fingerprint="f" * 32):
    ref = ClaimRef(doc=doc.path, start=offset, end=offset + 3, line=doc.line_col(offset)[0], column=1, text=text)
    return Finding(rule=rule, kind="value-conflict", severity=Severity.ERROR, message=text, claims=[ref], fingerprint=fingerprint)


@pytest.fixture
def doc():
    return parse(TEXT, "a.md", "md")


def test_next_paragraph_only(doc):
    f1 = finding(doc, "100", TEXT.index("100"))
    f2 = finding(doc, "200", TEXT.index("200"))
    f3 = finding(doc, "300", TEXT.index("300"))
    out = apply([f1, f2, f3], [doc], [], date(2026, 6, 2))
    assert out.kept == [f1, f3] and out.silenced == [f2]
    assert out.notes == []


def test_other_rule_is_not_silenced(doc):
    f = finding(doc, "200", TEXT.index("200"), rule="arithmetic")
    out = apply([f], [doc], [], date(2026, 6, 2))
    assert out.kept == [f]
    assert out.notes and "unused suppression" in out.notes[0] and "a.md:6" in out.notes[0]


def test_file_level_and_wildcard():
    text = "<!-- factlint-ignore-file: * quoted from a filing -->\nA 100.\n\nB 200.\n"
    d = parse(text, "b.md", "md")
    fs = [finding(d, "100", text.index("100"), rule="arithmetic"), finding(d, "200", text.index("200"))]
    out = apply(fs, [d], [], date(2026, 1, 1))
    assert out.kept == [] and len(out.silenced) == 2


def test_reason_is_required():
    text = "<!-- factlint-ignore: arithmetic -->\nA 100.\n"
    d = parse(text, "c.md", "md")
    out = apply([], [d], [], date(2026, 1, 1))
    assert out.errors and out.errors[0].line == 1 and "needs a reason" in out.errors[0].message


def test_waivers_expire_and_unused_are_reported(tmp_path, doc):
    w = tmp_path / "waivers.toml"
    w.write_text(
        '[[waiver]]\nfingerprint = "aaaaaaaaaaaa"\nreason = "agency copy"\n\n'
        '[[waiver]]\nfingerprint = "bbbbbbbbbbbb"\nreason = "old"\nexpires = 2026-01-01\n\n'
        '[[waiver]]\nfingerprint = "cccccccccccc"\nreason = "gone"\n',
        encoding="utf-8",
    )
    waivers = load_waivers(w)
    fa = finding(doc, "100", TEXT.index("100"), fingerprint="aaaaaaaaaaaa")
    fb = finding(doc, "300", TEXT.index("300"), fingerprint="bbbbbbbbbbbb")
    out = apply([fa, fb], [doc], waivers, date(2026, 6, 2), str(w))
    assert out.silenced == [fa] and out.kept == [fb]
    joined = "\n".join(out.notes)
    assert "expired on 2026-01-01" in joined and "cccccccccccc matches no finding" in joined


def test_waiver_without_reason_names_file_and_key(tmp_path):
    w = tmp_path / "waivers.toml"
    w.write_text('[[waiver]]\nfingerprint = "aaaaaaaaaaaa"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"waivers.toml: waiver\[0\]\.reason"):
        load_waivers(w)
