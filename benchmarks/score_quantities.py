#!/usr/bin/env python3
"""Score quantity extraction on a labelled set: value F1 and value+unit F1.

    python benchmarks/score_quantities.py [SET.jsonl] [--src DIR] [--show]

Each line of the set is {"sentence": ..., "quantities": [{"value": V, "unit": U}, ...]}
where V is a number or [low, high] for a range (the written ends, scale applied)
and U is the unit in factlint's vocabulary: an ISO 4217 code for money ("pence"
and "cents" are counted nouns), a pint unit name for physical units ("mile / hour"), "percent",
"percentage_point", "x" for multiples, the counted noun (singular) for counts,
"-" for a bare number or a fraction; a rate adds " / DENOMINATOR".

Matching is strict one-to-one within a sentence: a gold quantity matches at most
one extracted figure (dates are not figures), values must agree to 1e-5
relative, first pairs whose units also agree, then the rest by value.
Units agree when equal after singularising nouns, or when pint reads both as
the same unit.  --src scores another checkout's code (e.g. main, for a
before/after figure); --show prints every miss and false positive.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT / "tests" / "data" / "quantities" / "dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", nargs="?", default=str(DEFAULT_SET))
    ap.add_argument("--src", default=str(ROOT / "src"), help="the factlint source folder to score")
    ap.add_argument("--show", action="store_true", help="print misses and false positives")
    args = ap.parse_args()
    sys.path.insert(0, args.src)
    from factlint.extract import extract
    from factlint.ingest import parse

    gold_n = pred_n = value_tp = unit_tp = 0
    path = Path(args.set)
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
            sentence, gold = case["sentence"], case["quantities"]
        except (ValueError, KeyError) as e:
            sys.exit(f"{path}:{lineno}: not a labelled sentence: {e}")
        preds = [m for m in extract(parse(sentence, "s.txt", "txt")) if m.kind != "date"]
        gold_n, pred_n = gold_n + len(gold), pred_n + len(preds)
        pairs = _match(gold, preds)
        value_tp += len(pairs)
        unit_tp += sum(ok for _, _, ok in pairs)
        if args.show:
            _show(lineno, sentence, gold, preds, pairs)
    print(f"set: {path.name}, {gold_n} quantities, {pred_n} extracted")
    for name, tp in (("value", value_tp), ("value+unit", unit_tp)):
        p, r = tp / pred_n if pred_n else 0.0, tp / gold_n if gold_n else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<11} P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f1:5.1f}")


def _match(gold: list[dict], preds: list) -> list[tuple[int, int, bool]]:
    pairs: list[tuple[int, int, bool]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for need_unit in (True, False):
        for gi, g in enumerate(gold):
            if gi in used_g:
                continue
            for pi, p in enumerate(preds):
                if pi in used_p or not _value_ok(g["value"], p):
                    continue
                ok = _unit_ok(g["unit"], _unit_of(p))
                if need_unit and not ok:
                    continue
                pairs.append((gi, pi, ok))
                used_g.add(gi)
                used_p.add(pi)
                break
    return pairs


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-8)


def _value_ok(gold, m) -> bool:
    if isinstance(gold, list):
        if m.bound != "range":
            return False
        lo, hi = getattr(m, "range_low", None), getattr(m, "range_high", None)
        if lo is not None and hi is not None:
            return _close(gold[0], lo) and _close(gold[1], hi)
        # Older outputs carry only the widened interval: accept ends within 10%.
        return all(x is not None and abs(x - g) <= 0.1 * abs(g) for x, g in ((m.low, gold[0]), (m.high, gold[1])))
    return m.bound != "range" and m.value is not None and _close(gold, m.value)


def _unit_of(m) -> str:
    name = getattr(m, "unit_name", None)
    if name:
        return name
    base = {"percent": "percent", "percent-point": "percentage_point", "multiple": "x", "fraction": "-"}.get(m.kind)
    return base or m.unit or "-"


def _unit_ok(gold: str, pred: str) -> bool:
    gs, ps = [s.strip() for s in gold.split(" / ")], [s.strip() for s in pred.split(" / ")]
    if len(gs) == len(ps) and all(_norm(a) == _norm(b) for a, b in zip(gs, ps)):
        return True
    return _pint_same(gold, pred)


_IRREGULAR = {"women": "woman", "men": "man", "children": "child", "feet": "foot", "mice": "mouse", "teeth": "tooth"}


def _norm(u: str) -> str:
    w = u.lower().split()[-1] if u.strip() else "-"
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses")):
        return w[:-2]
    if w.endswith("ves") and w not in ("groves",):
        return w[:-3] + "f"
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 2:
        return w[:-1]
    return w


@lru_cache(maxsize=None)
def _pint_same(a: str, b: str) -> bool:
    try:
        reg = _registry()
        qa, qb = reg.Quantity(1.0, a), reg.Quantity(1.0, b)
        return qa.dimensionality == qb.dimensionality and _close(qa.to(qb.units).magnitude, 1.0) and not qa.dimensionless
    except Exception:  # noqa: BLE001 - pint raises many types for what it cannot read
        return False


@lru_cache(maxsize=1)
def _registry():
    import pint

    return pint.UnitRegistry()


def _show(lineno: int, sentence: str, gold: list[dict], preds: list, pairs) -> None:
    gi_ok = {g for g, _, ok in pairs if ok}
    gi_any = {g for g, _, _ in pairs}
    pi_any = {p for _, p, _ in pairs}
    lines = []
    for gi, g in enumerate(gold):
        if gi not in gi_any:
            lines.append(f"  miss   {g['value']} {g['unit']}")
        elif gi not in gi_ok:
            p = preds[next(p for g2, p, _ in pairs if g2 == gi)]
            lines.append(f"  unit   {g['value']} {g['unit']!r} read as {_unit_of(p)!r}")
    for pi, p in enumerate(preds):
        if pi not in pi_any:
            lines.append(f"  extra  {p.text!r} {p.kind} {p.value} {_unit_of(p)!r}")
    if lines:
        print(f"{lineno}: {sentence}")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
