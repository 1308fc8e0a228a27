"""A wrong weekday is reported once, with the same day as the other sources give it."""
from factlint.check.engine import run_rules
from factlint.ingest import parse
from factlint.knowledge import Knowledge
from factlint.pipeline import analyse

KB = Knowledge.load()


def _findings(*texts):
    analyses = [analyse(parse(t, f"a{k}.md", "md"), KB) for k, t in enumerate(texts)]
    return [f for f in run_rules(analyses, KB) if f.rule == "weekday"]


def test_wrong_weekday_cites_the_other_sources_day():
    found = _findings("---\npublished: 2025-08-25\n---\nThe stadium opened on Saturday 24 August.\n",
                      "---\npublished: 2025-08-26\n---\nIt opened on Sunday 24 August.\n",
                      "---\npublished: 2025-08-27\n---\nFans arrived on 24 August 2025.\n")
    assert len(found) == 1
    assert [(c.doc, c.role) for c in found[0].claims] == [("a0.md", "date"), ("a1.md", "same day elsewhere"),
                                                           ("a2.md", "same day elsewhere")]


def test_a_right_weekday_is_never_reported_and_alone_the_wrong_one_still_is():
    assert _findings("---\npublished: 2025-08-26\n---\nIt opened on Sunday 24 August.\n") == []
    alone = _findings("---\npublished: 2025-08-25\n---\nThe stadium opened on Saturday 24 August.\n")
    assert [c.role for c in alone[0].claims] == ["date"]


def test_the_day_the_weekday_fits_is_cited_when_another_source_gives_it():
    found = _findings("---\npublished: 2025-08-25\n---\nThe order, issued on Friday, August 23, halts the project.\n",
                      "---\npublished: 2025-08-24\n---\nRegulators halted the project on Friday, August 22.\n",
                      "---\npublished: 2025-08-24\n---\nWork stopped on Thursday, August 21.\n")
    assert len(found) == 1
    assert [(c.doc, c.role, c.text) for c in found[0].claims] == [
        ("a0.md", "date", "Friday, August 23"), ("a1.md", "the day the weekday fits, elsewhere", "Friday, August 22")]
    assert "a1.md gives 'Friday, August 22' (2025-08-22, a Friday)" in found[0].message
    # a source that gives the day without its weekday may be telling any other event of that day
    found = _findings("---\npublished: 2025-08-25\n---\nThe order, issued on Friday, August 23, halts the project.\n",
                      "---\npublished: 2025-08-24\n---\nA festival opened on August 22.\n")
    assert [c.text for c in found[0].claims] == ["Friday, August 23"]
