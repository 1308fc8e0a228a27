"""Links between the figures of one sentence, read from its parse: "raised its target to A
from B" (new and previous), "rose 12% to A" (a change of A), "expects revenue of A, down from B
previously" (B the figure A replaced), and "A, or B" / "A, equivalent to B" (a restatement in
another currency)."""
from __future__ import annotations

import re

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
    _replaced_by_before(p, group, anchors, words)
    by_verb: dict[int, dict[str, Claim]] = defaultdict(dict)
    for c in group:
        a = anchors.get(c.id)
        if a is not None and a.verb is not None and a.role in ("new", "previous", "change"):
            by_verb[a.verb.i].setdefault(a.role, c)
    for roles in by_verb.values():
        new, prev, change = roles.get("new"), roles.get("previous"), roles.get("change")
        if new is not None and prev is not None:
            _pair(new, prev, "to-from")
            if _revises(anchors[new.id], words):
                prev.role = "previous"  # the figure it replaced, not a comparison base
            elif prev.role is None:
                prev.role = "base"  # "operating income tripled to $2.8bn from $1.1bn": the level it grew from
        if change is not None and new is not None:
            change.links.append(Link(type="change-of", target=new.id, rule="change-to"))


def _replaced_by_before(p, group: list[Claim], anchors: dict[str, Anchor], words) -> None:
    """'now expects revenue of about $16.69 billion, down from $17.26 billion previously', 'frames
    spending as US$40-42bn, up from a prior US$38-42bn', 'now expects $74bn to $76bn, compared
    with the $72.8bn to $75.8bn range it set in January': a figure after "up/down from" or
    "compared with" that the wording marks as the earlier one (a word, or a clause saying the
    company gave it before) is the figure the one before it replaced, not a comparison base; it
    is about what that figure is about."""
    for k, b in enumerate(group):
        a = anchors.get(b.id)
        found = _earlier_figure(p, a, words) if a is not None and k else None
        if found is None:
            continue
        new = next((c for c in reversed(group[:k]) if c.mention.kind == b.mention.kind and c.mention.unit == b.mention.unit
                    and c.role not in ("base", "previous") and c.equivalent_of is None), None)
        if new is None or any(link.target == b.id for link in new.links):
            continue
        b.role = "previous"
        if b.frame is not None:
            b.frame.role = Slot(value="previous", words=found, rule="from-earlier-figure", confidence=0.7)
        b.entity, b.metric, b.period, b.status = new.entity, new.metric, new.period, new.status
        _pair(new, b, "from-earlier-figure", found)


def _pair(new: Claim, prev: Claim, rule: str, words: str = "") -> None:
    """Link a figure and the one it follows on from, both ways."""
    new.links.append(Link(type="previous", target=prev.id, words=words, rule=rule))
    prev.links.append(Link(type="new", target=new.id, words=words, rule=rule))


