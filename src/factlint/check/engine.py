"""Run the configured rules over the analysed corpus.

The check plan has two stages.  A rule kind registered with
`scope="document"` looks inside one article only (arithmetic, conversion,
a weekday or a restated date): it is a pure function of that article's
document, mentions and claims, so it can run in the per-article stage, next
to extraction, in whichever process read the article.  A kind registered with
`scope="corpus"` compares articles; each such kind buckets its claims by a key
(entity and period, event, figure) and checks every bucket on its own, so a
bucket is the unit a partitioned engine can hand out.  One kind may register
both parts (temporal: weekdays per article, the same figure dated twice across
articles).  `run_rules` runs both stages, rule by rule.

The buckets of the corpus kinds in check/ (value agreement and revision keep
their own, in agreement.py):
  ordering           (entity, period, or the document when there is none, kind, currency)
  event-dates        (event class, the entities it is about)
  temporal           (entity, kind, unit, value): the same figure dated twice
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from ..fingerprint import fingerprint
from ..models import Claim, ClaimRef, Document, FileError, Finding, Mention
from ..segment import Index, sentences

if TYPE_CHECKING:
    from ..knowledge import Knowledge, Rule
    from ..pipeline import Analysis

KindFn = Callable[["Context", "Rule"], Iterable[Finding]]
Scope = Literal["document", "corpus"]
SCOPES: tuple[Scope, ...] = ("document", "corpus")
_KINDS: dict[str, dict[Scope, KindFn]] = {}


def register(name: str, scope: Scope = "corpus") -> Callable[[KindFn], KindFn]:
    if scope not in SCOPES:
        raise ValueError(f"rule kind '{name}': scope must be one of {SCOPES}, not {scope!r}")

    def deco(fn: KindFn) -> KindFn:
        _KINDS.setdefault(name, {})[scope] = fn
        return fn

    return deco


def known_kinds() -> set[str]:
    return set(_KINDS)


def kind_scopes(name: str) -> tuple[Scope, ...]:
    """The stages a rule kind runs in, in run order."""
    return tuple(s for s in SCOPES if s in _KINDS.get(name, {}))


class Context:
    """What a rule kind may look at: the documents, mentions and claims of its
    stage (one article for a document-scope kind), with per-document indexes."""

    def __init__(self, analyses: list[Analysis], kb: Knowledge):
        self.analyses = analyses
        self.kb = kb
        self.docs: dict[str, Document] = {a.doc.path: a.doc for a in analyses}
        self._by_path = {a.doc.path: a for a in analyses}
        self._sentences: dict[str, Index] = {}  # per document, built on first use
        self._cache: dict[Any, Any] = {}

    @cached_property
    def claims(self) -> list[Claim]:
        return [c for a in self.analyses for c in a.claims]

    @cached_property
    def claim_by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    def claims_in(self, path: str) -> list[Claim]:
        """One document's claims, in text order."""
        return self._by_path[path].claims

    def dates_in(self, path: str) -> list[Mention]:
        """One document's date mentions, in text order."""
        return self.memo(("dates", path), lambda: sorted((m for m in self._by_path[path].mentions if m.kind == "date"),
                                                    key=lambda m: m.start))

    def dates_from(self, path: str, offset: int) -> list[Mention]:
        """The document's date mentions starting at or after `offset` (a slice, not a scan)."""
        dates = self.dates_in(path)
        starts = self.memo(("date-starts", path), lambda: [m.start for m in dates])
        return dates[bisect_left(starts, offset):]

    def memo(self, key: Any, build: Callable[[], Any]) -> Any:
        """A value built once per context (an index a rule kind reuses)."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def sentence(self, claim: Claim) -> str:
        return self.docs[claim.mention.doc].text[claim.sentence_start : claim.sentence_end]

    def sentence_index(self, path: str) -> Index:
        """The sentences of one document, split once."""
        if path not in self._sentences:
            self._sentences[path] = Index(sentences(self.docs[path].text))
        return self._sentences[path]

    def ref(self, claim: Claim, role: str | None = None) -> ClaimRef:
        m, doc = claim.mention, self.docs[claim.mention.doc]
        return ClaimRef(
            doc=m.doc, start=m.file_start, end=m.file_end, line=m.line, column=m.column, text=m.text,
            value=m.value, unit=m.unit, low=m.low, high=m.high, bound=m.bound.value,
            sentence=_clip(doc.text, claim.sentence_start, claim.sentence_end, m.start, m.end), source=doc.source, published=doc.published,
            as_of=claim.as_of, attribution=claim.attribution, role=role,
        )

    def mention_ref(self, m: Mention, role: str | None = None) -> ClaimRef:
        doc = self.docs[m.doc]
        span = self.sentence_index(m.doc).span(m.start)
        return ClaimRef(
            doc=m.doc, start=m.file_start, end=m.file_end, line=m.line, column=m.column, text=m.text,
            value=m.value, unit=m.unit, low=m.low, high=m.high, bound=m.bound.value,
            sentence=_clip(doc.text, span.start, span.end, m.start, m.end), source=doc.source, published=doc.published, role=role,
        )


SENTENCE_WINDOW = 400  # characters of a sentence shown on either side of its figure


def _clip(text: str, start: int, end: int, m_start: int, m_end: int) -> str:
    """The sentence, or a window of it around the figure: a 1 MB "sentence" (a run with no full
    stop) quoted in every finding would make the output quadratic in the article."""
    if end - start <= 3 * SENTENCE_WINDOW:
        return text[start:end]
    lo, hi = max(start, m_start - SENTENCE_WINDOW), min(end, m_end + SENTENCE_WINDOW)
    return ("…" if lo > start else "") + text[lo:hi] + ("…" if hi < end else "")


def finding_variables(f: Finding) -> dict[str, float]:
    """claims: how many figures; documents: how many articles; low/high: the smallest and largest
    value; gap: high / low - 1 (0 when undefined)."""
    values = [c.value for c in f.claims if c.value is not None]
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    return {
        "claims": float(len(f.claims)), "documents": float(len({c.doc for c in f.claims})),
        "low": low, "high": high, "gap": (high / low - 1) if low > 0 else 0.0,
    }


def _run(ctx: Context, rule: Rule, scope: Scope, out: list[Finding]) -> None:
    for f in _KINDS[rule.kind][scope](ctx, rule):
        if rule.condition is not None and not rule.condition(finding_variables(f)):
            continue  # the rule's `when` says this one does not matter ("gap >= 0.05")
        f.fingerprint = fingerprint(f)
        out.append(f)


def plan(kb: Knowledge) -> list[tuple[Rule, Scope]]:
    """The check plan: each enabled rule with each stage it runs in, in run order."""
    return [(rule, scope) for rule in kb.rules if rule.enabled for scope in kind_scopes(rule.kind)]


def _rule_error(rule: Rule, exc) -> FileError:
    """A rule that failed (a `when` that cannot be evaluated, a bug in a kind, its time budget)."""
    from ..safe_expr import ExprError

    if isinstance(exc.cause, ExprError):
        return FileError(path=rule.source_file or rule.id, kind="config", stage="check",
                         message=f"rule '{rule.id}'.when: {exc.cause}; the rule was not applied")
    err = exc.error(rule.source_file or rule.id, "the rule was not applied")
    return err.model_copy(update={"message": f"rule '{rule.id}': {err.message}"})


def _guarded_run(ctx: Context, rule: Rule, scope: Scope, seconds: float) -> list[Finding] | FileError:
    from ..guard import Guarded, budget, guarded

    kept: list[Finding] = []
    try:
        with guarded("check"), budget(seconds):
            _run(ctx, rule, scope, kept)
    except Guarded as exc:
        return _rule_error(rule, exc)
    return kept


def run_document(analysis: Analysis, kb: Knowledge, seconds: float = 0.0) -> dict[str, list[Finding] | FileError]:
    """The per-article stage: every enabled rule's document part over one article, by rule id:
    its findings, or the error of a rule that failed (or took more than `seconds` of CPU time)
    on this article.  A pure function of the article and the rules, so it runs in whichever
    process analysed the article, and its result can be stored with the article."""
    ctx = Context([analysis], kb)
    out = {rule.id: _guarded_run(ctx, rule, scope, seconds) for rule, scope in plan(kb) if scope == "document"}
    for rid, got in out.items():
        if isinstance(got, FileError):  # which article the rule failed on, for the report
            out[rid] = got.model_copy(update={"message": f"{got.message} (on {analysis.doc.path})"})
    return out


def run_corpus(analyses: list[Analysis], kb: Knowledge, seconds: float = 0.0,
               skip: set[str] = frozenset()) -> dict[str, list[Finding] | FileError]:
    """The cross-article stage: every enabled rule's corpus part (but those in `skip`), by rule id."""
    ctx = Context(analyses, kb)
    return {rule.id: _guarded_run(ctx, rule, scope, seconds)
            for rule, scope in plan(kb) if scope == "corpus" and rule.id not in skip}


