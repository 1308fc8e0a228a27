"""The run-level caches of the claim store (store.py): the report of a whole run, its
rendered output, each article's per-article check stage and the cross-article stage's
state, each a checksummed JSON value under its key.  A mixin of Store, which owns the
connection and turns itself off (`_fail`) on any database error."""
from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator

from pydantic import TypeAdapter

from .models import FileError, Finding, Report

_RUN = TypeAdapter(tuple[Report, list[str]])
# An article's per-article stage: findings (or a failed rule's error) and partition keys, by rule id;
# the problems its analysis found (line, message); whether it holds a factlint-ignore comment.
Checks = tuple[dict[str, list[Finding] | FileError], dict[str, list[tuple[int | None, tuple[str, ...]]]],
               list[tuple[int | None, str]], bool]
_CHECKS = TypeAdapter(Checks)
_KEY_OF = {"run": "key", "corpus": "rules"}  # the key column of the tables of checksummed values


def _checksum(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


class _Damaged(Exception):
    pass


class RunCache:
    db: sqlite3.Connection | None

    def run_report(self, key: str) -> tuple[Report, list[str]] | None:
        """The report (and notes) of an earlier run over exactly the same files, rules and tool."""
        return self._blob("run", "report", key, _RUN)

    def save_run(self, key: str, report: Report, notes: list[str]) -> None:
        self._save_blob("run", key, _RUN.dump_json((report, notes)).decode(), keep=8)  # the last few corpora

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

    def save_rendered(self, key: str, pieces: Iterable[bytes], size: int) -> None:
        """Keep an output of `size` bytes, written into its row as its pieces arrive (never held whole)."""
        if self.db is None:
            return

        def write() -> None:
            at = (self.db.execute("SELECT max(at) FROM rendered").fetchone()[0] or 0) + 1
            rowid = self.db.execute("INSERT OR REPLACE INTO rendered VALUES (?, zeroblob(?), '', ?)", (key, size, at)).lastrowid
            h, written = hashlib.sha256(), 0
            with self.db.blobopen("rendered", "output", rowid) as blob:
                for piece in pieces:
                    blob.write(piece)  # past `size`: ValueError, and the row is rolled back
                    h.update(piece)
                    written += len(piece)
            if written != size:
                raise ValueError(f"a rendered output of {written} bytes, announced as {size}")
            self.db.execute("UPDATE rendered SET checksum = ? WHERE rowid = ?", (h.hexdigest()[:32], rowid))
            self.db.execute("DELETE FROM rendered WHERE at <= ?", (at - 8,))  # the last few corpora and formats

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

    def _save_blob(self, table: str, key: str, body: str, keep: int, then: str | None = None) -> None:
        """Store `body` under `key`, keeping only the `keep` most recent values of the table."""
        if self.db is None:
            return

        def write() -> None:
            at = (self.db.execute(f"SELECT max(at) FROM {table}").fetchone()[0] or 0) + 1
            self.db.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?, ?)", (key, body, _checksum(body), at))
            self.db.execute(f"DELETE FROM {table} WHERE at <= ?", (at - keep,))
            if then:
                self.db.execute(then)

        self._transaction(write)

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

    def save_corpus_state(self, rules: str, state, adapter: TypeAdapter) -> None:
        # a few rule sets (--select); per-article checks of forgotten rule sets go with them
        self._save_blob("corpus", rules, adapter.dump_json(state).decode(), keep=4,
                        then="DELETE FROM checks WHERE rules NOT IN (SELECT rules FROM corpus)")

