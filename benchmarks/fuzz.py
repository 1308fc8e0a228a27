#!/usr/bin/env python3
"""A longer fuzz run than the suite's (tests/test_robustness_fuzz.py): seeded
random hostile corpora through the whole pipeline and every output format,
then the command line itself on a sample of them (exit status never 1 for
an internal error, never a traceback, no file written outside the store).

    python benchmarks/fuzz.py [--corpora 2000] [--seed 11] [--cli 50]

Prints the counts of corpora, documents, findings, input errors and failures;
exits 1 if anything failed, with the failing corpus kept for a reproducer.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from test_robustness_fuzz import PIECES  # noqa: E402  (one list of hostile pieces)

NAMES = ["a.md", "b.txt", "c.html", "x\n::warning file=e::y.md", "sp ace.md", "é.txt", "-rf.md", "%0A.md", "d.htm", "e.markdown"]


def corpus(rng: random.Random) -> dict[str, str]:
    fronts = ["", "---\npublished: 2025-03-01\n---\n", "---\npublished: 9999-12-31\n---\n", "---\npublished: 0001-01-02\n---\n"]
    out = {}
    for name in rng.sample(NAMES, rng.randint(1, 4)):
        body = rng.choice(fronts) + " ".join(rng.choice(PIECES) for _ in range(rng.randint(0, 200)))
        if rng.random() < 0.1:  # a long adversarial run
            body += rng.choice(["<!--", "<a ", ".", "$1 billion ", "Harbor Kinetics "]) * rng.randint(100, 5000)
        out[name] = body
    return out


def no_constants(name: str):
    raise ValueError(name)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--cli", type=int, default=50, help="how many corpora also go through the command line")
    args = ap.parse_args()
    from factlint.knowledge import Knowledge
    from factlint.pipeline import lint
    from factlint.report import github, html, json_out, junit, sarif, text

    kb = Knowledge.load()
    rng = random.Random(args.seed)
    counts = {"corpora": 0, "documents": 0, "findings": 0, "input errors": 0, "failures": 0}
    started = time.perf_counter()
    for i in range(args.corpora):
        tmp = Path(tempfile.mkdtemp(prefix="factlint-fuzz-"))
        arts = tmp / "arts"
        arts.mkdir()
        for name, body in corpus(rng).items():
            (arts / name).write_text(body, encoding="utf-8", errors="surrogatepass")
        try:
            r = lint([arts], kb, jobs=1)
            rep = r.report
            if any(e.kind == "internal" for e in rep.errors):
                raise RuntimeError(f"internal error: {[e.message for e in rep.errors if e.kind == 'internal']}")
            json.loads(json_out.lint_json(rep), parse_constant=no_constants)
            json.loads(sarif.render(rep, kb), parse_constant=no_constants)
            junit.render(rep)
            html.render(rep, r.analyses)
            for line in (text.lint_text(rep) + github.render(rep)).splitlines():
                if line.startswith("::") and not line.startswith(("::error ", "::warning ", "::notice ")):
                    raise RuntimeError(f"forged line: {line!r}")
            if i < args.cli:
                before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in arts.iterdir()}
                for extra in (["--no-store"], []):
                    res = subprocess.run([str(Path(sys.executable).parent / "factlint"), "lint", "arts", "--format", "json", *extra],
                                         cwd=tmp, capture_output=True, text=True, timeout=300)
                    if res.returncode not in (0, 1, 2) or "Traceback" in res.stderr:
                        raise RuntimeError(f"cli exit {res.returncode}: {res.stderr[-500:]}")
                    json.loads(res.stdout, parse_constant=no_constants)
                after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in arts.iterdir()}
                if before != after or sorted(p.name for p in tmp.iterdir()) != [".factlint", "arts"]:
                    raise RuntimeError("files changed outside the store folder")
            counts["documents"] += len(rep.documents)
            counts["findings"] += len(rep.findings)
            counts["input errors"] += len(rep.errors)
            shutil.rmtree(tmp)
        except Exception as exc:  # noqa: BLE001 - a fuzzer reports, it does not stop
            counts["failures"] += 1
            print(f"FAIL corpus {i} kept in {tmp}: {type(exc).__name__}: {str(exc)[:300]}", file=sys.stderr)
        counts["corpora"] += 1
    print(", ".join(f"{k}: {v}" for k, v in counts.items()) + f"; {time.perf_counter() - started:.1f} s")
    return 1 if counts["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
