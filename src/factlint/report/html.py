"""A self-contained HTML report: one file, inline CSS and JS, no network.

Everything that comes from articles, rules or baselines reaches the page only
through Jinja2 autoescaping; the only raw inserts are our own static CSS and
JS, and the script runs because its hash is in the Content-Security-Policy.
Filtering happens in the browser by toggling `hidden` on server-rendered
findings, using small integer facet indexes in data attributes, so no article
text is ever embedded in JavaScript.
"""
from __future__ import annotations

import base64
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from functools import cache
from importlib.resources import files
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import fmt, messages
from ..fingerprint import fingerprint
from ..models import Bound, ClaimRef, Finding, Report, Severity
from ..pipeline import Analysis
from .html_articles import _Doc, _article, _doc, _span_for, doc_id  # noqa: F401  (doc_id: part of this interface)

NONE = "(none)"
TOP = 10  # facet values shown before "more"
OPEN_UP_TO = 30  # findings shown expanded; a longer list starts collapsed to one line each
PAGE = 100  # findings per page
EMBED_ALL_UP_TO = 100  # articles; in a larger report only those with findings are embedded
_SEVERITIES = [s.value for s in sorted(Severity, key=lambda s: -s.rank)]
_STATUSES = ["new", "unchanged"]
# (key in data-* and the URL fragment, heading, attribute of the finding view)
_FACETS = [("sev", "Severity"), ("kind", "Kind"), ("entity", "Entity"), ("metric", "Metric"), ("source", "Source")]
_SORTS = [("doc", "document"), ("severity", "severity"), ("entity", "entity")]


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("factlint.report", "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _asset(name: str) -> str:
    return (files("factlint.report") / "templates" / name).read_text("utf-8")


def script_hash(script: str) -> str:
    """CSP source expression allowing exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(script: str) -> str:
    return (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src {script_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def render(report: Report, analyses: list[Analysis], *, title: str = "factlint report", comparison=None,
           metric_names: dict[str, str] | None = None, provenance: list[tuple[str, str]] | None = None) -> str:
    """The whole page as one string (see `chunks`)."""
    return "".join(chunks(report, analyses, title=title, comparison=comparison, metric_names=metric_names,
                          provenance=provenance))


def chunks(report: Report, analyses: list[Analysis], *, title: str = "factlint report", comparison=None,
           metric_names: dict[str, str] | None = None, provenance: list[tuple[str, str]] | None = None) -> Iterator[str]:
    """The page, a piece at a time, to be written as it is made: each article's marked-up text is
    built when its turn comes and dropped after, and beyond EMBED_ALL_UP_TO articles only those
    some finding points into are embedded (the others are counted), so a report of 50,000
    findings never holds every article twice.  `report` holds every finding; with a baseline (`comparison`, from `baseline.compare`)
    each is marked new or unchanged and the fixed ones are listed.  `metric_names` (id -> name,
    from the lexicon) names metrics as people do; `provenance` is shown in the header as (label,
    value) rows.  `analyses` need hold only the articles with findings."""
    cited = {c.doc for f in report.findings for c in f.claims}
    small = (len(report.documents) or len(analyses)) <= EMBED_ALL_UP_TO
    docs = {a.doc.path: _doc(a) for a in sorted(analyses, key=lambda a: a.doc.path) if small or a.doc.path in cited}
    status = {id(f): comparison.state(f) for f in report.findings} if comparison is not None else None
    fixed = comparison.fixed if comparison is not None else []
    findings = _findings(report.findings, docs, status, metric_names or {})
    facets = _facets(findings, comparison is not None)
    for f in findings:
        f["idx"] = {key: " ".join(str(facets[key]["index"][v]) for v in f["facet"][key]) for key in facets}
    _ranks(findings)
    script = _asset("report.js")
    n_docs = len(report.documents) or len({a.doc.path for a in analyses})
    return _env().get_template("report.html.j2").generate(
        title=title,
        csp=csp(script),
        css=Markup(_asset("report.css")),  # static, ours
        script=Markup(script),  # static, ours; allowed by hash
        findings=findings,
        facets=[facets[k] for k in facets],
        sorts=_SORTS,
        timeline=_timeline(findings),
        articles=(_article(d) for d in docs.values()),
        n_unflagged=n_docs - len(docs),
        errors=report.errors,
        n_docs=n_docs,
        fixed=fixed,
        has_baseline=comparison is not None,
        collapsed=len(findings) > OPEN_UP_TO,
        page_size=PAGE,
        provenance=provenance or [],
    )


# -- findings -------------------------------------------------------------

def _findings(found: list[Finding], docs: dict[str, _Doc], status: dict[int, str] | None, names: dict[str, str]) -> list[dict]:
    seen: Counter[str] = Counter()
    out = []
    for f in found:
        fp = f.fingerprint or fingerprint(f)
        fid = f"f-{fp[:16]}"
        seen[fid] += 1
        if seen[fid] > 1:
            fid = f"{fid}-{seen[fid]}"
        claims = [_claim(c, docs, fid, f.severity) for c in _claim_order(f)]
        sources = sorted({c["source"] for c in claims})
        metric = messages.metric_name(f.metric, names.get(f.metric or "")) if f.metric else NONE
        facet = {
            "sev": [f.severity.value],
            "kind": [f.kind],
            "entity": [f.entity or NONE],
            "metric": [metric],
            "source": sources,
        }
        if status is not None:
            facet["status"] = [status[id(f)]]
        # The explanation is left out where it only repeats the headline (arithmetic, conversion).
        why = f.explanation if f.explanation and f.explanation not in f.message else ""
        out.append({"id": fid, "f": f, "fingerprint": fp, "claims": claims, "cards": _by_value(_cards(claims)), "facet": facet,
                    "metric": metric, "why": why, "order": len(out)})
    return out


def _by_value(cards: list[dict]) -> list[dict]:
    """Cards grouped by the value they give, a few shown per value and the rest folded: forty
    syndicated copies are three cards and '37 more giving 120 million USD'."""
    groups: dict[str, list[dict]] = {}
    for card in cards:
        groups.setdefault(card["first"]["value"] or card["first"]["fig"], []).append(card)
    return [{"value": v, "shown": cs[:messages.MAX_OTHERS], "more": cs[messages.MAX_OTHERS:]} for v, cs in groups.items()]


def _cards(claims: list[dict]) -> list[dict]:
    """Claims grouped by sentence: a sentence holding three figures of one finding is shown once, all marked."""
    cards: dict[tuple, dict] = {}
    for c in claims:
        card = cards.setdefault((c["ref"].doc, c["ref"].sentence), {"first": c, "claims": [], "marks": [], "missing": []})
        card["claims"].append(c)
        (card["missing"] if c["after"] is None else card["marks"]).append(c)
    for card in cards.values():
        sent = card["first"]["ref"].sentence or ""
        pieces, pos = [], 0
        for c in sorted(card["marks"], key=lambda c: len(c["before"])):
            i = len(c["before"])
            if i < pos:
                continue  # overlapping figures: the first is marked
            pieces += [(sent[pos:i], False), (c["fig"], True)]
            pos = i + len(c["fig"])
        if card["marks"]:
            pieces.append((sent[pos:], False))
        card["pieces"] = [p for p in pieces if p[0]]
    return list(cards.values())


def _claim_order(f: Finding) -> list[ClaimRef]:
    # A revision reads as a sequence in time; other findings keep rule order.
    if f.kind != "revision":
        return f.claims
    return sorted(f.claims, key=lambda c: (c.as_of or c.published or date.max, c.doc, c.start))


def _claim(c: ClaimRef, docs: dict[str, _Doc], fid: str, severity: Severity) -> dict:
    d = docs.get(c.doc)
    href = None
    if d is not None:
        s = _span_for(d, c)
        href = "#" + s.anchor
        if fid not in s.findings:
            s.findings.append(fid)
        if not s.severity or Severity(s.severity).rank < severity.rank:
            s.severity = severity.value
    before, fig, after = _split_sentence(c, d)
    return {
        "ref": c,
        "href": href,
        "before": before,
        "fig": fig,
        "after": after,
        "source": c.source or (d.analysis.doc.source if d and d.analysis.doc.source else c.doc),
        "title": d.analysis.doc.title if d else None,
        "value": _value(c),
        "range": _range(c),
        "role": messages.role_words(c.role),
        # The date the text says the figure was reported, when it is not the article's own date.
        "reported": c.as_of if c.as_of and c.as_of != c.published else None,
    }


def _split_sentence(c: ClaimRef, d: _Doc | None) -> tuple[str, str, str | None]:
    """(before, figure, after) of the claim's sentence; after is None when the
    figure is not found in the sentence (then it is shown on its own)."""
    sent = c.sentence or ""
    i = -1
    if d is not None and sent:
        text = d.analysis.doc.text
        t = d.analysis.doc.text_offset(c.start)
        j = text.find(sent, max(0, t - len(sent)), t + len(sent) + len(c.text))
        if 0 <= j <= t and text[t:t + len(c.text)] == c.text:
            i = t - j
    if i < 0 or sent[i:i + len(c.text)] != c.text:
        i = sent.find(c.text) if c.text else -1
    if i < 0:
        return sent, c.text, None
    return sent[:i], c.text, sent[i + len(c.text):]


_value = messages.value_text


def _range(c: ClaimRef) -> str:
    """The interval a figure was read as, when it is not a single value."""
    if c.bound == Bound.RANGE or (c.low is None and c.high is None) or c.low == c.high:
        return ""
    if c.low is None:
        return f"up to {fmt.amount(c.high, c.unit)}"
    if c.high is None:
        return f"from {fmt.amount(c.low, c.unit)} up"
    return f"{fmt.amount(c.low, c.unit)} to {fmt.amount(c.high, c.unit)}"


def _facets(findings: list[dict], with_status: bool) -> dict[str, dict]:
    keys = _FACETS + ([("status", "Baseline")] if with_status else [])
    out = {}
    for key, label in keys:
        counts: Counter[str] = Counter(v for f in findings for v in f["facet"][key])
        if key == "sev":
            values = [v for v in _SEVERITIES if v in counts]
        elif key == "status":
            values = [v for v in _STATUSES if v in counts]
        else:  # most frequent first: the entity facet of a large corpus has thousands of names
            values = sorted(counts, key=lambda v: (v == NONE, -counts[v], v.casefold(), v))
        chips = [{"name": v, "count": counts[v], "href": f"#f:{key}={quote(v, safe='')}"} for v in values]
        out[key] = {
            "key": key,
            "label": label,
            "index": {v: i for i, v in enumerate(values)},
            "values": chips,
            "top": chips[:TOP],
            "more": chips[TOP:],
        }
    return out


def _ranks(findings: list[dict]) -> None:
    """Precomputed positions for each sort, so the browser sorts by number."""
    keys = {
        "doc": lambda f: f["order"],
        "severity": lambda f: (-f["f"].severity.rank, f["order"]),
        "entity": lambda f: ((f["f"].entity or "\uffff").casefold(), (f["f"].metric or "").casefold(), f["order"]),
    }
    ranks = {name: {id(f): r for r, f in enumerate(sorted(findings, key=key))} for name, key in keys.items()}
    for f in findings:
        f["ord"] = " ".join(str(ranks[name][id(f)]) for name, _ in _SORTS)


def _timeline(findings: list[dict]) -> list[dict]:
    """Revisions per entity and metric, by as-of date, as steps of distinct values: reports repeating
    the figure before them join its step (shown as one line with their count), so forty copies of one
    figure are one step."""
    groups: dict[tuple[str, str], dict[tuple[str, int], dict]] = defaultdict(dict)
    for f in findings:
        if f["f"].kind != "revision":
            continue
        key = (f["f"].entity or NONE, f["metric"])
        for c in f["claims"]:
            ref = c["ref"]
            groups[key].setdefault((ref.doc, ref.start), {**c, "finding": f["id"], "when": ref.as_of or ref.published})
    out = []
    for (e, m), entries in sorted(groups.items(), key=lambda kv: (kv[0][0].casefold(), kv[0][1].casefold(), kv[0])):
        steps: list[dict] = []
        for x in sorted(entries.values(), key=lambda x: (x["when"] or date.max, x["ref"].doc, x["ref"].start)):
            label = x["value"] or x["fig"]
            if steps and steps[-1]["label"] == label:
                steps[-1]["more"].append(x)
            else:
                steps.append({**x, "label": label, "more": []})
        out.append({"entity": e, "metric": m, "entries": steps})
    return out
