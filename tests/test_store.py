"""The claim store survives what CI does to it: concurrent runs, a run killed
with kill -9 in the middle of writing, a corrupt or foreign file."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from factlint.ingest import parse
from factlint.knowledge import Knowledge
from factlint.pipeline import analyse_cached
from factlint.store import Store

KB = Knowledge.load()
TEXT = "---\npublished: 2025-03-01\n---\nHarbor Kinetics reported revenue of ${n} million for 2024.\n"
SRC = str(Path(__file__).resolve().parents[1] / "src")

WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {src!r})
    from factlint.ingest import parse
    from factlint.knowledge import Knowledge
    from factlint.pipeline import analyse_cached
    from factlint.store import Store
    kb = Knowledge.load()
    store = Store(sys.argv[1])
    i = 0
    while True:
        i += 1
        doc = parse("Harbor Kinetics reported revenue of $%d million for 2024." % i, "doc%d.md" % (i % 50), "md")
        analyse_cached(doc, kb, store)
        if len(sys.argv) > 2 and i >= int(sys.argv[2]):
            break
""")


def _writer(path: Path, count: int | None = None) -> subprocess.Popen:
    args = [sys.executable, "-c", WRITER.format(src=SRC), str(path)] + ([str(count)] if count else [])
    return subprocess.Popen(args)


def _usable(path: Path) -> None:
    store = Store(path)
    assert store.rebuilt is None, store.rebuilt
    doc = parse(TEXT.replace("{n}", "120"), "check.md", "md")
    first = analyse_cached(doc, KB, store)
    again = analyse_cached(doc, KB, store)
    assert store.hits == 1 and [c.model_dump() for c in again.claims] == [c.model_dump() for c in first.claims]
    store.close()


def test_concurrent_runs_share_the_store(tmp_path):
    path = tmp_path / "claims.sqlite3"
    Store(path).close()
    procs = [_writer(path, 60) for _ in range(3)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM article").fetchone()[0] == 50
    _usable(path)


def test_kill_9_mid_write_leaves_it_usable(tmp_path):
    path = tmp_path / "claims.sqlite3"
    Store(path).close()
    for _ in range(3):
        p = _writer(path)
        time.sleep(0.8)
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
    _usable(path)


def test_foreign_sqlite_file_is_rebuilt_not_trusted(tmp_path):
    path = tmp_path / "claims.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE analysis (x)")
    store = Store(path)
    assert store.rebuilt is not None
    store.close()
    _usable(path)


def test_foreign_file_with_a_meta_table_of_its_own_is_rebuilt(tmp_path):
    path = tmp_path / "claims.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (a TEXT)")  # the format is looked up first: not as a factlint store has it
    store = Store(path)
    assert store.rebuilt == "not a factlint store"
    store.close()
    _usable(path)


def test_other_tool_version_or_rules_miss(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    doc = parse(TEXT.replace("{n}", "120"), "a.md", "md")
    analyse_cached(doc, KB, store)
    assert store.get(doc, KB.digest) is not None
    assert store.get(doc, "another-rules-digest") is None
    store.close()
