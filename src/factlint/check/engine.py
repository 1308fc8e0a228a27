"""Run the configured rules over the analysed corpus."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from ..fingerprint import fingerprint
from ..models import Claim, ClaimRef, Document, Finding, Mention
from ..segment import Index, sentences

if TYPE_CHECKING:
    from ..knowledge import Knowledge, Rule
    from ..pipeline import Analysis

KindFn = Callable[["Context", "Rule"], Iterable[Finding]]
_KINDS: dict[str, KindFn] = {}


def register(name: str) -> Callable[[KindFn], KindFn]:
    def deco(fn: KindFn) -> KindFn:
        _KINDS[name] = fn
        return fn

    return deco


def known_kinds() -> set[str]:
    return set(_KINDS)


class Context:
    """What a rule kind may look at: every document, mention and claim."""

    def __init__(self, analyses: list[Analysis], kb: Knowledge):
        self.analyses = analyses
        self.kb = kb
        self.docs: dict[str, Document] = {a.doc.path: a.doc for a in analyses}
        self._sentences: dict[str, Index] = {}  # per document, built on first use

    @cached_property
    def claims(self) -> list[Claim]:
        return [c for a in self.analyses for c in a.claims]

    @cached_property
    def claim_by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

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


from ..rule_params import FINDING_VARIABLES  # noqa: E402 - what a rule's `when` may test about a finding


def finding_variables(f: Finding) -> dict[str, float]:
    """claims: how many figures; documents: how many articles; low/high: the smallest and largest
    value; gap: high / low - 1 (0 when undefined)."""
    values = [c.value for c in f.claims if c.value is not None]
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    return {
        "claims": float(len(f.claims)), "documents": float(len({c.doc for c in f.claims})),
        "low": low, "high": high, "gap": (high / low - 1) if low > 0 else 0.0,
    }


def run_rules(analyses: list[Analysis], kb: Knowledge, errors: list | None = None, seconds: float = 0.0) -> list[Finding]:
    """Findings of every enabled rule.  A rule that fails (a `when` that cannot be
    evaluated, a bug in a kind) or takes more than `seconds` of CPU time is reported
    in `errors` and the other rules still run."""
    from ..guard import Guarded, budget, guarded
    from ..models import FileError
    from ..safe_expr import ExprError

    ctx = Context(analyses, kb)
    out: list[Finding] = []
    for rule in kb.rules:
        if not rule.enabled:
            continue
        kept: list[Finding] = []
        try:
            with guarded("check"), budget(seconds):
                for f in _KINDS[rule.kind](ctx, rule):
                    if rule.condition is not None and not rule.condition(finding_variables(f)):
                        continue  # the rule's `when` says this one does not matter ("gap >= 0.05")
                    f.fingerprint = fingerprint(f)
                    kept.append(f)
        except Guarded as exc:
            if errors is None:
                raise
            if isinstance(exc.cause, ExprError):
                errors.append(FileError(path=rule.source_file or rule.id, kind="config", stage="check",
                                        message=f"rule '{rule.id}'.when: {exc.cause}; the rule was not applied"))
            else:
                err = exc.error(rule.source_file or rule.id, "the rule was not applied")
                errors.append(err.model_copy(update={"message": f"rule '{rule.id}': {err.message}"}))
            continue
        out += kept
    return out
