"""Who a figure is about: the possessor of its noun, else the subject of its verb.

"Alibaba's cloud revenue" -> Alibaba; "Alibaba said it would spend ..." -> "it",
an anaphor, which points back to the entity the token tier found (or the
subject of the verb that reports the figure).  A product or segment found here
is the `thing`; the `root` is the company it rolls up to through `parent` links.
"""
from __future__ import annotations

from ...lexicons import FrameWords
from ...models import Slot
from ..entities import unknown_id
from ...parse import Parse, Tok
from .grammar import NOUNS, VERBS, Anchor, dateline

_MAX_CLIMB = 6  # clauses up from the figure's verb: "X said it expects to spend"


def _hit_at(hits, lo: int, hi: int):
    """The entity hit overlapping [lo, hi) (sentence offsets) that reaches furthest right (the
    head of a name comes last), the longest if several."""
    inside = [h for h in hits if h[0] < hi and lo < h[1]]
    return max(inside, key=lambda h: (h[1], h[1] - h[0])) if inside else None


def _phrase(p: Parse, t: Tok) -> tuple[int, int]:
    """A name token with its compounds ("Alibaba Cloud"), not its possessor: in "Alibaba's
    Qianwen app" the name is the app's."""
    lo, hi = t.start, t.end
    for c in p.children(t.i):
        if c.dep in ("compound", "flat") or (c.dep == "case" and c.text in ("'s", "'")):
            lo, hi = min(lo, c.start), max(hi, c.end)
    return lo, hi


def _possessor(p: Parse, n: Tok) -> Tok | None:
    for c in p.children(n.i):
        if c.dep == "poss":
            return c
    for c in p.children(n.i):
        if c.dep == "compound" and c.pos == "PROPN":
            return c
    for c in p.children(n.i):  # "revenue of Alibaba"
        if c.dep == "prep" and c.lemma == "of":
            for o in p.children(c.i):
                if o.dep == "pobj" and o.pos == "PROPN":
                    return o
    return None


def _subject_chain(p: Parse, v: Tok | None, skip: set[int]):
    """Subjects met climbing from the figure's verb through the clauses above it."""
    steps = 0
    while v is not None and steps < _MAX_CLIMB:
        for c in p.children(v.i):
            if c.dep in ("nsubj", "nsubjpass") and c.i not in skip:
                yield c, v
            if c.dep == "agent":  # "was valued by investors": not the actor
                continue
        if v.head == v.i:
            return
        v = p.toks[v.head]
        while v.pos not in VERBS and v.head != v.i:
            v = p.toks[v.head]
        steps += 1


def segment(p: Parse, t: Tok, words: FrameWords) -> str | None:
    """'European unit', 'cloud business': a part of a company named by a common noun."""
    if t.pos != "NOUN" or t.lemma not in words.segment_nouns:
        return None
    mods = [c.text.lower() for c in p.children(t.i) if c.dep in ("amod", "compound") and c.pos != "PROPN"]
    return " ".join([*mods, t.lemma])


def _named_part(p: Parse, t: Tok) -> bool:
    """'the data center unit', 'the licensing business': one part, told apart by what it does."""
    kids = p.children(t.i)
    return t.tag == "NN" and any(c.dep == "det" and c.lemma in ("the", "this", "that") for c in kids) and any(
        c.dep in ("compound", "amod") and c.pos != "PROPN" and not c.text[:1].isdigit() for c in kids)