def combine(kb: Knowledge, per_document: list[dict[str, list[Finding] | FileError]],
            corpus: dict[str, list[Finding] | FileError], errors: list | None) -> list[Finding]:
    """Both stages' results, rule by rule: a rule that failed on any article (the first, in
    article order) or on the corpus is reported in `errors` and none of its findings are kept.
    The order (per rule: each article's, then the corpus's) is the same however the stages ran."""
    out: list[Finding] = []
    for rule in kb.rules:
        if not rule.enabled:
            continue
        parts = [d[rule.id] for d in per_document if rule.id in d]
        if rule.id in corpus:
            parts.append(corpus[rule.id])
        failed = next((p for p in parts if isinstance(p, FileError)), None)
        if failed is not None:
            if errors is None:
                raise RuntimeError(failed.message)
            errors.append(failed)
            continue
        for p in parts:
            out += p
    return out


def failed_rules(per_document: list[dict[str, list[Finding] | FileError]]) -> set[str]:
    """Rules whose document part failed on some article: their corpus part need not run."""
    return {rid for d in per_document for rid, p in d.items() if isinstance(p, FileError)}


def run_rules(analyses: list[Analysis], kb: Knowledge, errors: list | None = None, seconds: float = 0.0) -> list[Finding]:
    """Both stages in this process: run_document over each article, then run_corpus.  A rule
    that fails (a `when` that cannot be evaluated, a bug in a kind) or takes more than `seconds`
    of CPU time in a stage is reported in `errors` and the other rules still run."""
    per_document = [run_document(a, kb, seconds) for a in analyses]
    corpus = run_corpus(analyses, kb, seconds, failed_rules(per_document))
    return combine(kb, per_document, corpus, errors)
