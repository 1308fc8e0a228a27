"""A noun's distinguishing modifiers, as the property phrase keeps them (grammar.py): compounds
and adjectives, with a hyphenated word kept whole however the parser split it."""
from __future__ import annotations

from ...parse import Parse, Tok

_NUMERIC = {"NUM", "SYM"}


def modifiers(p: Parse, t: Tok, skip: set[int]) -> list[str]:
    """Distinguishing modifiers of a noun: compounds and adjectives, not names or numbers; a
    hyphenated word is one modifier ("all-in sustaining cost", "like-for-like sales"), however
    the parser split and attached its parts."""
    out: list[str] = []
    seen: set[int] = set()
    left = _hyphenated(p, t.i - 1) if t.i > 0 else None
    for c in p.children(t.i):
        if c.i in skip or c.i > t.i or c.dep not in ("compound", "amod", "nmod") or c.pos in _NUMERIC or c.pos == "PROPN":
            continue  # after the noun: "income, higher than the forecast" says how it compares, not what it is
        if c.text[:1].isdigit() or c.lemma in ("%", "$"):
            continue
        run = _hyphenated(p, c.i)
        if run is not None:
            if not seen & set(range(run[0], run[1])):
                out.append(_run_text(p, run))
            seen.update(range(run[0], run[1]))
            # ... and a word the parser hung on the hyphenated word ("all-in sustaining cost")
            out += [d.text.lower() for d in p.children(c.i) if run[1] <= d.i < t.i and d.i not in skip
                    and d.pos in ("NOUN", "ADJ", "VERB") and d.text.isalpha()]
            continue
        out.append(c.lemma if c.pos == "NOUN" else c.text.lower())  # "operating profit", not "operate"
    if left is not None and not seen & set(range(*left)) and not any(k in skip for k in range(*left)):
        out.insert(0, _run_text(p, left))  # written right before the noun, but parsed as a clause
    return out


def _hyphenated(p: Parse, i: int) -> tuple[int, int] | None:
    """The token range of the hyphenated word token i is part of (no space between its parts), if
    it is one and holds no digit ("non-GAAP", not "2024-25")."""
    lo = hi = i
    while lo > 0 and p.toks[lo - 1].end == p.toks[lo].start:
        lo -= 1
    while hi + 1 < len(p.toks) and p.toks[hi].end == p.toks[hi + 1].start:
        hi += 1
    texts = [p.toks[k].text for k in range(lo, hi + 1)]
    if "-" not in texts or texts[0] == "-" or texts[-1] == "-" or any(ch.isdigit() or ch in "$%" for x in texts for ch in x):
        return None
    if not all(x == "-" or x.isalpha() for x in texts):
        return None  # "(AISC)", "U.S.-listed": punctuation other than the hyphen is not one word
    return lo, hi + 1


def _run_text(p: Parse, run: tuple[int, int]) -> str:
    return "".join(p.toks[k].text for k in range(*run)).lower()
