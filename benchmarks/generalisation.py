"""Does the reader generalise beyond its word lists?  Lexicon dropout and leave-one-corpus-out.

Lexicon dropout: remove a fraction (30%, 50%) of every entity's aliases and every metric's
synonyms (fixed seeds) and score each labelled corpus again: the grammar tier should keep
recall up when the lists are thinner.  Leave-one-corpus-out: for each corpus, drop the
entities that only that corpus names (the entries it needed) and score it without them.

    python benchmarks/generalisation.py [--corpora NAME ...]
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from goldscore import load_gold, matches  # noqa: E402

from factlint.knowledge import Knowledge  # noqa: E402
from factlint.pipeline import lint  # noqa: E402

DATA = ROOT / "tests" / "data"
POSITIVE = {"error", "warning"}


def corpora() -> dict[str, Path]:
    found = {p.name: p for p in sorted(DATA.iterdir()) if (p / "gold.json").exists()}
    return found


def with_lexicon(kb: Knowledge, entities, metrics) -> Knowledge:
    out = Knowledge(kb.rules_dir, kb.rules, entities, metrics, kb.rates, kb.digest + "-variant")
    out.frame_words, out.claim_words, out.matching = kb.frame_words, kb.claim_words, kb.matching
    return out


def dropout(kb: Knowledge, fraction: float, seed: int) -> Knowledge:
    rng = random.Random(seed)
    keep = lambda xs: [x for x in xs if rng.random() >= fraction]  # noqa: E731
    entities = [e.model_copy(update={"aliases": keep(e.aliases)}) for e in kb.entities]
    metrics = [m.model_copy(update={"synonyms": keep(m.synonyms)}) for m in kb.metrics]
    return with_lexicon(kb, entities, metrics)


def leave_out(kb: Knowledge, corpus: Path, others: list[Path]) -> Knowledge:
    """Without the entities whose names occur in this corpus and in no other."""
    def text(paths):
        return "\n".join(f.read_text(encoding="utf-8", errors="replace").casefold()
                         for p in paths for f in sorted(p.iterdir()) if f.suffix in (".md", ".txt", ".html"))
    here, there = text([corpus]), text(others)
    own = {e.id for e in kb.entities
           if any(n.casefold() in here for n in [e.name, *e.aliases]) and not any(n.casefold() in there for n in [e.name, *e.aliases])}
    entities = [e for e in kb.entities if e.id not in own and e.parent not in own]
    return with_lexicon(kb, entities, kb.metrics)


def score(corpus: Path, kb: Knowledge) -> tuple[float, float]:
    gold = load_gold(corpus)
    findings = lint([corpus], kb).report.findings
    positives = [f for f in findings if f.severity.value in POSITIVE]
    found = sum(any(matches(f, g["spans"]) for f in (findings if g["kind"] == "revision" else positives))
                for g in gold["findings"])
    true = sum(any(matches(f, g["spans"]) for g in gold["findings"] if g["kind"] != "revision") for f in positives)
    recall = found / len(gold["findings"]) if gold["findings"] else 1.0
    precision = true / len(positives) if positives else 1.0
    return recall, precision


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", nargs="*")
    args = ap.parse_args()
    kb = Knowledge.load()
    found = corpora()
    names = args.corpora or list(found)
    print(f"{'corpus':<12} {'full':>11} {'drop30 s1':>11} {'drop30 s2':>11} {'drop50 s1':>11} {'drop50 s2':>11} {'loco':>11}")
    for name in names:
        c = found[name]
        cells = [score(c, kb)]
        for fraction in (0.3, 0.5):
            for seed in (1, 2):
                cells.append(score(c, dropout(kb, fraction, seed)))
        cells.append(score(c, leave_out(kb, c, [p for n, p in found.items() if n != name])))
        print(f"{name:<12} " + " ".join(f"{r:.2f}/{p:.2f}".rjust(11) for r, p in cells))
    print("(recall/precision; drop = share of aliases and synonyms removed, s = seed; loco = without the entities only this corpus names)")


if __name__ == "__main__":
    main()
