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
