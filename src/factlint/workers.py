"""Per-document work, in this process or in a pool of processes: the analysis
(extraction, resolution) and, when asked, the per-article stage of the check
plan (check/engine.run_document: arithmetic, conversion, weekdays, durations).

Both are pure functions of the document and the knowledge base, so the pool's
results (returned in input order) are exactly the serial ones.
"""
from __future__ import annotations

import copyreg
import gc
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from .guard import Guarded, TooSlow, budget
from .knowledge import Knowledge
from .models import Claim, ClaimRef, Document, FileError, Finding, Frame, Link, Mention, Period, Slot
from .store import sha

_STATE: dict = {}


def _rebuild(cls, values: dict, fields_set: set):
    """What pydantic's own __setstate__ does, without its generic state dict per object."""
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", fields_set)
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def _reduce(obj):
    return _rebuild, (type(obj), obj.__dict__, obj.__pydantic_fields_set__)


# Results come back from the workers as thousands of small models: pickled this way they
# cost a fifth of pydantic's default, which was a third of the analysis time itself.
for _model in (Mention, Claim, Period, Frame, Slot, Link, Finding, ClaimRef):
    copyreg.pickle(_model, _reduce)


_FROZEN = [0]  # depth of frozen() blocks in this process


@contextmanager
def frozen():
    """Leave the objects alive now (the knowledge base, the parser, the held analyses, a batch's
    articles) out of the cyclic collector's passes until the block ends.  A full collection walks
    every object alive, so with a corpus's analyses held each one cost as much as checking a large
    group (0.5 s at 8,000 claims), and in forked workers it dirties the pages they share with the
    parent.  Only the outermost block freezes and unfreezes: a nested one would freeze the garbage
    cycles its enclosing block made so far, and they would stay until that block ended."""
    outer = not _FROZEN[0]
    _FROZEN[0] += 1
    if outer:
        gc.freeze()
    try:
        yield
    finally:
        _FROZEN[0] -= 1
        if outer:
            gc.unfreeze()  # collectable again (a long-lived process, the tests, runs many lints)


def _init(kb: Knowledge, seconds: float, checks: bool = False, shelved: bool = False) -> None:
    _STATE["kb"], _STATE["budget"], _STATE["checks"], _STATE["shelved"] = kb, seconds, checks, shelved


def _one(doc: Document):
    from .check.engine import run_document
    from .check.partitions import document_keys
    from .pipeline import analyse

    try:
        with budget(_STATE["budget"]):
            out = analyse(doc, _STATE["kb"])
    except Guarded as exc:
        return exc.error(doc.path)
    except TooSlow:  # between two stages
        return Guarded("analyse", None, _STATE["budget"]).error(doc.path)
    if _STATE["checks"]:  # each rule on the article gets the article's budget, and its own guard
        out.checks = run_document(out, _STATE["kb"], _STATE["budget"])
        out.keys = document_keys(out, _STATE["kb"])
    return out


def _remote(doc: Document):
    """In a worker: the analysis without the document, which the parent already has; for a run
    that shelves it, its mentions and claims as the store keeps them."""
    from .store import encode

    out = _one(doc)
    if isinstance(out, FileError):
        return out
    found = encode(out.mentions, out.claims) if _STATE["shelved"] else (out.mentions, out.claims)
    return found, out.doc.problems, out.checks, out.keys


def _joined(doc: Document, out):
    from .pipeline import Analysis
    from .store import Encoded

    if isinstance(out, FileError):
        return out
    found, problems, checks, keys = out
    doc.problems[:] = problems
    return Shelved(doc, found, checks, keys) if isinstance(found, Encoded) else Analysis(doc, *found, checks, keys)


class Shelved:
    """An article a worker analysed for a run that keeps its analyses in a store (pipeline:
    beyond IN_MEMORY articles): the parent stores the JSON as it came (`mentions` is a
    store.Encoded, `claims` None) and keeps the slim record, decoding nothing.  Unpickling
    thousands of models per article was most of what the parent did per article."""

    def __init__(self, doc: Document, encoded, checks: dict, keys: dict):
        self.doc, self.mentions, self.claims, self.checks, self.keys = doc, encoded, None, checks, keys

    path = property(lambda self: self.doc.path)
    sha = property(lambda self: sha(self.doc.raw))

    def stored(self) -> tuple:
        from .pipeline import Analysis

        return Analysis.stored(self)

    def analysis(self):
        """The Analysis itself, decoded (when the store failed and the run holds it in memory)."""
        from .pipeline import Analysis
        from .store import _CLAIMS, _MENTIONS

        return Analysis(self.doc, _MENTIONS.validate_json(self.mentions.mentions),
                        _CLAIMS.validate_json(self.mentions.claims), self.checks, self.keys)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class _Counted:
    """An iterator with a length, for a progress bar over results still arriving."""

    def __init__(self, it, n: int):
        self.it, self.n = it, n

    def __len__(self) -> int:
        return self.n

    def __iter__(self):
        return iter(self.it)