def read_actor(p: Parse, a: Anchor, hits, words: FrameWords, skip: set[int]) -> tuple[Slot, Tok | None, Slot]:
    """The actor slot, the token it was read from, and the segment (thing) slot when the figure
    is a part's ("Norlen's European unit generated ...": actor Norlen, thing European unit).
    `hits` are the sentence's entity hits as (start, end, id, type) in sentence offsets."""
    actor, tok = _read_actor(p, a, hits, words, skip)
    thing = Slot()
    for t in ([a.noun] if a.noun is not None else []) + ([tok] if tok is not None else []):
        seg = segment(p, t, words)
        # Only a company's part ("its European unit", "Norlen's cloud business", "the licensing
        # business"): "the two processing units" of a plant are not a segment.
        owner = _possessor(p, t) if seg else None
        if seg and (owner is not None or _named_part(p, t)):
            thing = Slot(value=seg, words=seg, rule="segment-noun", confidence=0.8)
            if owner is not None and (actor.value is None or tok is t):
                h = _hit_at(hits, *_phrase(p, owner))
                actor = Slot(value=h[2] if h else None, words=owner.text, rule="possessor-of-segment",
                             confidence=0.8 if h else 0.5)
            break
    unit = _named_unit(p, a.noun, hits, words) if a.noun is not None and thing.value is None else None
    if unit is not None:
        name, h = unit
        thing = Slot(value=name, words=name, rule="named-unit", confidence=0.8)
        actor = Slot(value=h[2], words=name, rule="owner-of-named-unit", confidence=0.8)
    return actor, tok, thing


def _named_unit(p: Parse, n: Tok, hits, words: FrameWords):
    """'Revenue at Baidu Core', 'Tesla Shanghai's output': a known name that only modifies
    another proper noun names a part of that company (its name and hit), not the company."""
    cands = [t for t in [_possessor(p, n)] if t is not None]
    cands += [o for c in p.children(n.i) if c.dep == "prep" and c.lemma in ("at", "in", "from")
              for o in p.children(c.i) if o.dep == "pobj"]
    for g in cands:
        if g.pos != "PROPN" or not g.text[:1].isupper() or g.lemma.casefold() in words.name_tail_set \
                or ((own := _hit_at(hits, g.start, g.end)) is not None and own[3] != "unknown"):
            continue  # "Google Cloud" is a name of its own
        owners = [c for c in p.children(g.i) if c.dep == "compound" and c.pos == "PROPN"]
        # the owner's name ends before the head: "Halden Foods" is one name, not a unit of Halden
        h = next((h for c in owners if (h := _hit_at(hits, c.start, c.end)) is not None and h[1] <= g.start
                  and h[3] not in ("media", "person")), None)
        if h is not None:
            lo, hi = _phrase(p, g)
            return " ".join(x.text.casefold() for x in p.toks if lo <= x.start and x.end <= hi and x.text not in ("'s", "'")), h
    return None


def _read_actor(p: Parse, a: Anchor, hits, words: FrameWords, skip: set[int]) -> tuple[Slot, Tok | None]:
    anaphors = set(words.anaphors)
    pending: tuple[Slot, Tok] | None = None  # an anaphor, kept while a named subject may be above
    t = _possessor(p, a.noun) if a.noun is not None else None
    if t is not None:
        h = _hit_at(hits, *_phrase(p, t))
        if h is not None:
            return Slot(value=h[2], words=p.toks[t.i].text, rule="possessor", confidence=0.9), t
        # "Norvik expects its capital spending to ...", "the Group's EBITDA": look further up
        if t.lemma.casefold() in anaphors:
            pending = (Slot(value=None, words=t.text, rule="possessive-anaphor", confidence=0.6), t)
        elif name := _proper_name(p, t):
            return Slot(value=name, words=t.text, rule="proper-noun-possessor", confidence=0.75), t
    report = set(words.report_verbs)
    for subj, verb in _subject_chain(p, a.verb, skip):
        found = _subject_reading(p, a, subj, verb, hits, words, anaphors, report)
        if (found is None or not found[0].value) and (place := _where_antecedent(p, verb, hits)) is not None:
            return place  # "The standout was Posorja in Ecuador, where throughput jumped 87% to ...": Posorja's
        if found is None:
            continue
        slot, tok = found
        if pending is not None:
            if slot.value and slot.rule.startswith(("subject-of-", "proper-noun-subject")):
                # "Astera said it delivered ...": the anaphor is the reporting subject
                return Slot(value=slot.value, words=f"{pending[1].text} = {tok.text}",
                            rule=f"anaphor-to-{slot.rule}", confidence=0.8), tok
            if slot.rule.startswith("description-"):
                # "The maker of Rémy Martin said it expects ...": the described company, not its brands
                return slot, tok
            break
        if slot.rule.startswith("anaphor-subject"):
            pending = pending or (slot, tok)
            continue
        return slot, tok
    return pending if pending is not None else (Slot(), None)


