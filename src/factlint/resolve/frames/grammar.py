"""Where a figure hangs in its sentence's dependency tree.

`anchor` finds the figure's head token and what it is attached to: the noun it
measures ("capex of 380 billion", "$5 billion in revenue", "a 380 billion yuan
investment"), the verb it is the object or complement of ("spent $2 billion",
"revenue reached ..."), and the relation ("to A from B": new and previous).
Every reading names the rule that made it, for `factlint explain`.
Each walk is bounded by the sentence's length (parses longer than
parse.MAX_SENTENCE_CHARS are never made).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...lexicons import FrameWords
from ...parse import Parse, Tok
from .modifiers import modifiers as _words

NOUNS = {"NOUN", "PROPN"}
VERBS = {"VERB", "AUX"}
_NUMERIC = {"NUM", "SYM"}
# Dependency labels by which a token modifies the noun it hangs from.
_MODIFIER_DEPS = {"compound", "nummod", "amod", "nmod", "quantmod", "npadvmod", "poss", "det"}
_CLIMB = {"ccomp", "xcomp", "conj", "advcl", "relcl", "acl", "pcomp", "prep", "dep"}


@dataclass
class Anchor:
    head: Tok  # the figure's own head token ("yuan" in "380 billion yuan")
    noun: Tok | None = None  # the noun whose quantity the figure is
    verb: Tok | None = None  # the verb governing the figure or its noun
    property: str | None = None  # the property as read: noun lemma or the verb's predicate
    modifiers: list[str] = field(default_factory=list)
    purpose: str | None = None
    role: str = "level"
    rule: str = ""
    confidence: float = 0.0
    prep: str | None = None  # the preposition the figure is the object of ("to", "from")


def figure_head(p: Parse, start: int, end: int) -> Tok | None:
    """The token of [start, end) whose head lies outside the span (the rightmost if several,
    unless one is a noun's complement: in "expects volumes of 13.9 million to 14.5 million
    tonnes" the parser hangs "to" on the verb, but the range is the complement of "volumes")."""
    toks = p.span(start, end)
    inside = {t.i for t in toks}
    heads = [t for t in toks if t.head not in inside or t.head == t.i]
    if len(heads) > 1:
        for t in heads:
            prep = p.toks[t.head]
            if t.dep == "pobj" and prep.head != prep.i and p.toks[prep.head].pos in NOUNS and prep.head not in inside:
                return t
        words = [t for t in heads if t.pos not in ("ADP", "CCONJ", "PUNCT")]
        if words:
            return words[-1]  # "to grow 3.75% to 4.75%": the range's "to" is its connective, not its head
    return heads[-1] if heads else None


def _of_child(p: Parse, t: Tok, preps: tuple[str, ...], skip: set[int]) -> Tok | None:
    """A noun attached to t by one of `preps` ("in revenue", "of sales")."""
    for c in p.children(t.i):
        if c.dep == "prep" and c.lemma in preps:
            for o in p.children(c.i):
                if o.dep == "pobj" and o.pos in NOUNS and o.i not in skip:
                    return o
    return None


def _definite(p: Parse, n: Tok) -> bool:
    return any(c.dep in ("det", "poss") and c.lemma in ("the", "this", "that", "its", "their", "his", "her")
               for c in p.children(n.i))


def _noun_property(p: Parse, n: Tok, words: FrameWords, skip: set[int]) -> tuple[Tok, str, list[str]]:
    """The property a noun names; a generic head ("the number of users") yields to its complement.
    An outlook noun ("its nuclear generation forecast", "the outlook for adjusted EBITDA") stays
    the noun, for its status, but what it forecasts is the property."""
    per_of = p.toks[n.head] if n.dep == "pobj" and n.head != n.i else None
    if per_of is not None and per_of.lemma == "per" and per_of.head != per_of.i and p.toks[per_of.head].pos in NOUNS:
        n = p.toks[per_of.head]  # "earnings per share of $5.25": the figure is the earnings per share
    elif per_of is not None and per_of.lemma == "to" and per_of.head != per_of.i:
        owner = p.toks[per_of.head]  # "a net loss attributable to shareholders of 11.2 billion yuan": the loss's
        if owner.lemma in words.attributed_words and owner.head != owner.i and p.toks[owner.head].pos in NOUNS:
            n = p.toks[owner.head]
    if n.lemma in words.generic_heads:
        # "the number of users"; "sales volumes" are sales counted in units
        inner = _of_child(p, n, ("of",), skip) or _compound_noun(p, n, skip)
        if inner is not None:
            n = inner
    if n.lemma in words.outlook_heads:
        inner = _of_child(p, n, ("for", "of"), skip) or _compound_noun(p, n, skip)
        if inner is not None and inner.lemma not in words.time_nouns:
            return n, inner.lemma, _words(p, inner, skip)
    per = _of_child(p, n, ("per",), skip)
    if per is not None:
        return n, f"{n.lemma} per {per.lemma}", _words(p, n, skip)  # "earnings per share" is not earnings
    return n, n.lemma, _words(p, n, skip)


def _compound_noun(p: Parse, n: Tok, skip: set[int]) -> Tok | None:
    """The common noun a head is compounded with ("earnings" in "earnings guidance")."""
    found = [c for c in p.children(n.i) if c.dep == "compound" and c.pos == "NOUN" and c.i < n.i and c.i not in skip]
    return found[-1] if found else None


def _denominator(p: Parse, h: Tok, skip: set[int]) -> str | None:
    """'a barrel' or 'per barrel' after a figure: the unit it is counted per."""
    for c in p.children(h.i):
        if c.i in skip:
            continue
        if c.dep == "npadvmod" and c.pos == "NOUN" and any(d.lemma in ("a", "an", "each", "every") for d in p.children(c.i)):
            return c.lemma
        if c.dep == "prep" and c.lemma == "per":
            for o in p.children(c.i):
                if o.dep == "pobj" and o.pos == "NOUN":
                    return o.lemma
    return None


def _governing_verb(p: Parse, t: Tok) -> Tok | None:
    """The nearest verb above t (t itself when it is one), at most a sentence's height away."""
    seen = 0
    while seen <= len(p.toks):
        if t.pos in VERBS:
            return t
        if t.head == t.i:
            return None
        t = p.toks[t.head]
        seen += 1
    return None


_DATELINE_MARKS = {"--", "—", "–", "-", ","}


def dateline(p: Parse, t: Tok) -> bool:
    """A capitalised place opening the sentence before a dash or comma ("INDIANAPOLIS -- Eli
    Lilly raised ..."): the dateline, whatever the city; a list of cities never ends."""
    parts = [t.i] + [c.i for c in p.children(t.i) if c.dep in ("compound", "flat")]
    first, last = min(parts), max(parts)
    return (first == 0 and last + 1 < len(p.toks) and p.toks[last + 1].text in _DATELINE_MARKS
            and all(p.toks[k].text.isupper() for k in range(first, last + 1) if p.toks[k].text.isalpha()))


def _subject(p: Parse, v: Tok) -> Tok | None:
    """The verb's subject; a raised one for an open complement or a participle with none of its
    own ("Passenger numbers are forecast to hit 5.2 billion", "revenue is expected to exceed $1
    trillion, reaching $1,007 billion").  A dateline the parser made a second subject is none
    ("MACAU -- Casino gaming revenue rose ...")."""
    for _ in range(3):
        for c in p.children(v.i):
            # ("The $213m profit matters less than the trajectory: adjusted EBITDA rose ...": the
            # parser may take a subject across a colon, where a new clause begins)
            if c.dep in ("nsubj", "nsubjpass", "csubj", "expl") and not dateline(p, c) \
                    and not any(p.toks[k].text == ":" for k in range(c.i + 1, v.i)):
                return c
        if v.head == v.i or not (v.dep == "xcomp" or (v.dep == "advcl" and v.tag == "VBG")):
            return None  # ("..., reaching $1,007 billion": a participle's subject is its clause's)
        v = p.toks[v.head]
    return None


def _object(p: Parse, v: Tok, skip: set[int]) -> Tok | None:
    for c in p.children(v.i):
        if c.dep in ("dobj", "attr", "oprd") and c.i not in skip and c.pos in NOUNS:
            return c
    return None


def _purpose(p: Parse, v: Tok, skip: set[int]) -> str | None:
    """'spend ... on AI infrastructure': the object of on/for/towards, with its compounds."""
    for c in p.children(v.i):
        if c.dep == "prep" and c.lemma in ("on", "for", "towards", "toward", "into"):
            for o in p.children(c.i):
                if o.dep == "pobj" and o.pos in NOUNS and o.i not in skip:
                    mods = [m.lemma for m in p.children(o.i) if m.dep in ("compound", "amod")]
                    return " ".join([*mods, o.lemma])
    return None


def anchor(p: Parse, start: int, end: int, words: FrameWords, figures: list[tuple[int, int]],
           counted: bool = False, money: bool = False) -> Anchor | None:
    """Read where the figure at [start, end) (sentence offsets) hangs.  `figures` are all
    figure spans of the sentence, so that one figure's noun is never taken for another's;
    `counted` says the figure is a count, whose own noun is what it counts, `money` that it is
    an amount of money ("delivered DKK 52.8 billion" is revenue, not deliveries)."""
    h = figure_head(p, start, end)
    if h is None:
        return None
    fig = {t.i for t in p.span(start, end)}
    others = {t.i for s, e in figures if (s, e) != (start, end) for t in p.span(s, e)}
    skip = fig | others
    a = Anchor(head=h)
    # A count's own noun ("350,000 vehicles") is what it counts; the figure may still name a
    # property by a complement of its own: "$5 billion in revenue", "20% of sales".
    own = _of_child(p, h, ("in", "of"), skip)
    if own is not None and own.lemma not in words.time_nouns and own.pos != "PROPN":  # ("in October", "in Europe")
        n, prop, mods = _noun_property(p, own, words, skip)
        a.noun, a.property, a.modifiers, a.rule, a.confidence = n, prop, mods, "complement-of-figure", 0.85
        if _of_child(p, h, ("of",), skip) is own:
            # "20% of sales" is a share; "$120 million of the new round" a part of a larger figure
            a.role = "share" if h.lemma in ("%", "percent") else ("part" if _definite(p, own) else a.role)
    gloss = _gloss(p, h, end, skip) if a.noun is None else None
    if gloss is not None:
        # "SEK 52.6 billion: Ericsson's third-quarter net sales": a fact box's figure, glossed after a colon
        n, prop, mods = _noun_property(p, gloss, words, skip)
        a.noun, a.property, a.modifiers, a.rule, a.confidence = n, prop, mods, "colon-gloss", 0.85
    g = p.toks[h.head] if h.head != h.i else None
    rel = h.dep
    if g is not None and g.i in others:
        g = None  # hangs from another figure: a list or a range; the token tier reads those
    if g is not None and rel in ("compound", "nummod", "amod", "nmod", "quantmod") and g.pos in NOUNS and a.noun is None \
            and g.lemma not in words.time_nouns:  # "the $3.23 billion quarter": a quarter is no quantity
        # "a 380 billion yuan investment", "the $300 million round"; in a compound chain the
        # last noun is the head: "a 50 billion yuan subsidy plan" is a plan.
        hops = 0
        while g.dep == "compound" and g.head != g.i and p.toks[g.head].pos in NOUNS and hops < 4:
            g, hops = p.toks[g.head], hops + 1
        n, prop, mods = _noun_property(p, g, words, skip)
        a.noun, a.property, a.modifiers, a.rule, a.confidence = n, prop, mods, "modifies-noun", 0.8
    elif g is not None and rel == "pobj":
        prep, gov = g, (p.toks[g.head] if g.head != g.i else None)
        a.prep = prep.lemma
        if gov is not None and prep.lemma == "of" and gov.lemma in words.time_nouns:
            # "expects operating profit for the 2025/26 financial year, which ends in February,
            # of between £2.9bn and £3.1bn": the parser hung the amount on the year; it is the profit's
            gov = _timed_noun(p, gov)
        if gov is not None and prep.lemma == "of" and gov.pos in NOUNS and a.noun is None:
            n, prop, mods = _noun_property(p, gov, words, skip)  # "capex of 380 billion yuan"
            a.noun, a.property, a.modifiers, a.rule, a.confidence = n, prop, mods, "of-complement", 0.85
            _changed_to(p, a, gov, words, skip)
        elif gov is not None and gov.pos in VERBS:
            a.verb = gov
            _verb_relation(p, a, gov, prep.lemma, words, skip, counted, money)
        elif gov is not None and gov.pos in NOUNS and a.noun is None and prep.lemma in ("at", "to", "from", "by", "between"):
            # "a valuation at $3 billion", "growth to ...", "sees 2024 sales volumes between 13.3 and 14.0 million tonnes"
            target = gov
            if prep.lemma == "at" and gov.lemma in words.generic_heads and gov.dep == "attr" and gov.head != gov.i:
                # "Markets revenue was a record for a third quarter at $8.9 billion": the record is the subject's
                subj = _subject(p, p.toks[gov.head])
                target = subj if subj is not None and subj.pos in NOUNS and subj.i not in skip else gov
            n, prop, mods = _noun_property(p, target, words, skip)
            a.noun, a.property, a.modifiers, a.rule, a.confidence = n, prop, mods, f"{prep.lemma}-noun", 0.6
            if prep.lemma == "from":
                a.role = "base"
    elif g is not None and rel in ("dobj", "attr", "oprd", "acomp", "npadvmod", "nsubj", "nsubjpass", "advmod", "dep"):
        v = g if g.pos in VERBS else _governing_verb(p, g)
        if v is not None:
            a.verb = v
            _verb_relation(p, a, v, rel, words, skip, counted, money)
    elif g is not None and rel in ("appos", "conj") and g.pos in NOUNS and g.i not in skip and a.noun is None:
        n, prop, mods = _noun_property(p, g, words, skip)  # "its revenue, 5 billion yuan,"
        a.noun, a.property, a.modifiers, a.rule, a.confidence = n, prop, mods, f"{rel}-of-noun", 0.6
    if a.noun is not None and a.noun.lemma in words.change_nouns:
        # "a 16.5% decline in emissions", "growth of 12% in sales": a change in the complement
        inner = _of_child(p, a.noun, ("in", "of"), skip)
        a.role = "change"
        if inner is not None and inner.lemma not in words.time_nouns:
            a.noun, a.property, a.modifiers = inner, inner.lemma, _words(p, inner, skip)
            a.rule += "+change-noun"
    if a.verb is None:
        a.verb = _governing_verb(p, a.noun or h)
    if a.verb is not None and a.purpose is None:
        a.purpose = _purpose(p, a.verb, skip)
    per = _denominator(p, h, skip)
    if per is not None:
        if counted or per in words.time_nouns:
            # "800,000 barrels a day", "$250bn a year": a rate of the same property, not a price
            a.modifiers = [*a.modifiers, f"per {per}"]
        elif a.property is None or a.rule.startswith("predicate-"):
            # "$74 a barrel", "EUR 80 per tonne": a price per unit
            a.property, a.modifiers, a.rule, a.confidence = "price", [f"per {per}"], "rate-denominator", 0.7
    if a.property is None and counted and h.pos in NOUNS and h.i in fig:
        # A count's own noun: "350,000 vehicles", weaker than any relation above.
        a.property, a.rule, a.confidence = h.lemma, "counted-noun", 0.6
    return a


def _gloss(p: Parse, h: Tok, end: int, skip: set[int]) -> Tok | None:
    """The noun a colon right after the figure introduces as what it is, hung on the figure."""
    colon = next((t for t in p.toks if t.start >= end), None)
    if colon is None or colon.text != ":":
        return None
    return next((c for c in p.children(h.i) if c.dep == "appos" and c.pos == "NOUN" and c.i not in skip), None)


def _timed_noun(p: Parse, t: Tok) -> Tok | None:
    """The noun a time noun dates ("profit for the financial year"), or None."""
    if t.dep != "pobj" or t.head == t.i:
        return None
    prep = p.toks[t.head]
    gov = p.toks[prep.head] if prep.head != prep.i else None
    return gov if prep.lemma in ("for", "in", "over") and gov is not None and gov.pos in NOUNS else None


def _changed_to(p: Parse, a: Anchor, n: Tok, words: FrameWords, skip: set[int]) -> None:
    """'raised its outlook to a range of A, from B': the figure's noun is the new (or previous)
    level of what the change verb changes; a range or level names nothing, the verb's object does."""
    if n.dep != "pobj" or n.head == n.i:
        return
    prep = p.toks[n.head]
    v = p.toks[prep.head] if prep.head != prep.i else None
    if v is None or v.pos not in VERBS or prep.lemma not in ("to", "from"):
        return
    if not (v.lemma in words.change_up or v.lemma in words.change_down or v.lemma in words.revise_verbs):
        return
    a.verb, a.prep = v, prep.lemma
    a.role = "new" if prep.lemma == "to" else "previous"
    a.rule = f"{prep.lemma}-{n.lemma}-of-change-verb"
    obj = _object(p, v, skip)
    if obj is not None and n.lemma in words.generic_heads:
        a.noun, a.property, a.modifiers = _noun_property(p, obj, words, skip)


def _transitivity(obj: Tok | None) -> str:
    """'revenue rose 18% to $44bn' (intransitive: the subject is what changed) vs 'raised its
    target to 380,000' (the object is)."""
    return "intransitive-" if obj is None else ""


def _verb_relation(p: Parse, a: Anchor, v: Tok, rel: str, words: FrameWords, skip: set[int], counted: bool,
                   money: bool) -> None:
    """Fill property and role from the verb the figure hangs from, by the relation `rel`
    (a dependency label or the preposition the figure is the object of)."""
    lemma = v.lemma
    predicate = words.money_predicates.get(lemma) if money else None
    predicate = predicate if predicate is not None else words.predicates.get(lemma)
    change = lemma in words.change_up or lemma in words.change_down
    if v.dep in ("acl", "xcomp") and v.head != v.i and p.toks[v.head].lemma in words.capacity_nouns \
            and any(c.dep == "aux" and c.lemma == "to" for c in p.children(v.i)):
        # "has capacity to handle more than 100 million TEU": what could be handled, not what was
        n, prop, mods = _noun_property(p, p.toks[v.head], words, skip)
        a.noun, a.property, a.modifiers, a.rule, a.confidence = n, prop, mods, f"capacity-to-{lemma}", 0.8
        return
    obj, subj = _object(p, v, skip), _subject(p, v)
    subj_ok = subj is not None and subj.pos in NOUNS and subj.i not in skip
    target = obj if obj is not None else (subj if subj_ok else None)
    if rel in ("to", "from", "by") and (change or lemma in words.revise_verbs):
        # "raised its target to A from B", "revenue rose 12% to A", "cut by 5%"
        a.role = {"to": "new", "from": "previous", "by": "change"}[rel]
        a.rule = f"{rel}-of-{_transitivity(obj)}change-verb"
        if target is not None and a.noun is None:
            n, prop, mods = _noun_property(p, target, words, skip)
            a.noun, a.property, a.modifiers, a.confidence = n, prop, mods, 0.8
        return
    if rel == "npadvmod" and change:
        a.role, a.rule = "change", f"npadvmod-of-{_transitivity(obj)}change-verb"  # "rose 12%"
        if target is not None and a.noun is None:
            n, prop, mods = _noun_property(p, target, words, skip)
            a.noun, a.property, a.modifiers, a.confidence = n, prop, mods, 0.8
        return
    if rel == "than" or (rel in ("with", "to") and lemma in words.compare_verbs):
        # "more than 2 million"; "net additions of 5 million compare with 2 million a year ago"
        a.role, a.rule = "base", "than-comparison" if rel == "than" else "compared-with"
        return
    if a.noun is not None:
        return  # the figure's own complement named it
    if rel in ("at", "between") and predicate is None and obj is not None and obj.pos == "NOUN":
        # "reported its 2026 capex plan at 160 billion", "put the cost at", "set the target at",
        # "sees sales volumes between 13.3 and 14.0 million tonnes"
        n, prop, mods = _noun_property(p, obj, words, skip)
        a.noun, a.property, a.modifiers, a.rule, a.confidence = n, prop, mods, f"object-at-{lemma}", 0.8
        return
    if lemma in words.level_verbs or rel in ("attr", "acomp") or (rel == "at" and predicate is None):
        # "revenue reached A", "capex was A", "stood at A", "closed at A"; but in "the game peaked
        # at 1.8 million players" the figure's own noun is what is measured, the subject its actor.
        if subj_ok and subj.pos == "NOUN" and not (counted and a.head.pos in NOUNS):
            n, prop, mods = _noun_property(p, subj, words, skip)
            a.noun, a.property, a.modifiers, a.rule, a.confidence = n, prop, mods, f"subject-of-{lemma}", 0.8
            return
        if subj_ok and subj.pos == "NOUN" and rel == "attr" and subj.lemma not in words.generic_heads:
            # "Production in the quarter was 362,615 vehicles": the copula's subject is what is
            # counted, the figure's noun only its unit
            n, prop, mods = _noun_property(p, subj, words, skip)
            a.noun, a.property, a.modifiers, a.rule, a.confidence = n, prop, mods, "copula-subject", 0.85
            return
    if rel == "nsubj" and lemma == "be" and obj is not None and obj.dep == "attr" and obj.pos == "NOUN" \
            and obj.lemma not in words.generic_heads:
        # "Of those, 10.82 million were digital-only subscribers": the figure is the subject, what it counts the complement
        n, prop, mods = _noun_property(p, obj, words, skip)
        a.noun, a.property, a.modifiers, a.rule, a.confidence = n, prop, mods, "copula-complement", 0.8
        return
    if predicate is not None and rel in ("dobj", "at", "for", "nsubjpass", "oprd", "dep", "npadvmod") \
            and not (rel in ("dep", "npadvmod") and any(c.dep == "auxpass" for c in p.children(v.i))):
        # "spent $2 billion", "valued at $3 billion", "$5 billion will be invested"; but in "a
        # programme worth £40 million a year, to be delivered through ..." the passive verb's
        # loose dependent is not what it names
        a.property, a.rule, a.confidence = predicate, f"predicate-{lemma}", 0.75
        if counted and a.head.pos in NOUNS:
            a.modifiers = [a.head.lemma]  # "sold 350,000 vehicles": vehicle sales
        return
    if change and rel == "dobj":
        # "added 450 employees", "cut 5,000 jobs": a change in the counted thing
        a.role, a.rule, a.confidence = "change", f"object-of-{lemma}", 0.7
        a.property = a.head.lemma if a.head.pos in NOUNS else None
        if a.property is None and subj_ok and subj.pos == "NOUN":
            # "expects net sales to grow 3% to 4%": a bare figure as the object; the subject grows
            n, prop, mods = _noun_property(p, subj, words, skip)
            a.noun, a.property, a.modifiers, a.confidence = n, prop, mods, 0.8
        return
