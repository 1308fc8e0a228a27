"""Where the words of an event lie in a sentence's parse (check/event_frames.py): the phrase of a
class that runs from a verb over its complement, the scope a hedge would make unsure, and a
name's own words."""
from __future__ import annotations

from ..parse import Parse, Tok


def covers(s, up: Tok, t: Tok, cls) -> bool:
    """A phrase of the class that runs from the verb over its complement ("began trading")."""
    return any(" " in w and s.text[up.start : up.start + len(w)].casefold() == w and up.start + len(w) >= t.end
               for w in cls.words)


def covers_tok(p: Parse, up: Tok, t: Tok, cls) -> bool:
    """covers on the parse's own words (the tokens from the verb to its complement)."""
    words = " ".join(x.text.casefold() for x in p.toks[up.i : t.i + 1])
    return words in cls.words


def scope(p: Parse, t: Tok, nominal: bool) -> list[tuple[int, int]]:
    """Where a hedge or stage word would make the event unsure (sentence offsets): the trigger's
    own subtree, and the verbs above it with their auxiliaries and adverbs ("it is likely that
    ..."), up to a relative clause's noun (its main clause says something else)."""
    out = [p.subtree_span(t.i)]
    if nominal:
        return out
    steps = 0
    while t.head != t.i and t.dep not in ("relcl", "acl") and steps < 8:
        t, steps = p.toks[t.head], steps + 1
        out.append((t.start, t.end))
        out += [(c.start, c.end) for c in p.children(t.i) if c.dep in ("aux", "auxpass", "neg", "advmod", "mark", "acomp")]
    return out


def phrase(p: Parse, t: Tok) -> tuple[int, int]:
    """A name with its compounds and numbers ("Flamanville 3", "Federal Reserve")."""
    lo, hi = t.start, t.end
    for c in p.children(t.i):
        if c.dep in ("compound", "flat", "nummod") or (c.dep == "amod" and c.pos == "PROPN"):
            lo, hi = min(lo, c.start), max(hi, c.end)
    return lo, hi
