"""The grammar tier's case files: named sentences and the frame each figure must get.

tests/cases/frames/<sub-stage>.toml holds one file per sub-stage of resolve/frames (property,
actor, period and as-of, status, links).  Each case is an article body, the figure as written,
and the slots expected of it; a slot not named is not checked.
"""
from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from factlint.extract import extract
from factlint.knowledge import Knowledge
from factlint.models import Document
from factlint.resolve import resolve

CASES = Path(__file__).parent / "cases" / "frames"
KB = Knowledge.load()


def _cases():
    return [pytest.param(case, id=f"{path.stem}:{case['name']}")
            for path in sorted(CASES.glob("*.toml"))
            for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]]


def read(text: str, published: str = "2025-06-10", title: str | None = None):
    doc = Document(path="case.md", raw=text, text=text, published=date.fromisoformat(published), title=title)
    return resolve(doc, extract(doc), KB)


def _claim(claims, figure: str):
    found = [c for c in claims if c.mention.text == figure]
    assert found, f"no figure {figure!r} among {[c.mention.text for c in claims]}"
    return found[0]


@pytest.mark.parametrize("case", _cases())
def test_frame_case(case):
    claims = read(case["text"], case.get("published", "2025-06-10"), case.get("title"))
    c = _claim(claims, case["figure"])
    f = c.frame
    assert f is not None, "the sentence was not parsed"
    got = {
        "property": f.property.value or "", "actor": f.root.value or f.actor.value, "actor_rule": f.actor.rule,
        "frame_period": f.period.value, "frame_period_rule": f.period.rule, "frame_as_of": f.as_of.value, "status": c.status, "role": f.role.value,
        "metric": c.metric, "period": c.period.label if c.period else "", "kind": c.mention.kind, "thing": f.thing.value,
        "as_of": c.as_of.isoformat() if c.as_of else None,
        "links": sorted(f"{link.type}:{next(o.mention.text for o in claims if o.id == link.target)}" for link in c.links),
    }
    expected = {k: v for k, v in case.items() if k in got}
    if "links" in expected:
        expected["links"] = sorted(expected["links"])
    assert {k: got[k] for k in expected} == expected, f.model_dump_json(indent=1)


def test_case_files_cover_every_sub_stage():
    assert {p.stem for p in CASES.glob("*.toml")} >= {"property", "actor", "period", "status", "links"}


def test_a_metric_word_or_a_city_is_never_the_main_entity():
    """'Sales' heading a table and 'London' in a dateline are named often, and appear in the
    headline, but the article is about the company."""
    from types import SimpleNamespace

    from factlint.resolve.entities import EntityHit
    from factlint.resolve.frames import main_entity

    def hit(eid):
        return EntityHit(0, 1, eid, eid[1:].title(), "unknown", False)

    ents = [hit("~sales")] * 4 + [hit("~london")] * 4 + [hit("~fenwick")] * 3
    ctx = SimpleNamespace(ents=ents, kb=KB, doc=SimpleNamespace(title="London: Fenwick's sales jump"))
    assert main_entity(ctx, set()) == ("~fenwick", True)
    ctx.ents = ents + [hit("~brannock")]
    assert main_entity(ctx, set()) == ("~fenwick", False)
