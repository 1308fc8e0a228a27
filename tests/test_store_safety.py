"""The claim store only skips work, never changes results or touches the user's
files: every scenario of issue 11 compares a store run with a --no-store run."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3

import pytest
from click.testing import CliRunner
from projects import make_project

from factlint import cli
from factlint.store import Store

A = "---\npublished: 2025-03-01\n---\nHarbor Kinetics reported revenue of $120 million for 2024.\n"
B = "---\npublished: 2025-04-02\n---\nIn 2024, Harbor Kinetics brought in revenue of $150 million.\n"
C = "---\npublished: 2025-02-01\n---\nLumo Systems had 40 million monthly active users in 2024.\n"
D = "---\npublished: 2025-02-03\n---\nLumo Systems had 55 million monthly active users in 2024.\n"
SILENCED = ("---\npublished: 2025-02-03\n---\n<!-- factlint-ignore: value-agreement restated by the company -->\n"
            "Lumo Systems had 55 million monthly active users in 2024.\n")
STORE = ".factlint/claims.sqlite3"


@pytest.fixture
def proj(tmp_path, monkeypatch):
    return make_project(tmp_path, monkeypatch, {"a.md": A, "b.md": B, "c.md": C, "d.md": SILENCED})


def run(*args):
    res = CliRunner().invoke(cli.main, ["lint", "--format", "json", *args])
    return res.exit_code, res.stdout, res.stderr


def same_as_no_store(*args) -> tuple[int, str, str]:
    got = run(*args)
    ref = run("--no-store", *args)
    assert got[:2] == ref[:2]
    return got


def test_warm_run_applies_inline_suppressions(proj):
    cold = same_as_no_store()
    warm = same_as_no_store()
    assert cold[0] == warm[0] == 1  # only the Harbor conflict; the Lumo one is silenced both times
    kinds = [(f["entity"], f["kind"]) for f in json.loads(warm[1])["findings"]]
    assert kinds == [("Harbor Kinetics", "value-conflict")]
    (proj / "arts" / "a.md").unlink()
    assert same_as_no_store()[0] == 0


def test_store_folder_is_marked_and_ignored(proj):
    run()
    folder = proj / ".factlint"
    assert (folder / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (folder / ".gitignore").read_text().strip().endswith("*")


@pytest.mark.parametrize("where", ["notes.txt", "arts/a.md", "data.sqlite3"])
def test_a_path_that_is_not_the_stores_own_is_refused_and_left_alone(proj, where):
    if where == "data.sqlite3":
        with sqlite3.connect(proj / where) as db:
            db.execute("CREATE TABLE mine (x)")
            db.execute("INSERT INTO mine VALUES ('keep me')")
    elif where == "notes.txt":
        (proj / where).write_text("my notes\n", encoding="utf-8")
    before = (proj / where).read_bytes()
    (proj / "factlint.toml").write_text(f'include = ["arts"]\nstore = "{where}"\n', encoding="utf-8")
    code, out, err = same_as_no_store()
    assert "claim store refused" in err
    assert (proj / where).read_bytes() == before
    assert sorted(p.name for p in proj.iterdir()) == sorted(["arts", "factlint.toml", *([where] if "/" not in where else [])])


def test_config_change_is_not_served_from_the_old_report(proj):
    assert same_as_no_store()[0] == 1
    (proj / "factlint.toml").write_text('include = ["arts"]\n[rule.value-agreement]\nenabled = false\n', encoding="utf-8")
    assert same_as_no_store()[0] == 0
    (proj / "factlint.toml").write_text('include = ["arts"]\n[rule.value-agreement]\nseverity = "warning"\n', encoding="utf-8")
    code, out, _ = same_as_no_store()
    assert code == 0 and json.loads(out)["findings"][0]["severity"] == "warning"


def test_same_size_edit_with_preserved_mtime_is_seen(proj):
    same_as_no_store()
    art = proj / "arts" / "b.md"
    st = art.stat()
    art.write_text(B.replace("$150", "$120"), encoding="utf-8")  # same size
    os.utime(art, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert art.stat().st_size == st.st_size and art.stat().st_mtime_ns == st.st_mtime_ns
    assert same_as_no_store()[0] == 0  # the conflict is gone


def test_fresh_checkout_with_restored_store_reuses_by_content(proj, tmp_path_factory, monkeypatch):
    same_as_no_store()
    clone = tmp_path_factory.mktemp("clone")
    shutil.copytree(proj / "arts", clone / "arts")  # new inodes and file times, same content
    shutil.copy(proj / "factlint.toml", clone / "factlint.toml")
    shutil.copytree(proj / ".factlint", clone / ".factlint")
    monkeypatch.chdir(clone)
    import factlint.extract as extract_pkg

    calls = []
    real = extract_pkg.extract
    monkeypatch.setattr(extract_pkg, "extract", lambda doc: calls.append(doc.path) or real(doc))
    assert run("--jobs", "1")[:2] == run("--no-store", "--jobs", "1")[:2]
    assert calls == sorted(["arts/a.md", "arts/b.md", "arts/c.md", "arts/d.md"])  # only the --no-store run extracted


def _break_writes(monkeypatch, pragma: str):
    real = Store._connect

    def connect(self):
        db = real(self)
        db.execute(pragma)
        return db

    monkeypatch.setattr(Store, "_connect", connect)


@pytest.mark.parametrize("pragma,what", [("PRAGMA query_only = ON", "readonly"), ("PRAGMA max_page_count = 8", "full")])
def test_read_only_or_full_store_degrades_to_a_warning(proj, monkeypatch, pragma, what):
    _break_writes(monkeypatch, pragma)
    code, out, err = same_as_no_store()
    assert code == 1 and "continu" in err and "Traceback" not in err


def test_corrupt_middle_of_the_store_degrades_then_rebuilds(proj):
    same_as_no_store()
    path = proj / STORE
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size
    with open(path, "r+b") as fh:  # garble the middle, keep the header
        fh.seek(size // 2)
        fh.write(b"\xde\xad\xbe\xef" * 1024)
    (proj / "arts" / "c.md").write_text(C.replace("40", "41"), encoding="utf-8")  # force a real read of the store
    code, out, err = same_as_no_store()
    assert "Traceback" not in err
    again = same_as_no_store()
    assert again[0] == code and "Traceback" not in again[2]


def test_corruption_in_the_middle_is_found_when_the_store_is_opened(proj):
    for i in range(40):  # a store of many pages, so the middle is neither header nor schema
        (proj / "arts" / f"n{i:02d}.md").write_text(A.replace("120", str(200 + i)) + "Filler text. " * 300, encoding="utf-8")
    same_as_no_store()
    path = proj / STORE
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size
    assert size > 64 * 4096
    with open(path, "r+b") as fh:  # garble whole pages in the middle, keep the header
        fh.seek(size // 2 // 4096 * 4096)
        fh.write(b"\xde\xad\xbe\xef" * 2048)
    # Nothing changed, so without a check at open the earlier report would be served unread.
    code, out, err = same_as_no_store()
    assert "was not usable (damaged" in err and "rebuilt it" in err and "Traceback" not in err
    assert code == 1
    again = same_as_no_store()
    assert again[:2] == (code, out) and again[2] == ""


def test_damaged_row_is_a_miss_not_a_wrong_answer(proj):
    same_as_no_store()
    with sqlite3.connect(proj / STORE) as db:  # a flipped digit that SQLite cannot see
        db.execute("UPDATE article SET claims = replace(claims, '150000000', '120000000'), "
                   "stamp = 'x' WHERE path = 'arts/b.md'")
        db.execute("DELETE FROM run")
    # An edit in b.md's partition (Harbor Kinetics), so that the damaged row is read to re-check it.
    (proj / "arts" / "a.md").write_text(A.replace("120", "125"), encoding="utf-8")
    code, out, err = same_as_no_store()
    assert code == 1 and "failed during the run" in err


def test_fresh_checkout_keeps_problems_found_during_analysis(proj, tmp_path_factory, monkeypatch):
    (proj / "arts" / "huge.txt").write_text("Revenue was $" + "9" * 400 + " million.\n", encoding="utf-8")
    (proj / "arts" / "a.md").write_text(A + "\n" + "x" * 10, encoding="utf-8")
    same_as_no_store()
    (proj / "arts" / "a.md").write_text(A, encoding="utf-8")  # one real change, so the report is rebuilt
    clone = tmp_path_factory.mktemp("clone")
    shutil.copytree(proj, clone / "p")
    monkeypatch.chdir(clone / "p")
    code, out, _ = same_as_no_store()
    assert code == 2 and any("not read as a figure" in e["message"] for e in json.loads(out)["errors"])


def test_fresh_checkout_is_one_pass_one_index_query_one_transaction(proj, tmp_path_factory, monkeypatch):
    for i in range(30):
        (proj / "arts" / f"n{i:02d}.md").write_text(A.replace("120", str(200 + i)), encoding="utf-8")
    run()
    clone = tmp_path_factory.mktemp("clone")
    shutil.copytree(proj, clone / "p")
    monkeypatch.chdir(clone / "p")
    statements: list[str] = []
    real = Store._connect

    def traced(self):
        db = real(self)
        db.set_trace_callback(statements.append)
        return db

    monkeypatch.setattr(Store, "_connect", traced)
    assert run()[:2] == run("--no-store")[:2]
    index_reads = [s for s in statements if s.startswith("SELECT path, stamp, kb, sha FROM article")]
    updates = [s for s in statements if s.startswith("UPDATE article SET stamp")]
    assert len(index_reads) == 1  # touching stamps patches the index in memory, never reloads it
    assert len(updates) == 34 and statements.count("BEGIN IMMEDIATE") == 1  # one transaction for them all
    assert not any(s.startswith("SELECT doc, mentions, claims") for s in statements)  # the earlier report was served


@pytest.mark.parametrize("table", ["run", "corpus", "rendered"])
def test_a_table_missing_a_column_is_rebuilt_though_its_rows_are_not_read(proj, table):
    # The open probes each table's columns (with LIMIT 0, so a large stored output is not read);
    # a table of another shape must still make the store one to rebuild, not a traceback later.
    same_as_no_store()
    with sqlite3.connect(proj / STORE) as db:
        db.execute(f"DROP TABLE {table}")
        db.execute(f"CREATE TABLE {table} (key TEXT PRIMARY KEY, at INTEGER NOT NULL)")
        db.execute(f"INSERT INTO {table} VALUES ('k', 1)")
    code, out, err = same_as_no_store()
    assert "was not usable (no such column" in err and "rebuilt it" in err and "Traceback" not in err
    assert same_as_no_store()[:2] == (code, out)
