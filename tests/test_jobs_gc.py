"""workers.frozen: the objects alive when a pool starts (or the check stage) are left out of the
cyclic collector's passes while it runs, and collectable again after, nested or not, whatever
happens inside."""
from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from factlint import workers
from factlint.knowledge import Knowledge
from factlint.pipeline import lint

DATA = Path(__file__).resolve().parent / "data"


def test_frozen_blocks_nest_and_always_end_unfrozen():
    assert gc.get_freeze_count() == 0
    held = [[i] for i in range(1000)]  # noqa: F841  (alive while frozen)
    with workers.frozen():
        outer = gc.get_freeze_count()
        assert outer >= 1000
        with pytest.raises(RuntimeError), workers.frozen():
            assert gc.get_freeze_count() == outer
            raise RuntimeError
        assert gc.get_freeze_count() == outer  # an inner block neither freezes more nor thaws the outer one
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_lint_leaves_nothing_frozen(tmp_path, jobs):
    shutil.copytree(DATA / "devcorpus", tmp_path / "arts", ignore=shutil.ignore_patterns("*.json"))
    seen = []
    real = workers.frozen.__wrapped__

    def spy():
        seen.append(1)
        return real()

    import contextlib

    workers.frozen, old = contextlib.contextmanager(spy), workers.frozen
    try:
        res = lint([tmp_path / "arts"], Knowledge.load(), jobs=jobs)
    finally:
        workers.frozen = old
    assert res.report.findings and seen  # the check stage (and the pool) ran frozen
    assert gc.get_freeze_count() == 0