def _earlier_figure(p, a: Anchor, words) -> str | None:
    """The words that make the figure an earlier one of what the sentence's figure states, or None."""
    h = a.head
    noun = None
    if h.dep in ("nummod", "compound", "quantmod") and h.head != h.i and p.toks[h.head].pos == "NOUN":
        noun = p.toks[h.head]  # "the $72.8bn to $75.8bn range"
        if noun.lemma in words.time_nouns:
            return None  # "from the previous quarter's $46.7 billion" hung on the quarter: a base
    obj = noun if noun is not None else h
    if noun is None and obj.dep == "pobj" and obj.head != obj.i and p.toks[obj.head].lemma == "of":
        # "down from its previous forecast of $11.15bn to $11.3bn": the outlook noun the figure is of
        of = p.toks[obj.head]
        owner = p.toks[of.head] if of.head != of.i else None
        if owner is not None and owner.pos == "NOUN" and owner.lemma in words.outlook_nouns:
            noun = obj = owner
    if obj.dep != "pobj" or obj.head == obj.i:
        return None
    prep = p.toks[obj.head]
    gov = p.toks[prep.head] if prep.head != prep.i else None
    if gov is None or not ((prep.lemma == "from" and gov.lemma in ("up", "down", "high", "low"))
                           or (prep.lemma in ("with", "to") and gov.text.casefold() in ("compared", "comparing"))):
        return None
    if any(c.dep in ("poss", "compound") and c.lemma in words.time_nouns for c in p.children(h.i)):
        return None  # "from the previous quarter's $46.7 billion": another period's figure, a base
    cues = set(words.previous_cues)
    marks = [t for t in (*p.children(h.i), *p.children(prep.i), *(p.children(noun.i) if noun is not None else ()))
             if t.dep in ("amod", "advmod")]
    # "previously", "a prior $38-42bn"; not "20,575 a year earlier", a comparison base
    if any(t.lemma.casefold() in cues and not any(x.lemma in words.time_nouns for x in p.children(t.i)) for t in marks):
        return f"{gov.text} {prep.text}"
    # "the range it set in January": a clause in which its maker gave it as an outlook, in the past
    # ("the 1 trillion yen it spent the previous year" is an actual, a base)
    for r in p.children(obj.i):
        subj = next((c for c in p.children(r.i) if c.dep == "nsubj"), None) if r.dep == "relcl" else None
        if subj is not None and subj.pos == "PRON" and r.tag in ("VBD", "VBN") and r.lemma in words.outlook_verbs:
            return f"{gov.text} {prep.text} ... {subj.text} {r.text}"
    return None


# "The fine is made up of £104.5 million for ... and £18.2 million for ...": what follows is parts
_NEXT_PART = re.compile(r"^(?:\s[\w'’().-]{1,25}){0,12}?(?:,\s(?:and\s)?|\sand\s)(?:about\s|around\s|roughly\s|some\s)?$", re.I)


def made_of_parts(text: str, claims: list[Claim], words) -> None:
    """The amounts a sentence says something is made up of (consists of, is split into) are its
    parts, never a figure of the whole: each takes the role "part", the first right after the
    words, the next ones while the list goes on ("... and £18.2 million for ...")."""
    prev = None
    for c in claims:
        m = c.mention
        if m.kind not in ("money", "count", "quantity"):
            prev = None
            continue
        listed = prev is not None and prev.sentence_start == c.sentence_start \
            and _NEXT_PART.match(text[prev.mention.end : m.start]) is not None
        if listed or words.made_of_before.search(text, max(c.sentence_start, m.start - 40), m.start):
            if c.role is None:
                c.role = "part"
                if c.frame is not None:
                    c.frame.role = Slot(value="part", words="made up of", rule="listed-as-made-of", confidence=0.7)
            prev = c
        else:
            prev = None


_PREVIOUS_GAP = r"\s*(?:\(|,|;|[-–—])\s*(?:{cues})(?:\s(?:guidance|forecast|outlook|target|goal|estimate|range|view))?\s*:?\s*$"


def previously_noted(text: str, claims: list[Claim], words) -> None:
    """'now expects group sales of €39.5 billion to €42.0 billion (previously: €40.0 billion to
    €42.5 billion)': a figure a bracket or a comma marks as the earlier one ("previously",
    "prior", "old guidance") is what the figure just before it replaced, about what it is about."""
    gap = words.__dict__.get("_previous_gap")
    if gap is None:
        cues = "|".join(re.escape(w) for w in sorted(words.previous_cues, key=len, reverse=True))
        gap = words.__dict__["_previous_gap"] = re.compile(_PREVIOUS_GAP.format(cues=cues), re.I)
    for new, b in zip(claims, claims[1:]):
        if new.sentence_start != b.sentence_start or new.mention.kind != b.mention.kind or new.mention.unit != b.mention.unit \
                or b.role is not None or new.role in ("base", "previous") or any(link.target == b.id for link in new.links):
            continue
        if b.mention.start - new.mention.end > 40 or not gap.match(text, new.mention.end, b.mention.start):
            continue
        b.role = "previous"
        if b.frame is not None:
            b.frame.role = Slot(value="previous", words="previously", rule="noted-as-previous", confidence=0.7)
        b.entity, b.metric, b.period, b.status = new.entity, new.metric, new.period, new.status
        _pair(new, b, "noted-as-previous", text[new.mention.end : b.mention.start].strip())
