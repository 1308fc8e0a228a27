"""Guards around per-document and per-rule work.

`guarded(stage)` turns any unexpected exception into `Guarded`, which the
pipeline reports as an error for that file (or rule) naming the stage, so
one bad article never stops the run.  `budget(seconds)` bounds the CPU time
one article may take: past it, `TooSlow` interrupts the work, and the file
is reported as too slow and skipped.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .models import FileError


class Expected(Exception):
    """A failure that already is a diagnostic (an unreadable file): passes guards unchanged."""


class TooSlow(BaseException):
    """The time budget ran out.  A BaseException, so no `except Exception` in a stage swallows it."""


class Guarded(Exception):
    def __init__(self, stage: str, cause: BaseException | None, too_slow: float = 0.0):
        super().__init__(f"{stage}: {cause!r}")
        self.stage, self.cause, self.too_slow = stage, cause, too_slow

    def error(self, path: str, consequence: str = "this file was skipped") -> FileError:
        if self.too_slow:
            return FileError(path=path, stage=self.stage, kind="timeout",
                             message=f"took more than {self.too_slow:g} s of CPU time (the time budget, --time-budget) "
                                     f"during {self.stage}; skipped")
        cause = self.cause
        detail = f"{type(cause).__name__}: {cause}" if cause is not None else "unknown error"
        return FileError(path=path, stage=self.stage, kind="internal",
                         message=f"internal error during {self.stage}: {detail[:300]} (please report it; {consequence})")


_armed = {"seconds": 0.0}


@contextmanager
def guarded(stage: str) -> Iterator[None]:
    try:
        yield
    except (Guarded, Expected):
        raise
    except TooSlow as exc:
        raise Guarded(stage, None, exc.args[0] if exc.args else 1.0) from exc
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - the point of a guard
        raise Guarded(stage, exc) from exc


def _alarm(signum, frame) -> None:
    if _armed["seconds"]:
        raise TooSlow(_armed["seconds"])


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """CPU-time limit for the enclosed work (ITIMER_PROF, so a busy shared machine
    does not count against it).  A no-op where timers are unavailable or off."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    old = signal.signal(signal.SIGPROF, _alarm)
    _armed["seconds"] = seconds
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        _armed["seconds"] = 0.0
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)
