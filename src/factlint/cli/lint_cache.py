"""`factlint lint` on an unchanged corpus: the earlier run's output, replayed.

A whole run with the claim store keeps its report under a run key (every file's content, the
rules in effect, the budget; runkey.whole_run_key).  Decoding that report costs memory in
proportion to the findings, so `lint` also keeps what it printed and wrote, as text (spooled to
a temporary file as it is printed, then copied into the store in pieces), under the run key and everything else that shapes the output (formats, output paths, baseline and waiver
files with today's date, fail-on, quiet, statistics, colour).  A run whose
key matches replays that text and exit status, and decodes no finding.

Not kept: runs that focus on changed articles, read standard input, write the HTML report (it
embeds the articles) or GitHub output (it appends to the job summary), and runs where the store
itself had something to say (rebuilt, failed).
"""
from __future__ import annotations

import hashlib
import io
import itertools
import json
import sqlite3
import sys
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import click

from .. import __version__

_NOT_KEPT = ("html", "github")


class Cache:
    """The store of this run, opened before it, and what besides the run key shapes its output
    (`detail`; None: not kept).  The run key is taken before the run, to replay, and after it, to
    keep: a first run over new articles is kept under the key the next run will find."""

    def __init__(self, store, detail: str | None, run_key=None):
        self.store, self.detail, self.run_key = store, detail, run_key
        # What was printed and written, as ranges of the spool: (offset, size, to stderr, newline, colour)
        # and (path, format, offset, size).  The spool, a temporary file beside the store, holds the
        # text (at 50,000 articles the JSON is some 370 MB), so it is never held whole in memory.
        self.said: list[tuple[int, int, bool, bool, bool | None]] = []
        self.files: list[tuple[str, str, int, int]] = []
        self.run_err = ""
        self.found: list = []  # pipeline._files of this run, once taken
        self._spool = None
        self._kept = 0  # bytes in the spool
        self._keepable = detail is not None

    def _key(self) -> str | None:
        run = self.run_key() if self.detail is not None else None
        return None if run is None else hashlib.sha256(f"{run}\0{self.detail}".encode()).hexdigest()

    def _keep(self, pieces: Iterable[str]) -> Iterator[str]:
        """The pieces, passed on as they are spooled (UTF-8)."""
        for piece in pieces:
            if self._keepable:
                try:
                    data = piece.encode("utf-8")
                    if self._spool is None:
                        self._spool = tempfile.TemporaryFile(dir=self.store.path.parent)
                    self._spool.write(data)
                    self._kept += len(data)
                except (UnicodeEncodeError, OSError):  # text that cannot be written back as it was printed
                    self._keepable = False
            yield piece

    def say(self, text: str | Iterable[str], err: bool = False, nl: bool = True, color: bool | None = None) -> None:
        start = self._kept
        if isinstance(text, str):
            for _ in self._keep([text]):
                pass
            click.echo(text, err=err, nl=nl, color=color)
        else:
            echo(self._keep(text), err=err, nl=nl, color=color)
        self.said.append((start, self._kept - start, err, nl, color))

    def keep_file(self, path: str, fmt: str, content: str | Iterable[str]) -> Iterator[str]:
        """An output's content, kept as it is written."""
        start = self._kept
        yield from self._keep([content] if isinstance(content, str) else content)
        self.files.append((path, fmt, start, self._kept - start))

    def replay(self) -> int | None:
        """Print and write what the earlier run did, streamed from the store; its exit status, or
        None when there is none."""
        key = self._key()
        chunks = self.store.rendered(key) if key is not None else None
        if chunks is None:
            return None
        data = _Stream(chunks)
        head = json.loads(data.line())
        sys.stderr.write(head["run_err"])
        for path, fmt, size in head["files"]:
            _write_bytes(Path(path), data.take(size), fmt)
        raw = getattr(sys.stdout, "buffer", None)
        utf8 = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "").replace("_", "") == "utf8"
        for size, err, nl, color in head["said"]:
            if err or raw is None or not utf8:
                click.echo(b"".join(data.take(size)).decode("utf-8"), err=err, nl=nl, color=color)
                continue
            sys.stdout.flush()
            for piece in data.take(size):
                raw.write(piece)
            if nl:
                raw.write(b"\n")
            raw.flush()
        return head["status"]

    def splice(self, paths, settings, kb, fmt: str, outputs, statistics: bool) -> int | None:
        """A JSON run over a corpus the last whole run covered, but for a few articles: printed from
        the store's record with only their partitions re-checked (check/splice.py); its exit
        status, or None when the whole run must go."""
        from ..check import splice
        from ..checking import checks_key
        from ..models import Severity
        from ..pipeline import DEFAULT_BUDGET, _files
        from ..store import stamp

        if fmt != "json" or outputs or statistics or settings["baseline"] or settings["waivers"] or self.store.db is None:
            return None
        files, errors = self.found[0] if self.found else _files(paths, tuple(settings["exclude"]))
        if errors:
            return None
        try:
            found = [(f.as_posix(), f, stamp(f.stat())) for f in files]
        except OSError:
            return None
        budget = DEFAULT_BUDGET if settings["time_budget"] is None else settings["time_budget"]
        fail_on = settings["fail_on"]
        got = splice.edit(self.store, found, kb, budget, checks_key(kb, self.store, budget),
                          None if fail_on == "never" else Severity(fail_on).rank)
        if got is None:
            return None
        chunks, failing = got
        for chunk in chunks:
            click.echo(chunk, nl=False)
        from . import EXIT_FINDINGS

        return EXIT_FINDINGS if failing else 0

    def save(self, status: int) -> None:
        if not self._keepable or "factlint: claim store" in self.run_err:
            return  # not kept, not all spooled, or the store had trouble this run: nothing to promise the next one
        key = self._key()
        if key is None:
            return
        head = {"run_err": self.run_err, "files": [(p, f, size) for p, f, _, size in self.files],
                "said": [(size, err, nl, color) for _, size, err, nl, color in self.said], "status": status}
        line = json.dumps(head).encode("utf-8") + b"\n"
        ranges = [(at, size) for _, _, at, size in self.files] + [(at, size) for at, size, *_ in self.said]
        try:
            self.store.save_rendered(key, lambda: itertools.chain([line], self._spooled(ranges)))
        except OSError:
            pass  # the spool could not be read back: nothing kept

    def _spooled(self, ranges: list[tuple[int, int]], size: int = 1 << 20) -> Iterator[bytes]:
        for at, n in ranges:
            if n:
                self._spool.seek(at)
            while n > 0:
                piece = self._spool.read(min(n, size))
                if not piece:
                    raise OSError("the output spool is shorter than what was written to it")
                n -= len(piece)
                yield piece

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
        self.store.close()