def _where_antecedent(p: Parse, verb: Tok, hits) -> tuple[Slot, Tok] | None:
    """The named place a 'where' clause hangs on ("Posorja in Ecuador, where throughput jumped"):
    what the clause's figures are about, not the subject of the clause above."""
    if verb.dep != "relcl" or verb.head == verb.i or not any(c.dep == "advmod" and c.lemma == "where" for c in p.children(verb.i)):
        return None
    ante = p.toks[verb.head]
    if ante.dep == "pobj" and p.toks[ante.head].lemma in ("in", "at") and p.toks[ante.head].head != ante.head \
            and p.toks[p.toks[ante.head].head].pos == "PROPN":
        ante = p.toks[p.toks[ante.head].head]  # "Posorja in Ecuador, where": the place in the country
    h = _hit_at(hits, *_phrase(p, ante))
    if h is not None:
        return Slot(value=h[2], words=f"where = {ante.text}", rule="where-clause-antecedent", confidence=0.75), ante
    name = _proper_name(p, ante)
    if name:
        return Slot(value=name, words=f"where = {ante.text}", rule="where-clause-proper-noun", confidence=0.7), ante
    return None


def _proper_name(p: Parse, t: Tok) -> str | None:
    """A proper noun the alias table does not know ("Norvik"): an unknown entity's id."""
    if t.pos != "PROPN" or not t.text[:1].isupper():
        return None
    lo, hi = _phrase(p, t)
    words = [x.text for x in p.toks if lo <= x.start and x.end <= hi and x.pos == "PROPN" and x.text not in ("'s", "'")]
    return unknown_id(words) if words else None


def _described_by(p: Parse, subj: Tok, words: FrameWords) -> Tok | None:
    """The name in a description of a company ("Britain's biggest supermarket group", "the
    Nashville company"): a possessor before a superlative or a company noun, or a name
    compounded into "the <company noun>"."""
    kids = p.children(subj.i)
    company = subj.lemma in words.company_nouns and segment(p, subj, words) is None
    poss = next((c for c in kids if c.dep == "poss" and c.pos == "PROPN"), None)
    if poss is not None and (company or any(c.dep == "amod" and c.tag == "JJS" for c in kids)):
        return poss
    the = any(c.dep == "det" and c.lemma == "the" for c in kids)
    compound = next((c for c in kids if c.dep == "compound" and c.pos == "PROPN"), None)
    if compound is not None and company and the:
        return compound
    of = next((c for c in kids if c.dep == "prep" and c.lemma == "of"), None)
    made = next((o for o in p.children(of.i) if o.dep == "pobj" and o.pos == "PROPN"), None) if of is not None else None
    if made is not None and company and the:
        return made  # "The maker of Rémy Martin and Louis XIII said ...": its brands describe it
    return None


def _subtree_text(p: Parse, t: Tok) -> str:
    """The words of t's phrase ("Britain's biggest supermarket group", "The maker of Rémy Martin
    and Louis XIII"): a walk over its descendants, bounded by the sentence."""
    seen, todo = {t.i}, [t.i]
    while todo:
        for c in p.kids[todo.pop()]:
            if c not in seen:
                seen.add(c)
                todo.append(c)
    return " ".join(p.toks[i].text for i in sorted(seen))


def _ampersand_name(p: Parse, subj: Tok) -> bool:
    """'Deere & Company', 'Procter & Gamble': '&' joins one name, never two actors."""
    ccs = [c for c in p.children(subj.i) if c.dep == "cc"]
    return bool(ccs) and all(c.text == "&" for c in ccs)


