"""`factlint explain FILE[:LINE]`: how every figure of an article was read and paired.

For each figure: its frame (every slot with the words and rule that filled it and
how sure it is), its links to other figures, the fact group it joined and the
figures of other articles it was paired with (and why), or why it was held
back; and the findings it takes part in.  Built from the same functions the
checks use, so it cannot tell a different story from `lint`.
"""
from __future__ import annotations

import json
from pathlib import Path

from .check import grouping, matching
from .check.engine import Context
from .knowledge import Knowledge
from .models import Claim, Frame, Slot
from .pipeline import lint

_MAX_PEERS = 8  # paired figures listed per figure; the count says how many more


def parse_target(target: str) -> tuple[Path, int | None]:
    """'path/to/file.md:13' -> (path, 13); a path that exists as written wins."""
    p = Path(target)
    if p.exists() or ":" not in target:
        return p, None
    head, _, line = target.rpartition(":")
    if line.isdigit():
        return Path(head), int(line)
    return p, None


def explain(path: Path, line: int | None, against: list[Path], kb: Knowledge) -> dict:
    result = lint([*against, path], kb, hold_all=True)  # every analysis in memory: it reads them all
    target = next((a for a in result.analyses if Path(a.doc.path).resolve() == path.resolve()), None)
    if target is None:
        return {"version": 1, "file": path.as_posix(), "figures": [],
                "errors": [e.message for e in result.report.errors if Path(e.path).resolve() == path.resolve()]}
    ctx = Context(result.analyses, kb)
    rule = next((r for r in kb.rules if r.kind == "value-agreement" and r.enabled), None)
    groups = grouping.fact_groups(ctx, rule) if rule is not None else {}
    pairing = ctx.__dict__.get("pairing", {})
    member_of = {c.id: key for key, members in groups.items() for c in members}
    findings = {}
    for f in result.report.findings:
        for ref in f.claims:
            findings.setdefault((Path(ref.doc).resolve(), ref.start), []).append(f)
    threshold = float(rule.params.get("min_confidence", kb.matching.frame_confidence)) if rule else 0.0
    figures = []
    for c in target.claims:
        if line is not None and c.mention.line != line:
            continue
        key = member_of.get(c.id)
        peers = [o for o in groups.get(key, []) if o.id != c.id] if key else []
        entry = {
            "line": c.mention.line, "column": c.mention.column, "text": c.mention.text, "kind": c.mention.kind,
            "value": c.mention.value, "unit": c.mention.unit,
            "reading": {"entity": c.entity, "metric": c.metric, "period": c.period.label if c.period else None,
                        "as_of": c.as_of.isoformat() if c.as_of else None, "as_of_source": c.as_of_source,
                        "status": c.status, "role": c.role, "hedges": c.hedges, "attribution": c.attribution},
            "frame": _frame(c.frame),
            "links": [{"type": link.type, "to": _where(ctx.claim_by_id.get(link.target)), "rule": link.rule}
                      for link in c.links],
            "confidence": round(matching.confidence(c, kb), 2), "error_threshold": threshold,
            "held_back": None if rule is None else grouping.ineligible(c, rule, kb),
            "group": None if key is None else {"entity": key[0], "fact": key[1], "unit": key[2],
                                                "paired": pairing[c.id].why if c.id in pairing else None},
            "paired_with": [_peer(o, pairing) for o in sorted(peers, key=lambda o: o.id)[:_MAX_PEERS]],
            "more_paired": max(0, len(peers) - _MAX_PEERS),
            "findings": [{"rule": f.rule, "severity": f.severity.value, "message": f.message}
                         for f in findings.get((Path(c.mention.doc).resolve(), c.mention.file_start), [])],
        }
        if entry["held_back"] is None and entry["confidence"] < threshold:
            entry["held_back"] = (f"compared, but read with confidence {entry['confidence']:g} < {threshold:g}: "
                                  "a conflict would be info ('possibly the same figure'), never an error")
        figures.append(entry)
    return {"version": 1, "file": path.as_posix(), "figures": figures}


def _slot(s: Slot) -> dict:
    return {"value": s.value, "words": s.words, "rule": s.rule, "confidence": s.confidence}


def _frame(f: Frame | None) -> dict | None:
    if f is None:
        return None
    out = {k: _slot(getattr(f, k)) for k in ("actor", "thing", "root", "property", "period", "as_of", "status", "role")}
    out.update(head=f.head, modifiers=f.modifiers, predicate=f.predicate, purpose=f.purpose)
    return out


def _where(c: Claim | None) -> str | None:
    return None if c is None else f"{c.mention.doc}:{c.mention.line}:{c.mention.column} {c.mention.text!r}"


def _peer(o: Claim, pairing: dict) -> dict:
    return {"at": _where(o), "metric": o.metric, "period": o.period.label if o.period else None,
            "why": pairing[o.id].why if o.id in pairing else None}


def as_text(data: dict) -> str:
    lines = [f"{data['file']}: {len(data['figures'])} figure{'s' * (len(data['figures']) != 1)}"]
    for e in data.get("errors", []):
        lines.append(f"  error: {e}")
    for fig in data["figures"]:
        r = fig["reading"]
        lines.append("")
        lines.append(f"{data['file']}:{fig['line']}:{fig['column']}: {fig['text']!r} ({fig['kind']}, {fig['value']} {fig['unit'] or ''})".rstrip())
        lines.append(f"  read as: {r['entity'] or '?'} / {r['metric'] or '?'} / period {r['period'] or '?'} / "
                     f"said {r['as_of'] or '?'} ({r['as_of_source'] or '-'}) / {r['status']}"
                     + (f" / role {r['role']}" if r["role"] else "") + (f" / hedges {', '.join(r['hedges'])}" if r["hedges"] else ""))
        f = fig["frame"]
        if f is None:
            lines.append("  frame: not parsed (token rules only)")
        else:
            for k in ("actor", "thing", "property", "period", "as_of", "status", "role"):
                s = f[k]
                if s["value"] or s["rule"]:
                    lines.append(f"  {k:<9} {s['value']!s:<28} from {s['words']!r} by {s['rule'] or '-'} ({s['confidence']:g})")
            extra = ", ".join(f"{k} {f[k]}" for k in ("predicate", "purpose") if f[k])
            if extra:
                lines.append(f"            {extra}")
        for link in fig["links"]:
            lines.append(f"  link: {link['type']} -> {link['to']} ({link['rule']})")
        lines.append(f"  confidence {fig['confidence']:g} (an error needs {fig['error_threshold']:g})")
        if fig["group"] is None:
            lines.append(f"  not compared: {fig['held_back']}")
        else:
            g = fig["group"]
            lines.append(f"  fact group: {g['entity']} / {g['fact']} ({g['unit']}); {g['paired'] or ''}")
            if fig["held_back"]:
                lines.append(f"  {fig['held_back']}")
            for p in fig["paired_with"]:
                lines.append(f"    with {p['at']} [{p['metric']}, {p['period'] or 'no period'}]: {p['why']}")
            if fig["more_paired"]:
                lines.append(f"    ... and {fig['more_paired']} more")
        for fd in fig["findings"]:
            lines.append(f"  finding: {fd['severity']} [{fd['rule']}] {fd['message']}")
    return "\n".join(lines) + "\n"


def as_json(data: dict) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
