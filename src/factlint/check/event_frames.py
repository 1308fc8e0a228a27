"""The grammar tier of same-event dates: (object or actor, event class, date) frames.

The token tier (check/events.py) needs a known name right next to a verb.  Here
each day-precise date is attached to what it dates in the sentence's parse
(factlint.parse, the parses the claim frames use):

    "Flamanville 3 was connected to the grid on Saturday, December 21"
        on -> connected (a verb of class connect): the event
    "A Hong Kong judge on Monday, January 29, ordered ..."
        on -> judge, the subject of ordered: the subject's verb
    "The court ordered the group wound up on 28 January"
        on -> wound, the complement of ordered: the verb above it
    "following the September 18 cut"
        September 18 modifies cut (an event noun of class cut): a nominal event

The event's key is what it happened to (`object = "thing"`: the passive subject,
the relative clause's antecedent, the direct object, or the owner of a carrier noun
the class names, "the liquidation of China Evergrande Group") or who did it
(`object = "actor"`: "The Federal Reserve lowered its rate").  A name is an entity
hit or an unknown proper noun that is no place and no metric word; "the group",
"it" and a nominal event with no owner are the article's main entity (the one the
claim frames' anaphors point to).  A class may name the only subjects it takes
("court", "judge"), the only objects ("rate"), and whether the market in the
clause ("US", "EU") is part of the event.  Abstains on a hedge, a negation, a
modal, a stage word anywhere in the clause, or two dates on one event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..parse import MAX_SENTENCE_CHARS, Lemmatizer, Parse, Tok, parse_all
from ..resolve.entities import unknown_id
from .event_spans import covers, covers_tok, phrase, scope

_MODALS = {"will", "would", "could", "might", "may", "should", "can", "must", "shall"}
_PRONOUNS = {"it", "its", "they", "their"}
_SECURITIES = {"share", "shares", "stock"}
_NOT_OBJECT_TYPES = {"person", "media"}
_PRODUCT_TYPES = {"product", "model", "unknown"}
_COMPANY_TYPES = {"company", "organisation", "unknown"}
# How a date hangs on what it dates: the object of "on", or a modifier.
_DATE_MODS = {"npadvmod", "appos", "nmod", "compound", "nummod", "tmod", "dep"}


@dataclass(frozen=True)
class FrameClass:
    name: str
    verb: str
    object: str  # product | company | thing | actor | parties
    words: tuple[str, ...]  # verb forms and phrases, lower case
    nouns: frozenset[str]
    subjects: frozenset[str]
    objects: frozenset[str]
    market: bool


def frame_classes(events: dict) -> list[FrameClass]:
    return [
        FrameClass(name, spec["verb"], spec["object"], tuple(w.casefold() for w in spec["words"]),
                   frozenset(n.casefold() for n in spec.get("nouns", [])),
                   frozenset(s.casefold() for s in spec.get("subjects", [])),
                   frozenset(o.casefold() for o in spec.get("objects", [])), bool(spec.get("market", False)))
        for name, spec in sorted(events.items())
    ]


@dataclass(frozen=True)
class Reading:
    """One event read from a sentence: its class, key ids, label and the date it carries."""

    cls: FrameClass
    ids: tuple[str, ...]
    label: str
    date: object  # the Mention


class Sentence:
    """What the reader needs of one sentence: its text, parse, entity hits and dates (sentence offsets)."""

    def __init__(self, start: int, text: str, parse: Parse, hits, dates, before=()):
        self.start, self.text, self.p, self.hits, self.dates = start, text, parse, hits, dates
        self.before = before  # (id, type) of the names in the sentence before


def parse_sentences(kb, spans: list[tuple[int, int, str]]) -> list[Parse]:
    """Parses of the candidate sentences, through the claim frames' lemmatizer (one shared cache)."""
    lemmatize = kb.__dict__.get("_lemmatizer")
    if lemmatize is None:
        words = kb.frame_words
        lemmatize = kb.__dict__["_lemmatizer"] = Lemmatizer(words.verbs(), words.irregular_verbs)
    return parse_all((t for _, _, t in spans), lemmatize)


def fits(text: str) -> bool:
    return len(text) <= MAX_SENTENCE_CHARS