def _subject_reading(p: Parse, a: Anchor, subj: Tok, verb: Tok, hits, words: FrameWords, anaphors, report):
    """One subject met climbing from the figure: its reading, or None to keep climbing."""
    if a.noun is not None and subj.i == a.noun.i:
        return None  # the property itself ("revenue rose"): the actor is further up
    if dateline(p, subj):
        return None  # "BOCHUM — Vonovia SE ... reported": a dateline the parser took for a subject
    if any(c.dep == "conj" for c in p.children(subj.i)) and not _ampersand_name(p, subj):
        # "Xiaomi and Li Auto delivered 40,000 and 31,767": the token tier pairs lists
        return Slot(value=None, words=subj.text, rule="coordinated-subject", confidence=0.3), subj
    # The name must be the subject's own head: in "the Red Sea crisis kept rates high" the
    # subject is the crisis, not the sea.
    h = _hit_at(hits, subj.start, subj.end)
    if h is not None and h[3] in ("media", "person") and verb.lemma in report:
        return None  # "Bloomberg reported ...", "Chief executive Darren Woods said ...": a source
    if h is not None:
        return Slot(value=h[2], words=subj.text, rule=f"subject-of-{verb.lemma}", confidence=0.85), subj
    if subj.tag in ("WDT", "WP") and verb.dep == "relcl" and verb.head != verb.i:
        # "Wegovy, which brought in DKK 58.2 billion": the relative pronoun is the noun it hangs on
        ante = p.toks[verb.head]
        h = _hit_at(hits, *_phrase(p, ante))
        if h is not None:
            return Slot(value=h[2], words=f"{subj.text} = {ante.text}", rule=f"relative-subject-of-{verb.lemma}",
                        confidence=0.85), ante
        name = _proper_name(p, ante)
        if name:
            return Slot(value=name, words=f"{subj.text} = {ante.text}",
                        rule=f"relative-proper-noun-subject-of-{verb.lemma}", confidence=0.75), ante
    if subj.pos == "NOUN" and _described_by(p, subj, words) is not None:
        # "Britain's biggest supermarket group now expects ...", "The Nashville company now expects
        # ...": a description of the company the article is about; the place it names is not the actor
        return Slot(value=None, words=_subtree_text(p, subj), rule=f"description-subject-of-{verb.lemma}",
                    confidence=0.6), subj
    if subj.lemma.casefold() in anaphors or subj.pos == "PRON":
        return Slot(value=None, words=subj.text, rule=f"anaphor-subject-of-{verb.lemma}", confidence=0.6), subj
    if subj.pos in NOUNS and subj.lemma in words.estimate_subjects:
        return None  # "analysts expect ...": a source, not the actor
    name = _proper_name(p, subj)
    if name and name[1:] in words.city_set:
        return None  # "COPENHAGEN — Novo Nordisk reported ...": a dateline the parser took for a subject
    if name:  # a name the table does not know, at the start of a sentence too ("Norvik will spend")
        return Slot(value=name, words=subj.text, rule=f"proper-noun-subject-of-{verb.lemma}", confidence=0.75), subj
    if subj.pos == "NOUN" and segment(p, subj, words) is None and any(
            d.dep == "det" and d.lemma in ("the", "this", "that") for d in p.children(subj.i)):
        # "The game peaked at ...", "the drug": a definite noun points back to what was named
        return Slot(value=None, words=subj.text, rule=f"definite-anaphor-subject-of-{verb.lemma}", confidence=0.6), subj
    if subj.pos == "NOUN" and verb is not a.verb and segment(p, subj, words) is None:
        # "revenue reached £666.5m, beating last year's £616.8m": a common noun met climbing is
        # what the clause above measures; who it is about is further up ("Manchester United said")
        return None
    return Slot(), subj  # a common noun: no actor, but maybe a segment ("its European unit")
