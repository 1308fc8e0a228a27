"""An edit spliced into the last run's record (check/splice.py) prints what a cold run prints,
byte for byte, and reads a number of record rows that does not grow with the corpus."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from projects import make_project

from factlint import cli
from factlint.check import matching, splice
from factlint.check.unknown_names import Mapping, Names
from factlint.store import Store


def lint(*args):
    res = CliRunner().invoke(cli.main, ["lint", "--format", "json", "--jobs", "1", *args])
    return res.exit_code, res.stdout


@pytest.fixture
def spliced(monkeypatch):
    """Each run's splice.edit outcome: True when the output came from the record."""
    seen: list[bool] = []
    real = splice.edit

    def edit(*args, **kwargs):
        got = real(*args, **kwargs)
        seen.append(got is not None)
        return got

    monkeypatch.setattr(splice, "edit", edit)
    return seen


def pair(k: int, value: int, day: int = 1) -> str:
    return (f"---\npublished: 2025-03-{day:02d}\nsource: Wire {k}-{day}\n---\n"
            f"Quillon{chr(97 + k % 26)}{chr(97 + k // 26)} reported revenue of ${value} million for 2024.\n")


def corpus(n: int) -> dict[str, str]:
    """n/2 companies, each named in two articles that disagree: one finding per company."""
    out = {}
    for k in range(n // 2):
        out[f"c{k:03d}a.md"] = pair(k, 100 + k, 1)
        out[f"c{k:03d}b.md"] = pair(k, 200 + k, 2)
    return out


def test_edits_are_spliced_and_print_what_a_cold_run_prints(tmp_path, monkeypatch, spliced):
    proj = make_project(tmp_path, monkeypatch, corpus(8), devcorpus=True)
    arts = proj / "arts"
    cold = lint()
    assert cold == lint("--no-store") and cold[0] == 1
    steps = [
        lambda: (arts / "c000a.md").write_text(pair(0, 200, 1), encoding="utf-8"),  # the conflict goes away
        lambda: (arts / "c001b.md").write_text(pair(2, 555, 2), encoding="utf-8"),  # a claim moves company
        lambda: (arts / "new.md").write_text(pair(3, 999, 5), encoding="utf-8"),  # a new article
        lambda: (arts / "c002a.md").unlink(),  # a deleted one
        lambda: (arts / "c003a.md").rename(arts / "z.md"),  # a renamed one
        lambda: None,  # nothing changed (replayed or spliced: the same text)
    ]
    x = arts / "02-xiaomi-q3-scmp.md"
    steps.append(lambda: x.write_text(x.read_text(encoding="utf-8").replace("131.1 billion", "113.1 billion"), encoding="utf-8"))
    for step in steps:
        step()
        spliced.clear()
        got = lint()
        assert got == lint("--no-store")
        assert spliced[:1] in ([True], [])  # [] : replayed from the rendered output before any splice


def test_a_text_run_is_not_spliced_and_still_keeps_the_record(tmp_path, monkeypatch, spliced):
    proj = make_project(tmp_path, monkeypatch, corpus(6))
    CliRunner().invoke(cli.main, ["lint", "--format", "text", "--jobs", "1"])
    assert spliced == []
    (proj / "arts" / "c000a.md").write_text(pair(0, 300), encoding="utf-8")
    assert lint() == lint("--no-store") and spliced[0] is True


def test_an_ignore_comment_sends_the_edit_to_the_whole_run(tmp_path, monkeypatch, spliced):
    proj = make_project(tmp_path, monkeypatch, corpus(6))
    lint()
    (proj / "arts" / "c000a.md").write_text(pair(0, 300) + "<!-- factlint-ignore value-agreement -->\n", encoding="utf-8")
    spliced.clear()
    assert lint() == lint("--no-store") and spliced[0] is False


def rows_for_one_edit(tmp_path, monkeypatch, n: int) -> tuple[int, int]:
    (tmp_path / str(n)).mkdir()
    proj = make_project(tmp_path / str(n), monkeypatch, corpus(n))
    lint()
    read, loads = [], []
    real_read, real_load = Store._read, Store.load

    def counting_read(self, sql, args=()):
        rows = real_read(self, sql, args)
        read.append(len(rows))
        return rows

    def counting_load(self, path):
        loads.append(path)
        return real_load(self, path)

    (proj / "arts" / "c001a.md").write_text(pair(1, 201), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Store, "_read", counting_read)
        mp.setattr(Store, "load", counting_load)
        got = lint()
    assert got == lint("--no-store")
    return sum(read), len(loads)


def test_the_rows_an_edit_reads_do_not_grow_with_the_corpus(tmp_path, monkeypatch, spliced):
    small = rows_for_one_edit(tmp_path, monkeypatch, 8)
    large = rows_for_one_edit(tmp_path, monkeypatch, 40)
    assert spliced.count(True) == 2
    assert small == large and small[1] == 1  # only the edited article's partner is loaded


_WORDS = ["eu", "ets", "emissions", "trading", "system", "moller-maersk", "maersk", "a.p.", "ts", "psa"]
_names = st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(lambda w: "~" + " ".join(w)),
                  max_size=8, unique=True)


