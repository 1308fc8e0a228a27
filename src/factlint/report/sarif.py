"""SARIF 2.1.0 output, for code-scanning dashboards (GitHub, Azure, IDEs).

A finding spans claims in several files: the first claim is the result's
location, every other claim a related location that the message links to,
so a reviewer sees which older source the new article contradicts.
Output is byte-identical for identical input: no timestamps, no absolute
paths, sorted keys.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from .. import __version__
from ..fingerprint import fingerprint
from ..knowledge import Knowledge, Rule
from ..models import ClaimRef, Finding, Report, Severity
from .. import messages
from .json_out import dumps, object_items

# Where the results go in the dumped log: a string no result, rule or path can be, since a JSON
# string value never holds a raw NUL.
_HOLE = "\0results\0"
_HOLE_JSON = '"results": "\\u0000results\\u0000"'

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HOME = "https://github.com/factlint/factlint"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "factlint/v2"


def repo_path(doc: str) -> str:
    """A document path as CI tools expect it: relative to the working
    directory when inside it, forward slashes, no leading './'."""
    p = doc.replace("\\", "/")
    if os.path.isabs(p):
        try:
            p = Path(p).resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return p
    return PurePosixPath(p).as_posix()


def _uri(doc: str) -> str:
    p = repo_path(doc)
    if os.path.isabs(p):
        return Path(p).as_uri()
    return quote(p, safe="/-._~")


def _escape(text: str) -> str:
    # Plain text that shares a message with embedded links: literal brackets
    # and backslashes must not read as link syntax (SARIF §3.11.6).
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _region(c: ClaimRef) -> dict:
    lines = c.text.split("\n")
    end_line = c.line + len(lines) - 1
    end_col = (c.column + (c.end - c.start)) if len(lines) == 1 else len(lines[-1]) + 1
    return {
        "startLine": c.line,
        "startColumn": c.column,
        "endLine": end_line,
        "endColumn": max(end_col, 1),
        "charOffset": c.start,
        "charLength": c.end - c.start,
    }


def _location(c: ClaimRef, artifacts: dict[str, int]) -> dict:
    uri = _uri(c.doc)
    return {"physicalLocation": {"artifactLocation": {"uri": uri, "index": artifacts[uri]}, "region": _region(c)}}


def describe(c: ClaimRef) -> str:
    """Who said it and when: '"$150 million" (Reuters, published 2025-04-02)'."""
    said = c.attribution if c.attribution != c.source else None
    about = [x for x in (said, c.source, f"published {c.published}" if c.published else None) if x]
    role = f"{c.role}: " if c.role and c.role != "stated" else ""
    return f"{role}'{c.text}'" + (f" ({', '.join(about)})" if about else "")


def _result(f: Finding, index: dict[str, int], artifacts: dict[str, int], state: str | None = None,
            accepted_in: str = "") -> dict:
    first, rest = f.claims[0], f.claims[1:]
    related = []
    ids: dict[int, int] = {}
    for i, c in enumerate(rest, start=1):
        loc = _location(c, artifacts)
        loc["id"] = i
        loc["message"] = {"text": describe(c)}
        related.append(loc)
        ids[id(c)] = i
    # A few links per distinct value: forty copies of one figure are not forty links.
    links = messages.others(f, lambda c: f"[{_escape(repo_path(c.doc))}:{c.line}]({ids[id(c)]}) {_escape(describe(c))}")
    text = _escape(f.message)
    if links:
        text += " Other claims: " + "; ".join(links) + "."
    if f.explanation:
        text += " " + _escape(f.explanation)
    result = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVEL[f.severity],
        "kind": "fail",
        "message": {"text": text},
        "locations": [_location(first, artifacts)],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint or fingerprint(f)},
        "properties": {k: v for k, v in (("kind", f.kind), ("entity", f.entity), ("metric", f.metric), ("period", f.period)) if v},
    }
    if related:
        result["relatedLocations"] = related
    if state:
        result["baselineState"] = state
        if state == "unchanged":  # accepted: dashboards show it as dismissed, not as an open alert
            result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": f"accepted in {accepted_in}"}]
    return result


def _help(rule: Rule) -> str:
    lines = [rule.description]
    for ex in rule.examples[:2]:
        verb = {"flag": "flagged", "hold": "held back"}.get(ex.expect, "passes")
        lines.append(f"\nExample ({verb}{': ' + ex.note if ex.note else ''}):")
        lines.extend("  " + t.strip().replace("\n", "\n  ") for t in ex.texts)
    return "\n".join(lines)


def _descriptor(rule_id: str, rule: Rule | None) -> dict:
    if rule is None:  # a finding from outside the rules folder (input errors, suppressions)
        return {"id": rule_id, "shortDescription": {"text": rule_id}}
    short = rule.description.split(". ")[0].rstrip(".") + "."
    return {
        "id": rule.id,
        "name": messages.finding_kind(rule.kind),
        "shortDescription": {"text": short},
        "fullDescription": {"text": rule.description},
        "help": {"text": _help(rule)},
        "defaultConfiguration": {"level": LEVEL[rule.severity], "enabled": rule.enabled},
        "properties": {"kind": messages.finding_kind(rule.kind), "rule-kind": rule.kind},
    }


def chunks(report: Report, kb: Knowledge, comparison=None) -> Iterator[str]:
    """The SARIF log in pieces of about json_out.PIECE characters, one result turned into a dict
    at a time: the log of a large corpus is never whole in memory.  With a baseline (`comparison`), results carry `baselineState`: the report's findings are
    "new", the accepted ones still found are listed too as "unchanged" (suppressed), and the fixed
    ones are named in the run's properties."""
    findings = sorted((f for f in report.findings if f.claims), key=Finding.sort_key)
    unchanged = sorted((f for f in comparison.unchanged if f.claims), key=Finding.sort_key) if comparison else []
    state = {id(f): "new" for f in findings} | {id(f): "unchanged" for f in unchanged} if comparison else {}
    known = {r.id: r for r in kb.rules}
    rule_ids = sorted(set(known) | {f.rule for f in findings + unchanged})
    index = {r: i for i, r in enumerate(rule_ids)}
    uris = sorted({_uri(d) for d in report.documents} | {_uri(c.doc) for f in findings + unchanged for c in f.claims})
    artifacts = {u: i for i, u in enumerate(uris)}
    documents = {_uri(d) for d in report.documents}
    run = {
        "tool": {
            "driver": {
                "name": "factlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": HOME,
                "rules": [_descriptor(r, known.get(r)) for r in rule_ids],
            }
        },
        "artifacts": [
            {"location": {"uri": u}, **({"roles": ["analysisTarget"]} if u in documents else {})} for u in uris
        ],
        "invocations": [
            {
                "executionSuccessful": not report.errors,
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": e.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": _uri(e.path)},
                                    **({"region": {"startLine": e.line}} if e.line else {}),
                                }
                            }
                        ],
                    }
                    for e in sorted(report.errors, key=lambda e: (e.path, e.line or 0, e.message))
                ],
            }
        ],
        "columnKind": "unicodeCodePoints",
        "results": _HOLE,
    }
    if comparison is not None:
        run["properties"] = {"baseline": comparison.as_json()}
    # The log is dumped with a placeholder for the results, which are then dumped one at a time
    # where it stood, indented as dumps would: byte-identical to dumps of the whole log.
    head, hole, tail = dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}).partition(_HOLE_JSON)
    assert hole, "the results placeholder was not written"
    results = (_result(f, index, artifacts, state.get(id(f)), comparison.file if comparison else "")
               for f in sorted(findings + unchanged, key=Finding.sort_key))
    yield from object_items(head + '"results": ', results, " " * 8, tail)


def render(report: Report, kb: Knowledge, comparison=None) -> str:
    """chunks whole, for a report known to be small."""
    return "".join(chunks(report, kb, comparison))
