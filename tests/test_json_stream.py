"""The lint JSON is written in pieces (report/json_out.lint_chunks), one finding at a time, and
reads byte for byte as json.dumps of the whole report would: key order, indentation, escaping."""
from __future__ import annotations

import contextlib
import json
from datetime import date

from hypothesis import given, settings, strategies as st

from factlint import baseline as baseline_mod, messages
from factlint.check.incremental import CorpusState, RuleState
from factlint.models import ClaimRef, FileError, Finding, Report, Severity
from factlint.report import json_out

# Text that json.dumps escapes or passes through raw with ensure_ascii=False.
TRICKY = st.sampled_from(['"', "\\", "\n", "\r", "\t", "\x00", "\x1b", "\u2028", "\u2029", "\u202e", "é", "中",
                          "😀", "\ufeff", "/", "</script>", "  ", "{", "]", ",\n    "])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=5)), max_size=6).map("".join)
KEY = st.one_of(TEXT, st.sampled_from(["findings", "version", "a", "Z", "é", ""]))
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), TEXT)
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEY, inner, max_size=4)),
                     max_leaves=12)


@contextlib.contextmanager
def piece(size: int):
    before, json_out.PIECE = json_out.PIECE, size
    try:
        yield
    finally:
        json_out.PIECE = before


@given(st.dictionaries(KEY, VALUE, max_size=5), st.dictionaries(KEY, st.lists(VALUE, max_size=5), max_size=3),
       st.sampled_from([0, 1, 50, 1 << 20]))
def test_object_chunks_is_json_dumps_in_pieces(data, lists, size):
    data = {k: v for k, v in data.items() if k not in lists}
    with piece(size):
        pieces = list(json_out.object_chunks(data, {k: iter(v) for k, v in lists.items()}))
    assert "".join(pieces) == json_out.dumps({**data, **lists})
    if size == 0:  # each item is handed on as soon as it is written: never the whole list at once
        assert len(pieces) == sum(len(v) for v in lists.values()) + 1


DAY = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
NUM = st.one_of(st.none(), st.floats(-1e15, 1e15, allow_nan=False))
CLAIM = st.builds(ClaimRef, doc=TEXT, start=st.integers(0, 10**6), end=st.integers(0, 10**6), line=st.integers(1, 10**4),
                  column=st.integers(1, 500), text=TEXT, value=NUM, unit=st.one_of(st.none(), st.sampled_from(["USD", "CNY", "%"]), TEXT),
                  low=NUM, high=NUM, bound=st.one_of(st.none(), st.sampled_from(["over", "nearly"])), sentence=TEXT,
                  source=st.one_of(st.none(), TEXT), published=st.one_of(st.none(), DAY), as_of=st.one_of(st.none(), DAY),
                  attribution=st.one_of(st.none(), TEXT), role=st.one_of(st.none(), st.sampled_from(["stated", "base"])))
FINDING = st.builds(Finding, rule=st.sampled_from(["value-agreement", "revision", "arithmetic"]), kind=TEXT,
                    severity=st.sampled_from(list(Severity)), message=TEXT, entity=st.one_of(st.none(), TEXT),
                    metric=st.one_of(st.none(), TEXT), period=st.one_of(st.none(), TEXT), claims=st.lists(CLAIM, max_size=4),
                    explanation=TEXT, fingerprint=st.text("0123456789abcdef", max_size=16), held_back=st.booleans())
REPORT = st.builds(Report, findings=st.lists(FINDING, max_size=5),
                   errors=st.lists(st.builds(FileError, path=TEXT, message=TEXT, line=st.one_of(st.none(), st.integers(1, 99))), max_size=2),
                   documents=st.lists(TEXT, max_size=4))


def whole(report: Report, comparison=None) -> str:
    """The lint JSON as it was written before it was streamed: one dict tree, one json.dumps."""
    data = report.model_dump(mode="json")
    for f, out in zip(report.findings, data["findings"]):
        out["values"] = messages.values(f)
        if comparison is not None:
            out["baseline"] = comparison.state(f)
            if comparison.new_values.get(id(f)):
                out["new_values"] = comparison.new_values[id(f)]
    if comparison is not None:
        data["baseline"] = comparison.as_json()
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


# Reports are costly to generate: fewer examples, each of several findings with tricky text.
FEW = settings(max_examples=25)


@FEW
@given(REPORT, st.sampled_from([0, 100, 1 << 20]))
def test_the_streamed_report_is_byte_identical_to_the_whole_one(report, size):
    with piece(size):
        assert "".join(json_out.lint_chunks(report)) == whole(report)