def unified(names: set[str]) -> dict[str, str]:
    from types import SimpleNamespace

    return matching.unify_unknown_names([SimpleNamespace(entity=n) for n in names])


@settings(max_examples=60, deadline=None)
@given(before=_names, added=_names, removed=st.data())
def test_unknown_names_one_at_a_time_unify_as_the_whole_set_does(tmp_path_factory, before, added, removed):
    store = Store(tmp_path_factory.mktemp("s") / ".factlint" / "claims.sqlite3")
    store.save_record("r", [], [], {("rule", n): 1 for n in before}, [])
    gone = removed.draw(st.lists(st.sampled_from(before), unique=True) if before else st.just([]))
    change = {n: -1 for n in gone}
    for n in added:
        change[n] = change.get(n, 0) + 1
    after = {n for n in set(before) | set(added) if (n in before) + change.get(n, 0) > 0}
    names = Names(store, "rule", change)
    old, new = unified(set(before)), unified(after)
    assert {n: Mapping(names, False).get(n, n) for n in before} == {n: old.get(n, n) for n in before}
    assert {n: Mapping(names, True).get(n, n) for n in after} == {n: new.get(n, n) for n in after}
    moved = {n for n in set(before) | after if old.get(n, n) != new.get(n, n)}
    assert {n for n, _, _ in names.moved()} == moved
    for t in after:
        assert names.into(t) == {n for n in after if new.get(n, n) == t}
    store.close()


def test_a_changed_run_between_two_edits_is_not_read_as_the_record(tmp_path, monkeypatch, spliced):
    proj = make_project(tmp_path, monkeypatch, corpus(6))
    lint()
    a, b = proj / "arts" / "c000a.md", proj / "arts" / "c000b.md"
    first = a.read_text(encoding="utf-8")
    a.write_text(pair(0, 333), encoding="utf-8")
    CliRunner().invoke(cli.main, ["lint", "--format", "json", "--changed", str(a)])  # the store reads 333
    a.write_text(first, encoding="utf-8")  # back to what the record holds, with a new file stamp
    b.write_text(pair(0, 444, 2), encoding="utf-8")  # a.md's partition is checked again
    assert lint() == lint("--no-store")
    b.write_text(pair(0, 445, 2), encoding="utf-8")
    assert lint() == lint("--no-store")


def test_a_store_of_the_format_before_the_record_is_rebuilt_with_a_message(tmp_path, monkeypatch):
    import sqlite3

    from factlint.store_record import TABLES

    proj = make_project(tmp_path, monkeypatch, corpus(4))
    lint()
    with sqlite3.connect(proj / ".factlint" / "claims.sqlite3") as db:  # as format 6 left it: no record
        db.execute("UPDATE meta SET value = 'factlint-6' WHERE key = 'format'")
        for t in TABLES:
            db.execute(f"DROP TABLE {t}")
    (proj / "arts" / "c000a.md").write_text(pair(0, 300), encoding="utf-8")
    res = CliRunner().invoke(cli.main, ["lint", "--format", "json", "--jobs", "1"])
    assert "was not usable (format factlint-6); rebuilt it" in res.stderr
    assert (res.exit_code, res.stdout) == lint("--no-store")
