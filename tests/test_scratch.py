"""A --no-store run killed with kill -9 leaves its scratch store behind; the next run removes
it, and never the scratch folder of a run still going."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from factlint import scratch

pytestmark = pytest.mark.skipif(scratch.fcntl is None, reason="no flock here")

# A --no-store lint that keeps its analyses in a scratch store (IN_MEMORY 0) and is killed with
# SIGKILL while it stores them, before any cleanup can run.
KILLED = textwrap.dedent("""
    import os, signal, sys
    from factlint import pipeline
    from factlint.knowledge import Knowledge, default_rules_dir
    from factlint.store import Store
    pipeline.IN_MEMORY = 0
    Store.put_many = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
    pipeline.lint([sys.argv[1]], Knowledge.load(default_rules_dir()))
""")


def test_a_killed_no_store_run_leaves_its_scratch_for_the_next_run_to_remove(tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "a.md").write_text("Harbor Kinetics reported revenue of $120 million for 2024.\n", encoding="utf-8")
    env = {**os.environ, "TMPDIR": str(temp)}
    done = subprocess.run([sys.executable, "-c", KILLED, str(arts)], env=env, capture_output=True)
    assert done.returncode == -signal.SIGKILL
    left = list(temp.glob(scratch.PREFIX + "*"))
    assert len(left) == 1 and (left[0] / "scratch").is_dir()  # the scratch store was made, and stays
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    live = scratch.Scratch()  # the next run sweeps before making its own
    try:
        assert not left[0].exists()
        assert scratch.sweep() == [] and os.path.isdir(live.name)  # a live run's folder stays
    finally:
        live.cleanup()
    assert not os.path.exists(live.name)


def test_only_factlint_folders_are_swept(tmp_path):
    other = tmp_path / "factlint-notes"
    other.mkdir()
    (other / "lock").write_text("", encoding="utf-8")
    mine = tmp_path / (scratch.PREFIX + "dead")
    mine.mkdir()
    (mine / "lock").write_text("", encoding="utf-8")  # nobody holds it: its run is gone
    assert scratch.sweep(tmp_path) == [mine]
    assert other.exists() and not mine.exists()
