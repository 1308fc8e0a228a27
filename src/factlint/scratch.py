"""The scratch folder of a large --no-store run (pipeline.lint keeps its analyses in a store
there), removed after the run, and by the next run when a kill -9 left it behind.

Each folder holds a lock file the run keeps locked (flock) while it lives; the kernel releases
the lock when the process dies however it dies, so a folder whose lock can be taken belongs to
no live run.  Process ids are not used: they are reused, and another container sharing /tmp
sees other ones.  Only folders named for factlint and owned by this user are touched.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # no flock (Windows): nothing is swept, a run still removes its own
    fcntl = None

PREFIX = "factlint-scratch-"
_YOUNG = 3600.0  # seconds: a folder without its lock file yet may be a run just starting


class Scratch:
    def __init__(self) -> None:
        sweep()
        self.name = tempfile.mkdtemp(prefix=PREFIX)
        self._lock = open(os.path.join(self.name, "lock"), "w")  # noqa: SIM115 (held for the run)
        if fcntl is not None:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def cleanup(self) -> None:
        self._lock.close()
        shutil.rmtree(self.name, ignore_errors=True)


def sweep(where: str | Path | None = None) -> list[Path]:
    """Remove the scratch folders of runs that died; the ones removed."""
    if fcntl is None:
        return []
    removed = []
    for d in sorted(Path(where or tempfile.gettempdir()).glob(PREFIX + "*")):
        try:
            if d.is_symlink() or not d.is_dir() or d.stat().st_uid != os.getuid():
                continue
            lock = d / "lock"
            if not lock.exists():
                if time.time() - d.stat().st_mtime > _YOUNG:
                    shutil.rmtree(d, ignore_errors=True)
                    removed.append(d)
                continue
            with open(lock, "a") as fh:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a live run
                shutil.rmtree(d, ignore_errors=True)
                removed.append(d)
        except OSError:
            continue  # gone meanwhile, or not ours to read
    return removed