class _Stream:
    """Bytes arriving in chunks, taken a line or a length at a time, never more than a chunk held."""

    def __init__(self, chunks):
        self.chunks, self.buf = iter(chunks), b""

    def line(self) -> bytes:
        while b"\n" not in self.buf:
            more = next(self.chunks, b"")
            if not more:
                break
            self.buf += more
        head, _, self.buf = self.buf.partition(b"\n")
        return head

    def take(self, n: int):
        while n > 0:
            if not self.buf:
                self.buf = next(self.chunks, b"")
                if not self.buf:
                    return
            piece, self.buf = self.buf[:n], self.buf[n:]
            n -= len(piece)
            yield piece


def echo(text: str | Iterable[str], err: bool = False, nl: bool = True, color: bool | None = None) -> None:
    """click.echo, for a text given whole or in pieces (report/json_out.lint_chunks)."""
    if isinstance(text, str):
        click.echo(text, err=err, nl=nl, color=color)
        return
    for piece in text:
        click.echo(piece, err=err, nl=False, color=color)
    if nl:
        click.echo("", err=err, color=color)


def _write_bytes(path: Path, pieces, what: str) -> None:
    """Write an output as its pieces arrive, replacing `path` only when done (cli._write)."""
    from . import _fail

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as fh:
            for piece in pieces:
                fh.write(piece)
        tmp.replace(path)
    except OSError as exc:
        _fail(f"cannot write {what} output to {path}: {exc.strerror or exc}")


class Tee(io.TextIOBase):
    """Standard error written through and kept (what the pipeline says during the run), but for
    the progress bar on a terminal."""

    def __init__(self, to):
        self.to, self.kept = to, []

    @property
    def encoding(self):
        return getattr(self.to, "encoding", "utf-8")

    @property
    def errors(self):
        return getattr(self.to, "errors", "strict")

    def isatty(self) -> bool:
        return self.to.isatty()

    def write(self, s: str) -> int:
        if not isinstance(s, str):
            raise TypeError("a text stream")  # what click probes for
        if "\r" not in s:  # a progress bar redraws itself with \r: shown, not kept
            self.kept.append(s)
        return self.to.write(s)

    def flush(self) -> None:
        self.to.flush()


def cache_for(paths, settings, kb, use_store: bool, fmt: str, outputs, options: dict) -> Cache | None:
    """The output cache of this run, when it may have one; its store stays open for the run
    (Cache.store), to be closed by the caller."""
    from ..pipeline import DEFAULT_BUDGET, _files
    from ..runkey import rules_key, whole_run_key
    from ..store import Store, StoreRefused

    where = settings["store"]
    if not use_store or not where or where == "none" or fmt in _NOT_KEPT or any(f in _NOT_KEPT for f, _ in outputs):
        return None
    try:
        store = Store(Path(where))
    except (OSError, sqlite3.Error, StoreRefused):
        return None  # the run's own opening says why
    if store.rebuilt:  # said here, as the run's own opening would have: the run finds it sound now
        from . import _clean

        click.echo(f"factlint: claim store {_clean(where)} was not usable ({_clean(store.rebuilt)}); rebuilt it", err=True)
    budget = settings["time_budget"]
    exclude = tuple(settings["exclude"])

    found: list = []  # the files as first found, for the splice (Cache.splice) to go on from

    def run_key() -> str | None:
        files = _files(paths, exclude)
        found[:] = found or [files]
        return whole_run_key(files, kb, store, DEFAULT_BUDGET if budget is None else budget)

    h = hashlib.sha256()
    for name in ("baseline", "waivers"):
        p = settings[name]
        h.update(f"{name}\0{p}\0".encode())
        if p:
            try:
                h.update(hashlib.sha256(Path(p).read_bytes()).digest())
            except OSError:
                return Cache(store, None)  # reported by the run itself
    # Names in the output are as given (relative to the working directory), so a clone elsewhere replays.
    detail = {"rules": rules_key(kb), "version": __version__, "fmt": fmt, "outputs": [(f, str(p)) for f, p in outputs],
              "fail_on": settings["fail_on"], "today": date.today().isoformat(), **options}
    h.update(json.dumps(detail, sort_keys=True, default=str).encode())
    cache = Cache(store, h.hexdigest(), run_key)
    cache.found = found
    return cache
