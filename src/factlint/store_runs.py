"""The run-level caches of the claim store (store.py): the report of a whole run, its
rendered output, each article's per-article check stage and the cross-article stage's
state, each a checksummed JSON value under its key.  A mixin of Store, which owns the
connection and turns itself off (`_fail`) on any database error."""
from __future__ import annotations

import hashlib
import sqlite3
import typing
from collections.abc import Callable, Iterable, Iterator

from pydantic import BaseModel, TypeAdapter

from .models import FileError, Finding, Report

_RUN = TypeAdapter(tuple[Report, list[str]])
# An article's per-article stage: findings (or a failed rule's error) and partition keys, by rule id;
# the problems its analysis found (line, message); whether it holds a factlint-ignore comment.
Checks = tuple[dict[str, list[Finding] | FileError], dict[str, list[tuple[int | None, tuple[str, ...]]]],
               list[tuple[int | None, str]], bool]
_CHECKS = TypeAdapter(Checks)
_KEY_OF = {"run": "key", "corpus": "rules", "rendered": "key"}  # the key column of the tables of checksummed values
_VALUE_OF = {"run": "report", "rendered": "output", "corpus": "state"}
_FINDING = TypeAdapter(Finding)
PIECE = 1 << 20  # bytes handed to one blob write


def _checksum(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()[:32]


def _run_json(report: Report, notes: list[str]) -> Iterator[bytes]:
    """_RUN.dump_json((report, notes)) in pieces of about PIECE bytes, a finding at a time."""
    head = _RUN.dump_json((report.model_copy(update={"findings": []}), notes))
    at = head.index(b'"findings":[]') + len(b'"findings":[')  # only the version (a number) comes before it
    batch, size = [head[:at]], 0
    for n, f in enumerate(report.findings):
        piece = _FINDING.dump_json(f)
        batch.append(b"," + piece if n else piece)
        size += len(piece)
        if size >= PIECE:
            yield b"".join(batch)
            batch, size = [], 0
    batch.append(head[at:])
    yield b"".join(batch)


_ADAPTERS: dict = {}


def _adapter(annotation) -> TypeAdapter:
    if annotation not in _ADAPTERS:
        _ADAPTERS[annotation] = TypeAdapter(annotation)
    return _ADAPTERS[annotation]


def _model_json(value, annotation) -> Iterator[bytes]:
    """`value` as TypeAdapter(annotation).dump_json gives it, in pieces: a model field by field, a dict
    entry by entry and a list of what may hold models item by item, down to the values that are none
    of these (models without aliases, exclusions or custom serializers, as the corpus state's are)."""
    if isinstance(value, BaseModel):
        yield b"{"
        for n, (name, field) in enumerate(type(value).model_fields.items()):
            yield (b"," if n else b"") + _adapter(str).dump_json(name) + b":"
            yield from _model_json(getattr(value, name), field.annotation)
        yield b"}"
    elif isinstance(value, dict) and typing.get_origin(annotation) is dict:
        kind = typing.get_args(annotation)[1]
        yield b"{"
        for n, (k, v) in enumerate(value.items()):
            yield (b"," if n else b"") + _adapter(str).dump_json(k) + b":"
            yield from _model_json(v, kind)
        yield b"}"
    elif isinstance(value, list) and typing.get_origin(annotation) is list and _has_model(typing.get_args(annotation)[0]):
        kind = typing.get_args(annotation)[0]
        yield b"["
        for n, v in enumerate(value):
            if n:
                yield b","
            yield from _model_json(v, kind)
        yield b"]"
    else:
        yield _adapter(annotation).dump_json(value)


def _has_model(annotation) -> bool:
    """Whether values of this type may hold a model (a list of them is written an item at a time;
    a list of plain values, such as an article's keys, whole)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_has_model(a) for a in typing.get_args(annotation))


def _batched(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """Small pieces gathered into ones of about PIECE bytes."""
    batch, size = [], 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= PIECE:
            yield b"".join(batch)
            batch, size = [], 0
    yield b"".join(batch)


class _Damaged(Exception):
    pass


class RunCache:
    db: sqlite3.Connection | None

    def run_report(self, key: str) -> tuple[Report, list[str]] | None:
        """The report (and notes) of an earlier run over exactly the same files, rules and tool."""
        return self._blob("run", "report", key, _RUN)

    def save_run(self, key: str, report: Report, notes: list[str]) -> None:
        """Keep the report as _RUN's JSON, written a batch of findings at a time (some 180 MB at
        50,000 articles, never held whole)."""
        self._write_pieces("run", key, lambda: _run_json(report, notes), keep=8)  # the last few corpora

    def rendered(self, key: str) -> Iterator[bytes] | None:
        """What an earlier run printed and wrote (cli/lint_cache.py), as chunks of bytes read
        from the file as they are used, after a first pass has checked them: an unchanged corpus
        is answered without decoding a finding or holding its output."""
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT rowid, checksum FROM rendered WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            h = hashlib.sha256()
            for chunk in self._chunks(row[0]):
                h.update(chunk)
            if h.hexdigest()[:32] != row[1]:
                raise _Damaged("a stored rendered output does not match its checksum")
        except (sqlite3.Error, _Damaged) as exc:
            self._fail(exc)
            return None
        return self._chunks(row[0])

    def _chunks(self, rowid: int, size: int = 1 << 20) -> Iterator[bytes]:
        with self.db.blobopen("rendered", "output", rowid, readonly=True) as blob:
            while chunk := blob.read(size):
                yield chunk

    def save_rendered(self, key: str, pieces: Callable[[], Iterable[bytes]]) -> None:
        """Keep an output given as its pieces (`pieces()`: once to checksum, once to write), never held whole."""
        self._write_pieces("rendered", key, pieces, keep=8, text=False)  # the last few corpora and formats

    def _write_pieces(self, table: str, key: str, pieces: Callable[[], Iterable[bytes]], keep: int, text: bool = True,
                      then: str | None = None) -> None:
        """A row of `table` whose value is `pieces()` joined, never joined here: a first pass takes its
        size and checksum (_checksum's for a JSON value; sha256 of the bytes for a rendered output), then
        the row is inserted with a zeroblob of that size, which SQLite does not fill in memory as the
        last column, and the second pass writes into it through blob I/O.  Only the `keep` most recent
        rows of the table are kept; then `then` runs, in the same transaction."""
        if self.db is None:
            return
        h, size = hashlib.sha256(), 0
        for piece in pieces():
            h.update(piece)
            size += len(piece)
        if text:
            h.update(b"\0")

        def write() -> None:
            at = (self.db.execute(f"SELECT max(at) FROM {table}").fetchone()[0] or 0) + 1
            value = _VALUE_OF[table]
            rowid = self.db.execute(f"INSERT OR REPLACE INTO {table} ({_KEY_OF[table]}, checksum, at, {value}) VALUES (?, ?, ?, zeroblob(?))",
                                    (key, h.hexdigest()[:32], at, size)).lastrowid
            written = 0
            with self.db.blobopen(table, value, rowid) as blob:
                for piece in pieces():
                    blob.write(piece)  # past `size`: ValueError, and the row is rolled back
                    written += len(piece)
            if written != size:
                raise ValueError(f"a stored {table} value of {written} bytes, announced as {size}")
            self.db.execute(f"DELETE FROM {table} WHERE at <= ?", (at - keep,))
            if then:
                self.db.execute(then)

        self._transaction(write)

    def _blob(self, table: str, column: str, key: str, adapter: TypeAdapter):
        """A checksummed JSON value kept under `key` in `table` (run reports, corpus states)."""
        if self.db is None:
            return None
        try:
            row = self.db.execute(f"SELECT {column}, checksum FROM {table} WHERE {_KEY_OF[table]} = ?", (key,)).fetchone()
            if row is None:
                return None
            if _checksum(row[0]) != row[1]:
                raise _Damaged(f"a stored {table} {column} does not match its checksum")
            return adapter.validate_json(row[0])
        except (sqlite3.Error, _Damaged, ValueError) as exc:
            self._fail(exc)
            return None

    def _transaction(self, write) -> bool:
        """Run `write` in one write transaction, rolled back on any error; a database error
        turns the store off for the run (with a warning) and returns False."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                write()
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            self._fail(exc)
            return False
        return True

    # --- the check stages, for re-checking only what changed ---------------------

    def checks(self, paths: list[str], rules: str) -> dict[str, Checks]:
        """The stored per-article stage of these articles under these rules, where current."""
        out: dict[str, Checks] = {}
        if self.db is None:
            return out
        index = self._index()
        try:
            for i in range(0, len(paths), 500):
                part = paths[i : i + 500]
                marks = ",".join("?" * len(part))
                for path, sha_, body, check in self.db.execute(
                        f"SELECT path, sha, body, checksum FROM checks WHERE rules = ? AND path IN ({marks})", (rules, *part)):
                    if _checksum(body) != check:
                        raise _Damaged("stored checks do not match their checksum")
                    if path in index and index[path][2] == sha_:
                        out[path] = _CHECKS.validate_json(body)
        except (sqlite3.Error, _Damaged, ValueError) as exc:
            self._fail(exc)
            return {}
        return out

    def put_checks(self, items: list[tuple[str, str, Checks]], rules: str) -> None:
        """(path, content sha, checks) of articles whose per-article stage ran."""
        if self.db is None or not items:
            return

        def write() -> None:
            for i in range(0, len(items), 256):
                rows = []
                for path, sha_, checks in items[i : i + 256]:
                    body = _CHECKS.dump_json(checks).decode()
                    rows.append((path, rules, sha_, body, _checksum(body)))
                self.db.executemany("INSERT OR REPLACE INTO checks VALUES (?, ?, ?, ?, ?)", rows)

        self._transaction(write)

    def corpus_state(self, rules: str, adapter: TypeAdapter):
        """The cross-article stage of the last run under these rules (check/incremental.py)."""
        return self._blob("corpus", "state", rules, adapter)

    def save_corpus_state(self, rules: str, state: BaseModel, adapter: TypeAdapter) -> None:
        """Keep the state (a model: CorpusState), its JSON (some 210 MB at 50,000 articles) written a
        finding and an article's keys at a time (`adapter`, which reads it back, is not needed to write it)."""
        # a few rule sets (--select); per-article checks of forgotten rule sets go with them
        self._write_pieces("corpus", rules, lambda: _batched(_model_json(state, type(state))), keep=4,
                           then="DELETE FROM checks WHERE rules NOT IN (SELECT rules FROM corpus)")