class Reader:
    """Reads the events of one article's sentences.  `usable_name(id)` tells whether an unknown
    name may be an event's object (no place, no unit, no metric word)."""

    def __init__(self, classes: list[FrameClass], markets: dict[str, re.Pattern[str]], main: str | None,
                 anaphors: set[str], usable_name, display, licensed: set[str], typed: dict[str, str] | None = None):
        # `licensed`: classes whose bare event noun ("the September 18 cut") the article's main
        # entity owns, because the article names the event in full elsewhere ("cut rates")
        self.classes, self.markets, self.main, self.licensed = classes, markets, main, licensed
        self.anaphors, self.usable_name, self.display = anaphors, usable_name, display
        self.typed = typed or {}  # "model" -> model: "That model, released on ..." is the model named just before

    def read(self, s: Sentence, clause_of, skip) -> list[Reading]:
        """Events of sentence s.  `clause_of(date)` is the date's clause (document offsets);
        `skip(spans, trigger_span)` tells a hedge or stage word in the spans, outside the trigger."""
        by_trigger: dict[int, list[tuple[FrameClass, object, tuple, str]]] = {}
        for d, ds, de in s.dates:
            found = self._attach(s.p, ds, de)
            if found is None:
                continue
            trig, nominal = found
            cls = self._class(s, trig, nominal)
            if cls is None and not nominal and trig.dep in ("ccomp", "xcomp") and trig.head != trig.i:
                # "ordered the group wound up on 28 January": the date is on the complement the
                # class names as what its verb acts on
                up = s.p.toks[trig.head]
                cls = self._class(s, up, False)
                if cls is not None and not (self._is_carrier(trig, cls, strict=True) or covers(s, up, trig, cls)):
                    cls = None  # (unless the class's phrase is the two verbs: "began trading on 16 September")
                trig = up
            if cls is None or self._hedged(s.p, trig) or self._coordinated(s, trig, nominal):
                continue
            cl = clause_of(d)
            unsure = [(max(lo, cl.start - s.start), min(hi, cl.end - s.start)) for lo, hi in scope(s.p, trig, nominal)]
            if skip([(s.start + lo, s.start + hi) for lo, hi in unsure if lo < hi], (s.start + trig.start, s.start + trig.end)):
                continue
            obj = self._nominal(s, trig, cls) if nominal else self._verbal(s, trig, cls)
            if obj is None:
                continue
            ids, label = obj
            if cls.market:
                market = self._market(s.text[cl.start - s.start : cl.end - s.start])
                if market is None:
                    continue
                ids = (*ids, market)
            by_trigger.setdefault(trig.i, []).append((cls, d, ids, label))
        # Two dates on one event ("from May 2 to May 9"): whose day is it?
        return [Reading(cls, ids, label, d) for evs in by_trigger.values() if len(evs) == 1 for cls, d, ids, label in evs]

    # --- where a date hangs ----------------------------------------------------

    def _attach(self, p: Parse, ds: int, de: int) -> tuple[Tok, bool] | None:
        """The token a date dates, and whether it is a noun (a nominal event)."""
        inside = p.span(ds, de)
        if not inside:
            return None
        ids = {t.i for t in inside}
        roots = [t for t in inside if t.head not in ids or t.head == t.i]
        if len(roots) != 1:
            return None
        r = roots[0]
        if r.head == r.i:
            return None
        x = p.toks[r.head]
        if r.dep == "pobj" and x.pos == "ADP" and x.lemma == "on" and x.head != x.i:
            x = p.toks[x.head]
            mod = False
        elif r.dep in _DATE_MODS:
            mod = True
        else:
            return None
        if x.pos in ("NOUN", "PROPN") and x.dep in ("nsubj", "nsubjpass") and not mod and x.head != x.i:
            v = p.toks[x.head]
            if v.pos == "VERB" and x.end <= ds and de <= v.start:
                return v, False  # "A judge on Monday, January 29, ordered ...": the subject's verb
        if x.pos == "VERB":
            return x, False
        if x.pos == "NOUN" and mod:
            return x, True
        return None

    def _class(self, s: Sentence, t: Tok, nominal: bool) -> FrameClass | None:
        word = t.text.casefold()
        found = []  # (length of the words matched, class)
        for c in self.classes:
            if nominal:
                if word in c.nouns or t.lemma in c.nouns:
                    found.append((len(word), c))
            else:
                found += [(len(w), c) for w in c.words if self._says(s, t, w)]
        # the longest phrase decides ("completed its acquisition of" over "completed")
        best = max((n for n, _ in found), default=0)
        top = {c.name: c for n, c in found if n == best}
        return next(iter(top.values())) if len(top) == 1 else None

    @staticmethod
    def _says(s: Sentence, t: Tok, phrase: str) -> bool:
        """The trigger token starts the phrase ("began trading"), ends it after its adverb ("first
        traded"), or is the one word."""
        if " " not in phrase:
            return t.text.casefold() == phrase
        if s.text[t.start : t.start + len(phrase)].casefold() == phrase:
            return True
        # or ends with it after its own adverb: "which first traded on 18 September"
        return any(c.dep == "advmod" and c.i == t.i - 1 and f"{c.text} {t.text}".casefold() == phrase for c in s.p.children(t.i))

    def _coordinated(self, s: Sentence, t: Tok, nominal: bool) -> bool:
        """'Zhipu released GLM-5 and MiniMax released M2.5 on ...': whose event is the date's?"""
        p = s.p
        near = [c for c in p.children(t.i) if c.dep == "conj"] + ([p.toks[t.head]] if t.dep == "conj" else [])
        return any(self._class(s, c, nominal) is not None for c in near)

    @staticmethod
    def _hedged(p: Parse, t: Tok) -> bool:
        """A modal, a negation, or the complement of another verb ("plans to approve")."""
        if any(c.dep == "neg" or (c.dep == "aux" and c.lemma.casefold() in _MODALS) for c in p.children(t.i)):
            return True
        return t.dep == "xcomp"

    # --- what the event is of -------------------------------------------------------

    def _verbal(self, s: Sentence, v: Tok, cls: FrameClass):
        p = s.p
        agent = self._agent(p, v)
        if cls.subjects and (agent is None or agent.lemma.casefold() not in cls.subjects):
            return None
        patient = self._patient(p, v, cls)
        if cls.object == "actor":
            if patient is None or not self._is_carrier(patient, cls) or agent is None:
                return None
            return self._named(s, agent, _COMPANY_TYPES)
        if cls.object == "parties":
            if patient is None or agent is None or not self._is_carrier(patient, cls):
                return None
            a = self._named(s, agent, _COMPANY_TYPES)
            b = self._owner(s, patient, ("of", "with")) or self._owner(s, v, ("with",))  # "signed a deal with X"
            if a is None or b is None or a[0] == b[0]:
                return None
            ids = tuple(sorted({*a[0], *b[0]}))
            # Two parties sign many things: with no carrier list, "a deal with" and "a memorandum
            # with" are compared only with their own kind (as the token tier does).
            return (*ids, "" if cls.objects else patient.lemma.casefold()), " and ".join(self.display(i) for i in ids)
        if patient is None:
            return None
        types = _PRODUCT_TYPES if cls.object == "product" else _COMPANY_TYPES if cls.object == "company" else None
        if cls.objects:
            if not self._is_carrier(patient, cls):
                return None
            if patient.pos == "VERB":  # "ordered the group wound up": the complement's subject
                subj = next((c for c in p.children(patient.i) if c.dep in ("nsubj", "nsubjpass", "dobj")), None)
                return self._named(s, subj, types) if subj is not None else None
            return self._owner(s, patient, ("of",), types)
        return self._named(s, patient, types)

    def _nominal(self, s: Sentence, n: Tok, cls: FrameClass):
        """'the September 18 cut', 'its March 11 launch': the owner, else the article's main entity."""
        p = s.p
        kids = p.children(n.i)
        if any(c.dep in ("compound", "amod") and c.text.casefold() not in cls.objects and c.pos != "PROPN"
               and not any(ds <= c.start < de for _, ds, de in s.dates) for c in kids):
            return None  # "the September 18 price cut", "its March 11 beta launch": another event
        owner = next((c for c in kids if c.dep == "poss"), None)
        if owner is not None:
            return self._named(s, owner, None)
        of = self._owner(s, n, ("of",), None)
        if of is not None:
            return of
        if any(c.dep == "det" and c.lemma.casefold() in ("the", "this", "that") for c in kids) and self.main \
                and cls.name in self.licensed:
            return (self.main,), self.display(self.main)
        return None

    @staticmethod
    def _agent(p: Parse, v: Tok) -> Tok | None:
        """The verb's subject (the nearest: "HONG KONG — A judge ... ordered" has a dateline
        the parser takes for a second subject), or the agent of a passive."""
        subj = [c for c in p.children(v.i) if c.dep == "nsubj" and c.i < v.i]
        if subj:
            c = subj[-1]
            return p.toks[v.head] if c.tag in ("WDT", "WP") and v.dep == "relcl" else c
        for c in p.children(v.i):
            if c.dep == "agent":
                return next((o for o in p.children(c.i) if o.dep == "pobj"), None)
        return None

    @staticmethod
    def _patient(p: Parse, v: Tok, cls: FrameClass) -> Tok | None:
        kids = p.children(v.i)
        for c in kids:
            if c.dep == "nsubjpass":
                return p.toks[v.head] if c.tag in ("WDT", "WP") and v.dep == "relcl" else c
        if v.dep == "acl" and v.tag == "VBN" and v.head != v.i:
            return p.toks[v.head]  # "the Stargate venture unveiled on January 23"
        for c in kids:
            if c.dep == "dobj":
                return c
        for c in kids:
            if c.dep in ("ccomp", "xcomp") and c.pos == "VERB" and not covers_tok(p, v, c, cls):
                return c  # (the complement of "began trading" is the event's own verb, no patient)
        if cls.object in ("product", "company") and not cls.objects:
            # "GLM-5 launched on ...", "Zhipu listed on ...": an intransitive use
            for c in kids:
                if c.dep == "nsubj":
                    return p.toks[v.head] if c.tag in ("WDT", "WP") and v.dep == "relcl" else c
        return None

    @staticmethod
    def _is_carrier(t: Tok, cls: FrameClass, strict: bool = False) -> bool:
        return (not cls.objects and not strict) or t.lemma.casefold() in cls.objects or t.text.casefold() in cls.objects

    def _owner(self, s: Sentence, n: Tok, preps: tuple[str, ...], types=None):
        """The entity a carrier noun belongs to: 'the liquidation of X', 'its acquisition of X'."""
        p = s.p
        for c in p.children(n.i):
            if c.dep == "prep" and c.lemma.casefold() in preps:
                o = next((x for x in p.children(c.i) if x.dep == "pobj"), None)
                if o is not None:
                    return self._named(s, o, types)
        return None

    def _named(self, s: Sentence, t: Tok | None, types) -> tuple[tuple[str], str] | None:
        """The entity a token names: an entity hit on its phrase, its apposition's, an unknown
        proper name, or (an anaphor) the article's main entity."""
        if t is None:
            return None
        p = s.p
        if any(c.dep == "conj" for c in p.children(t.i)):
            return None  # "GLM-5 and GLM-4.5": two objects
        lo, hi = phrase(p, t)
        # The name must be the token's own: in "the TV contracts" the contracts are no name.
        inside = [h for h in s.hits if h[0] < hi and lo < h[1] and (t.pos == "PROPN" or (h[0] < t.end and t.start < h[1]))]
        if len({h[2] for h in inside}) == 1:
            h = inside[0]
            if h[3] in _NOT_OBJECT_TYPES or (types is not None and h[3] not in types) or not self.usable_name(h[2]):
                return None
            return (h[2],), self.display(h[2])
        if inside:
            return None
        for c in p.children(t.i):
            if c.dep == "appos" or (c.dep in ("compound", "poss") and t.lemma in _SECURITIES):
                return self._named(s, c, types)  # (an apposition; "Aumovio shares": the issuer)
        low = t.text.casefold()
        if (low in _PRONOUNS or (t.pos == "NOUN" and low in self.anaphors and any(
                c.dep == "det" and c.lemma.casefold() in ("the", "this", "that") for c in p.children(t.i)))) and self.main:
            return (self.main,), self.display(self.main)
        if t.pos == "NOUN" and low in self.typed and any(
                c.dep == "det" and c.lemma.casefold() in ("the", "this", "that") for c in p.children(t.i)):
            # the one name of that type in the sentence before or earlier in this one
            earlier = {h[2] for h in s.hits if h[1] <= t.start and h[3] == self.typed[low]}
            earlier |= {i for i, typ in s.before if typ == self.typed[low]}
            return ((next(iter(earlier)),), self.display(next(iter(earlier)))) if len(earlier) == 1 else None
        if t.pos == "PROPN" and t.text[:1].isupper():
            words = [x.text.casefold() for x in p.toks if lo <= x.start and x.end <= hi and x.dep != "case"
                     and x.pos in ("PROPN", "NUM")]
            name = unknown_id(words)
            if (types is None or "unknown" in types) and self.usable_name(name):
                return (name,), " ".join(x.text for x in p.toks if lo <= x.start and x.end <= hi and x.dep != "case")
        return None

    def _market(self, clause: str) -> str | None:
        """The one market the clause names, "" for none, None for two."""
        found = {m for m, pat in self.markets.items() if pat.search(clause)}
        return None if len(found) > 1 else next(iter(found), "")


def licences(classes: list[FrameClass], text: str) -> set[str]:
    """Classes the article names in full: an object word next to one of the class's words or
    nouns ("rate cut", "cut interest rates", "lowered its benchmark rate")."""
    out = set()
    for c in classes:
        if not c.objects or not c.nouns:
            continue
        obj = "|".join(re.escape(o) for o in sorted(c.objects))
        verb = "|".join(re.escape(w) for w in sorted({*c.words, *c.nouns}))
        pat = re.compile(rf"\b(?:{obj})\s(?:{verb})\b|\b(?:{verb})\s(?:[\w'’-]+\s){{0,3}}?(?:{obj})\b", re.I)
        if pat.search(text):
            out.add(c.name)
    return out