@FEW
@given(REPORT, st.integers(0, 6))
def test_with_a_baseline_too(report, accepted):
    base = baseline_mod.Baseline.model_validate(json.loads(baseline_mod.dumps(Report(findings=report.findings[:accepted]))))
    comparison = baseline_mod.compare(report, base)
    shown = report.model_copy(update={"findings": comparison.new})
    with piece(0):
        assert "".join(json_out.lint_chunks(shown, comparison)) == whole(shown, comparison)


# --- the store keeps both without holding them whole ------------------------------------------


@FEW
@given(REPORT, st.lists(TEXT, max_size=3), st.sampled_from([0, 200, 1 << 20]))
def test_the_run_report_is_stored_a_batch_of_findings_at_a_time_as_it_was_whole(tmp_path_factory, report, notes, size):
    from factlint import store_runs
    from factlint.store import Store

    store = Store(tmp_path_factory.mktemp("s") / "claims.sqlite3")
    before, store_runs.PIECE = store_runs.PIECE, size
    try:
        pieces = list(store_runs._run_json(report, notes))
        assert b"".join(pieces) == store_runs._RUN.dump_json((report, notes))
        if size == 0:
            assert len(pieces) == len(report.findings) + 1
        store.save_run("k", report, notes)
    finally:
        store_runs.PIECE = before
    whole = store_runs._RUN.dump_json((report, notes))
    value, check = store.db.execute("SELECT report, checksum FROM run").fetchone()
    assert (value, check) == (whole, store_runs._checksum(whole.decode()))  # the whole JSON, its checksum as text
    assert store.run_report("k") == (report, notes)
    store.close()


def test_a_rendered_output_is_written_in_pieces_and_read_back_checked(tmp_path):
    from factlint.store import Store

    store = Store(tmp_path / "claims.sqlite3")
    pieces = [b"head\n", "é".encode() * 700_000, b"", b"tail"]
    store.save_rendered("k", lambda: iter(pieces))
    assert b"".join(store.rendered("k")) == b"".join(pieces)
    store.db.execute("UPDATE rendered SET output = CAST(output || 'x' AS BLOB)")  # one byte more: caught
    assert store.rendered("k") is None and store.db is None
    store.close()


KEYS = st.lists(st.tuples(TEXT, TEXT), max_size=3)


@FEW
@given(st.dictionaries(TEXT, TEXT, max_size=3), st.dictionaries(
    TEXT, st.one_of(st.none(), st.builds(lambda keys, names, fs: RuleState(keys=keys, names=names, findings=fs),
                                         st.dictionaries(TEXT, KEYS, max_size=3), st.dictionaries(TEXT, TEXT, max_size=2),
                                         st.lists(st.tuples(KEYS, FINDING), max_size=3))), max_size=3))
def test_the_corpus_state_is_stored_in_pieces_as_pydantic_writes_it_whole(tmp_path_factory, docs, rules):
    from pydantic import TypeAdapter

    from factlint import store_runs
    from factlint.store import Store

    state = CorpusState(docs=docs, rules=rules)
    adapter = TypeAdapter(CorpusState)
    assert b"".join(store_runs._model_json(state, CorpusState)) == adapter.dump_json(state)
    store = Store(tmp_path_factory.mktemp("s") / "claims.sqlite3")
    store.save_corpus_state("k", state, adapter)
    assert store.corpus_state("k", adapter) == state
    store.close()


# --- the SARIF log and the text output are streamed too -----------------------------------------


@FEW
@given(REPORT, st.sampled_from([0, 100, 1 << 20]))
def test_the_streamed_sarif_log_is_json_dumps_of_the_whole_log(report, size):
    from factlint.report import sarif

    with piece(size):
        pieces = list(sarif.chunks(report, _kb()))
    out = "".join(pieces)
    log = json.loads(out)
    assert out == json_out.dumps(log)  # key order, indentation and escapes as one dumps of the log
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["partialFingerprints"][sarif.FINGERPRINT_KEY]) for r in results] == \
        [(f.rule, f.fingerprint or sarif.fingerprint(f)) for f in sorted((f for f in report.findings if f.claims), key=Finding.sort_key)]
    if size == 0:
        assert len(pieces) == len(results) + 1


@FEW
@given(REPORT)
def test_the_text_output_is_handed_on_a_finding_at_a_time(report):
    from factlint.report import text

    report = report.model_copy(update={"findings": [f for f in report.findings if f.claims]})  # as every finding has
    with piece(0):
        pieces = list(text.lint_chunks(report))
    assert len(pieces) == len(report.findings) + 1  # each finding's lines, then the errors and summary
    assert all(p.endswith("\n") for p in pieces)  # a piece never ends inside a line
    assert "".join(pieces) == text.lint_text(report)
    assert pieces[-1].endswith(text.summary(report) + "\n")


def _kb():
    from factlint.knowledge import Knowledge

    global _KB
    if _KB is None:
        _KB = Knowledge.load()
    return _KB


_KB = None
