"""The identity of a run, for the store's caches (pipeline.lint's report, cli/lint_cache's
output, the stored check stages): the rules in effect and every file's content."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from . import ingest
from .models import FileError
from .store import stamp

if TYPE_CHECKING:
    from .knowledge import Knowledge
    from .store import Store


def rules_key(kb: Knowledge) -> str:
    """The rules as they are in effect, config overrides included."""
    rules = [r.model_dump(mode="json") for r in kb.rules]
    return hashlib.sha256(json.dumps(rules, sort_keys=True, default=str).encode()).hexdigest()


def whole_run_key(found: tuple[list[Path], list[FileError]], kb: Knowledge, store: Store, time_budget: float) -> str | None:
    """The key under which `lint` keeps the report of a whole run over the files `found`
    (pipeline._files: files and errors; see run_key), without running it; None when any file is
    new or changed."""
    files, errors = found
    stamps: dict[Path, str] = {}
    for f in files:
        try:
            stamps[f] = stamp(f.stat())
        except OSError:
            return None
    return run_key(stamps, errors, kb, store, time_budget)


def run_key(stamps: dict[Path, str], errors: list[FileError], kb: Knowledge, store: Store, budget: float) -> str | None:
    """Identity of a whole run: every file's content hash, the rules in effect and the
    budget; None while any file is not in the store as it is now.  A file whose stamp
    changed (a fresh checkout) is hashed, and its new stamp remembered when the content
    is the same, so a restored store serves the earlier report after one pass."""
    h = hashlib.sha256(f"{store.version(kb.digest)}\0{rules_key(kb)}\0{budget}\n".encode())
    touched: list[tuple[str, str]] = []
    for f, st in sorted(stamps.items(), key=lambda kv: kv[0].as_posix()):
        name = f.as_posix()
        if not store.fresh(name, st, kb.digest):
            try:
                digest = hashlib.sha256(ingest.read_bytes(f, name)).hexdigest()
            except ingest.IngestError:
                return None
            if not store.same_content(name, digest, kb.digest):
                return None
            touched.append((name, st))
        h.update(f"{name}\0{store.content_sha(name)}\n".encode())
    store.touch_many(touched)
    h.update("".join(sorted(f"{e.path}\0{e.line}\0{e.message}\n" for e in errors)).encode())
    return h.hexdigest()
