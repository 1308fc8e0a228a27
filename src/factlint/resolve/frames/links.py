"""Links between the figures of one sentence, read from its parse: "raised its target to A
from B" (new and previous), "rose 12% to A" (a change of A), "expects revenue of A, down from B
previously" (B the figure A replaced), and "A, or B" / "A, equivalent to B" (a restatement in
another currency)."""
from __future__ import annotations

from collections import defaultdict

from ...models import Claim, Link, Slot
from .grammar import Anchor


def equivalents(p, group: list[Claim], anchors: dict[str, Anchor], words) -> None:
    """A money figure restated in another currency by a linking word or "or" (the token tier
    reads the bracketed form and the apposition): the restatement becomes the first figure's equivalent."""
    money = [c for c in group if c.mention.kind == "money" and c.id in anchors]
    for a, b in zip(money, money[1:]):
        if b.equivalent_of is not None or a.mention.unit == b.mention.unit:
            continue
        ha, hb = anchors[a.id].head, anchors[b.id].head
        linked = None
        if hb.dep == "conj" and hb.head == ha.i and any(c.dep == "cc" and c.lemma == "or" for c in p.children(ha.i)):
            linked = "or"
        elif hb.dep == "pobj" and hb.head != hb.i:
            prep = p.toks[hb.head]
            g = p.toks[prep.head]
            hops, t = 0, g
            while t.i != ha.i and t.head != t.i and hops < 3:
                t, hops = p.toks[t.head], hops + 1
            if prep.lemma == "to" and g.lemma in words.equivalence_words and (t.i == ha.i or g.head == ha.i):
                linked = g.lemma
        if linked:
            b.equivalent_of = a.id
            b.entity, b.metric, b.period, b.hedges = a.entity, a.metric, a.period, a.hedges
            b.as_of, b.as_of_source, b.attribution, b.role = a.as_of, a.as_of_source, a.attribution, a.role
            b.links.append(Link(type="equivalent", target=a.id, words=linked, rule=f"equivalent-by-{linked}"))


def _revises(a: Anchor, lists) -> bool:
    """'raised its target to A from B': the verb replaces a plan or forecast (B is the previous
    figure); 'revenue rose to A from B' compares two actual levels (B is a base)."""
    words = {a.property or "", *a.modifiers, a.noun.lemma if a.noun is not None else ""}
    return bool(words & set(lists.revisable_nouns)) or (a.verb is not None and a.verb.lemma in lists.revising_verbs)


def link(p, group: list[Claim], anchors: dict[str, Anchor], words) -> None:
    """Relations inside a sentence: 'to A from B' under one verb are new and previous."""
    by_verb: dict[int, dict[str, Claim]] = defaultdict(dict)
    for c in group:
        a = anchors.get(c.id)
        if a is not None and a.verb is not None and a.role in ("new", "previous", "change"):
            by_verb[a.verb.i].setdefault(a.role, c)
    _replaced_by_before(p, group, anchors, words)
    for roles in by_verb.values():
        new, prev, change = roles.get("new"), roles.get("previous"), roles.get("change")
        if new is not None and prev is not None:
            new.links.append(Link(type="previous", target=prev.id, rule="to-from"))
            prev.links.append(Link(type="new", target=new.id, rule="to-from"))
            if _revises(anchors[new.id], words):
                prev.role = "previous"  # the figure it replaced, not a comparison base
        if change is not None and new is not None:
            change.links.append(Link(type="change-of", target=new.id, rule="change-to"))


def _replaced_by_before(p, group: list[Claim], anchors: dict[str, Anchor], words) -> None:
    """'now expects revenue of about $16.69 billion, down from $17.26 billion previously', 'frames
    spending as US$40-42bn, up from a prior US$38-42bn': a figure after "up/down from" that a word
    marks as the earlier one is the figure the one before it replaced, not a comparison base;
    it is about what that figure is about."""
    cues = set(words.previous_cues)
    for k, b in enumerate(group):
        a = anchors.get(b.id)
        if a is None or k == 0 or a.head.dep != "pobj" or a.head.head == a.head.i:
            continue
        prep = p.toks[a.head.head]
        if prep.lemma != "from" or prep.head == prep.i or p.toks[prep.head].lemma not in ("up", "down", "high", "low"):
            continue
        marks = [t for t in (*p.children(a.head.i), *p.children(prep.i)) if t.dep in ("amod", "advmod")]
        # "previously", "a prior $38-42bn"; not "20,575 a year earlier", a comparison base
        if not any(t.lemma.casefold() in cues and not any(x.lemma in words.time_nouns for x in p.children(t.i)) for t in marks):
            continue
        new = next((c for c in reversed(group[:k]) if c.mention.kind == b.mention.kind and c.role not in ("base", "previous")), None)
        if new is None or any(link.target == b.id for link in new.links):
            continue
        b.role = "previous"
        if b.frame is not None:
            b.frame.role = Slot(value="previous", words=f"{p.toks[prep.head].text} {prep.text}", rule="from-earlier-figure", confidence=0.7)
        b.entity, b.metric, b.period, b.status = new.entity, new.metric, new.period, new.status
        new.links.append(Link(type="previous", target=b.id, words=prep.text, rule="from-earlier-figure"))
        b.links.append(Link(type="new", target=new.id, words=prep.text, rule="from-earlier-figure"))