def analyse_all(docs: list[Document], kb: Knowledge, jobs: int, seconds: float, progress=None, checks: bool = False) -> list:
    """An Analysis or a FileError for each document, in order; with `checks`, each Analysis
    carries the per-article stage's results (`checks`)."""
    return list(analyse_iter(docs, len(docs), kb, jobs, seconds, progress, checks))


def analyse_iter(docs: Iterable[Document], n: int, kb: Knowledge, jobs: int, seconds: float, progress=None,
                 checks: bool = False, shelved: bool = False) -> Iterator:
    """analyse_all over `n` documents read as they are needed, each result yielded as soon as it
    and those before it are done: a caller that stores and drops them holds only a window of
    the corpus, never all of it.  With `shelved` (the caller stores them) what the pool's workers
    analysed comes as Shelved records."""
    shown = progress or (lambda items: items)
    jobs = min(jobs, n // 4)  # a pool costs more than it saves on a handful of articles
    docs = iter(docs)
    if jobs > 1 and sys.platform != "win32":
        first = next(docs, None)
        if first is None:
            return
        # The first article here: every lazily built matcher and pattern is then inherited by the workers.
        _init(kb, seconds, checks)
        yield _one(first)
        try:
            ex = ProcessPoolExecutor(jobs, mp_context=get_context("fork"), initializer=_init,
                                     initargs=(kb, seconds, checks, shelved))
        except OSError:
            ex = None  # no processes could be made: do it here
        if ex is not None:
            with frozen(), ex:
                yield from shown(_Counted(_pooled(ex, jobs, docs, max(1, min(64, n // (jobs * 16)))), n - 1))
            return
        _init(kb, seconds, checks)
        yield from (_one(d) for d in shown(_Counted(docs, n - 1)))
        return
    _init(kb, seconds, checks)
    yield from (_one(d) for d in shown(_Counted(docs, n)))


def _pooled(ex: ProcessPoolExecutor, jobs: int, docs: Iterator[Document], chunk: int) -> Iterator:
    """Chunks of documents in flight in the pool, a few per worker, results in input order.
    If a worker dies (out of memory?) the rest is done here."""
    pending: deque = deque()
    broken = False

    def submit() -> None:
        part = list(islice(docs, chunk))
        if part:
            try:
                pending.append((part, None if broken else ex.submit(_remote_chunk, part)))
            except (BrokenProcessPool, OSError, RuntimeError):
                pending.append((part, None))

    for _ in range(4 * jobs):
        submit()
    while pending:
        part, fut = pending.popleft()
        outs = None
        if fut is not None:
            try:
                outs = fut.result()
            except (BrokenProcessPool, OSError):
                broken = True
        if outs is None:
            _init(_STATE["kb"], _STATE["budget"], _STATE["checks"])
            yield from (_one(d) for d in part)
        else:
            yield from (_joined(d, o) for d, o in zip(part, outs))
        submit()


def _remote_chunk(docs: list[Document]) -> list:
    return [_remote(d) for d in docs]


def check_batches(store_path, kb: Knowledge, jobs: int, work, tasks: list) -> Iterator:
    """work(analyses, kb, payload) for each (paths, payload) task, in a pool of `jobs` processes
    that read the articles from the store at `store_path` themselves, so the parent sends paths
    and gets back only results; in task order, None for a task whose articles a worker could not
    load (or if the pool broke), to be done by the caller."""
    try:
        ex = ProcessPoolExecutor(jobs, mp_context=get_context("fork"), initializer=_init_reader, initargs=(kb, str(store_path)))
    except OSError:
        yield from (None for _ in tasks)
        return
    with frozen(), ex:
        pending: deque = deque()
        todo = iter(tasks)

        def submit() -> None:
            task = next(todo, None)
            if task is not None:
                try:
                    pending.append(ex.submit(_batch, work, *task))
                except (BrokenProcessPool, OSError, RuntimeError):
                    pending.append(None)

        for _ in range(2 * jobs):
            submit()
        while pending:
            fut = pending.popleft()
            try:
                yield None if fut is None else fut.result()
            except (BrokenProcessPool, OSError):
                yield None
            submit()


def _init_reader(kb: Knowledge, store_path: str) -> None:
    _STATE["kb"], _STATE["store"] = kb, store_path
    _STATE.pop("reader", None)
    _FROZEN[0] = 0  # forked inside the parent's block: each batch here freezes what it loaded, and thaws it after


def _batch(work, paths: list[str], payload):
    from .pipeline import Analysis
    from .store import Store

    if "reader" not in _STATE:
        _STATE["reader"] = Store.reader(_STATE["store"])
    analyses = []
    for p in paths:
        got = _STATE["reader"].load(p)
        if got is None:
            return None
        analyses.append(Analysis(*got))
    with frozen():
        return work(analyses, _STATE["kb"], payload)
