"""Per-document analysis, in this process or in a pool of processes.

Each document is analysed by a pure function of it and the knowledge base,
so the pool's results (returned in input order) are exactly the serial ones.
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from .guard import Guarded, TooSlow, budget
from .knowledge import Knowledge
from .models import Document, FileError

_STATE: dict = {}


def _init(kb: Knowledge, seconds: float) -> None:
    _STATE["kb"], _STATE["budget"] = kb, seconds


def _one(doc: Document):
    from .pipeline import analyse

    try:
        with budget(_STATE["budget"]):
            return analyse(doc, _STATE["kb"])
    except Guarded as exc:
        return exc.error(doc.path)
    except TooSlow:  # between two stages
        return Guarded("analyse", None, _STATE["budget"]).error(doc.path)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def analyse_all(docs: list[Document], kb: Knowledge, jobs: int, seconds: float) -> list:
    """An Analysis or a FileError for each document, in order."""
    jobs = min(jobs, len(docs) // 4)  # a pool costs more than it saves on a handful of articles
    if jobs > 1 and sys.platform != "win32":
        kb.entity_matcher, kb.metric_matcher  # built once here, inherited by every worker
        try:
            with ProcessPoolExecutor(jobs, mp_context=get_context("fork"), initializer=_init, initargs=(kb, seconds)) as ex:
                return list(ex.map(_one, docs, chunksize=max(1, len(docs) // (jobs * 8))))
        except (BrokenProcessPool, OSError):
            pass  # a worker died (out of memory?) or no processes could be made: do it here
    _init(kb, seconds)
    return [_one(d) for d in docs]
