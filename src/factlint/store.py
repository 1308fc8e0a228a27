"""The claim store: a SQLite cache of what factlint read from each article.

One row per article path: its file stamp (size, mtime, ctime, inode), the
sha256 of its content, the digest of the rules and lexicons plus the
factlint version, and the Document, mentions and claims read from it; a
second table indexes the (entity, metric) keys of its claims.  So:

  * an article whose stamp is unchanged is not re-read; one whose stamp
    changed (a fresh checkout, `touch`) is read and hashed, and re-extracted
    only when its content changed.  The ctime in the stamp changes on every
    write and cannot be set back, so an edit that keeps size and mtime is
    still seen;
  * checking one new article against a large corpus loads only the articles
    that share an entity and metric with it (`keyed`);
  * re-checking an unchanged corpus returns the earlier run's report (`run`), or
    the earlier run's printed output itself (`rendered`; store_runs.py).

The store only skips work, never changes results: opening it walks every
page (`PRAGMA quick_check`), every row carries a checksum verified on load,
and any SQLite or file-system error (read-only,
disk full, a corrupt page) turns the store off for the rest of the run
(`failed` says why) so the run goes on without it.

It writes only inside its own folder (store_folder.py), marked with a CACHEDIR.TAG and a
.gitignore, and refuses any other place (`store = "notes.txt"` must never
replace the user's notes).  Inside its own folder a file that is not a
factlint store, is corrupt or has another format is discarded and rebuilt.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter

from . import __version__
from .models import Claim, Document, Mention
from .store_folder import StoreRefused, claim_folder  # noqa: F401  (StoreRefused: part of this interface)
from .store_record import SCHEMA as _RECORD_SCHEMA, TABLES as _RECORD_TABLES, RecordStore
from .store_runs import RunCache, _checksum, _Damaged

FORMAT = 8  # 7: the indexed record of the last run (store_record.py); 8: run values last, written in pieces
_SUFFIXES = ("", "-wal", "-shm", "-journal", ".corrupt")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS article (
    path TEXT PRIMARY KEY, stamp TEXT NOT NULL, sha TEXT NOT NULL, kb TEXT NOT NULL,
    doc TEXT NOT NULL, mentions TEXT NOT NULL, claims TEXT NOT NULL, checksum TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS claim_key (path TEXT NOT NULL, entity TEXT NOT NULL, metric TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claim_key_em ON claim_key (entity, metric);
CREATE INDEX IF NOT EXISTS claim_key_path ON claim_key (path);
-- The run tables' large values last: a zeroblob of their size is inserted without being filled in memory (store_runs.py).
CREATE TABLE IF NOT EXISTS run (key TEXT PRIMARY KEY, checksum TEXT NOT NULL, at INTEGER NOT NULL, report BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS checks (
    path TEXT NOT NULL, rules TEXT NOT NULL, sha TEXT NOT NULL, body TEXT NOT NULL, checksum TEXT NOT NULL,
    PRIMARY KEY (path, rules)
);
CREATE TABLE IF NOT EXISTS corpus (rules TEXT PRIMARY KEY, checksum TEXT NOT NULL, at INTEGER NOT NULL, state BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS rendered (key TEXT PRIMARY KEY, checksum TEXT NOT NULL, at INTEGER NOT NULL, output BLOB NOT NULL);
""" + _RECORD_SCHEMA
# Validation in pydantic-core straight from JSON: several times faster than json.loads + model_validate.
_DOC = TypeAdapter(Document)
_MENTIONS = TypeAdapter(list[Mention])
_CLAIMS = TypeAdapter(list[Claim])


@dataclass(frozen=True)
class Encoded:
    """An article's mentions and claims as the store keeps them, with its claims' (entity, metric)
    keys: made where the article was analysed (a worker), so the process that stores it neither
    decodes nor encodes them (put_many takes it in place of the mentions, with no claims)."""

    mentions: str
    claims: str
    keys: list[tuple[str, str]]


def encode(mentions: list[Mention], claims: list[Claim]) -> Encoded:
    return Encoded(_MENTIONS.dump_json(mentions).decode(), _CLAIMS.dump_json(claims).decode(),
                   sorted({(x.entity, x.metric) for x in claims if x.entity and x.metric}))


def sha(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def stamp(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


class Store(RunCache, RecordStore):
    def __init__(self, path: Path):
        self.path = Path(path)
        self.hits = self.misses = 0
        self.rebuilt: str | None = None  # why the file was discarded, if it was
        self.failed: str | None = None  # why the store was turned off mid-run, if it was
        self._rows: dict[str, tuple[str, str, str]] | None = None  # path -> (stamp, kb, sha)
        claim_folder(self.path.parent, self.path.name)
        if self.path.is_symlink() or (self.path.exists() and not self.path.is_file()):
            raise StoreRefused(f"{self.path} is not a file factlint made")
        self.db: sqlite3.Connection | None = self._open()

    @classmethod
    def reader(cls, path: str | Path) -> Store:
        """A second connection to a store this run opened (and checked) already, for reading
        articles in a worker process."""
        self = cls.__new__(cls)
        self.path, self.hits, self.misses, self.rebuilt, self.failed, self._rows = Path(path), 0, 0, None, None, None
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        return self

    # --- opening -------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        db = None
        marker = Path(str(self.path) + ".corrupt")  # left by a run that met a damaged page
        try:
            if marker.exists():
                raise _Stale("found damaged in an earlier run")
            db = self._connect()
            tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "meta" not in tables:
                raise _Stale("not a factlint store")
            try:
                row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            except sqlite3.OperationalError as exc:
                if "no such" in str(exc):
                    raise _Stale("not a factlint store") from exc
                raise
            if row is None or row[0] != f"factlint-{FORMAT}":  # an older factlint's store says which
                raise _Stale(f"format {row[0] if row else 'missing'}")
            if not {"article", "claim_key", "run", "checks", "corpus", "rendered", *_RECORD_TABLES} <= tables:
                raise _Stale("not a factlint store")
            try:  # LIMIT 0: the columns are checked when the query is prepared; LIMIT 1 read a
                # stored report, state and output whole (700 MB at 50,000 articles) on every open
                db.execute("SELECT path, stamp, sha, kb, doc, mentions, claims, checksum FROM article LIMIT 0").fetchall()
                db.execute("SELECT path, entity, metric FROM claim_key LIMIT 0").fetchall()
                db.execute("SELECT key, report, checksum, at FROM run LIMIT 0").fetchall()
                db.execute("SELECT path, rules, sha, body, checksum FROM checks LIMIT 0").fetchall()
                db.execute("SELECT rules, state, checksum, at FROM corpus LIMIT 0").fetchall()
                db.execute("SELECT key, output, checksum, at FROM rendered LIMIT 0").fetchall()
                db.execute("SELECT id, ord, origin, rule, sev, text, checksum FROM rec_finding LIMIT 0").fetchall()
            except sqlite3.OperationalError as exc:
                if "no such" in str(exc):
                    raise _Stale(str(exc)) from exc
                raise
            # A damaged page anywhere in the file (a torn copy, a bad restore), found now rather than
            # at the first row that crosses it: the b-trees and overflow chains are walked, not the
            # row contents (their checksums cover those).  About 5 ms per 10 MB of store.
            problem = db.execute("PRAGMA quick_check(1)").fetchone()
            if problem is None or problem[0] != "ok":
                raise _Stale("damaged: " + (problem[0] if problem else "no integrity result").splitlines()[-1])
            return db
        except (sqlite3.DatabaseError, _Stale) as exc:
            if isinstance(exc, sqlite3.OperationalError):
                raise  # read-only, locked, full: not damage, and not ours to delete
            self.rebuilt = str(exc) or type(exc).__name__
            if db is not None:
                db.close()
            # Only files in our own folder, named for the store, are removed.
            for suffix in _SUFFIXES:
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA busy_timeout = 30000")
        if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            db.executescript(_SCHEMA)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (f"factlint-{FORMAT}",))
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # WAL keeps it consistent; a crash may lose only the last commit
        return db

    def _fail(self, exc: BaseException) -> None:
        """Turn the store off for this run; a damaged file is rebuilt by the next one."""
        self.failed = f"{type(exc).__name__}: {exc}"
        if type(exc) is sqlite3.DatabaseError or isinstance(exc, _Damaged | ValueError):
            try:
                Path(str(self.path) + ".corrupt").write_text("damaged\n", encoding="utf-8")
            except OSError:
                pass
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
        self.db = None

    # --- reading -------------------------------------------------------------

    @staticmethod
    def version(kb_digest: str) -> str:
        return f"{kb_digest}:{__version__}"

    def _index(self) -> dict[str, tuple[str, str, str]]:
        if self._rows is None:  # one query for the whole corpus, not one per file
            self._rows = {}
            if self.db is not None:
                try:
                    self._rows = {p: (st, k, s) for p, st, k, s in self.db.execute("SELECT path, stamp, kb, sha FROM article")}
                except sqlite3.Error as exc:
                    self._fail(exc)
        return self._rows

    def fresh(self, path: str, file_stamp: str, kb_digest: str) -> bool:
        """Is the stored reading of `path` current, judged by its file stamp alone?"""
        row = self._index().get(path)
        return row is not None and row[0] == file_stamp and row[1] == self.version(kb_digest)

    def same_content(self, path: str, content_sha: str, kb_digest: str) -> bool:
        row = self._index().get(path)
        return row is not None and row[2] == content_sha and row[1] == self.version(kb_digest)

    def content_sha(self, path: str) -> str | None:
        row = self._index().get(path)
        return row[2] if row else None

    def load(self, path: str) -> tuple[Document, list[Mention], list[Claim]] | None:
        return self._row("SELECT doc, mentions, claims, checksum FROM article WHERE path = ?", (path,))

    def get(self, doc: Document, kb_digest: str) -> tuple[list[Mention], list[Claim]] | None:
        """The stored reading of this exact content, if any."""
        found = self._row("SELECT doc, mentions, claims, checksum FROM article WHERE path = ? AND sha = ? AND kb = ?",
                          (doc.path, sha(doc.raw), self.version(kb_digest)))
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        return found[1], found[2]

    def _row(self, sql: str, args: tuple) -> tuple[Document, list[Mention], list[Claim]] | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute(sql, args).fetchone()
            if row is None:
                return None
            if _checksum(row[0], row[1], row[2]) != row[3]:
                raise _Damaged("a stored row does not match its checksum")
            return _DOC.validate_json(row[0]), _MENTIONS.validate_json(row[1]), _CLAIMS.validate_json(row[2])
        except (sqlite3.Error, _Damaged, ValueError) as exc:
            self._fail(exc)
            return None

    def keyed(self, keys: Iterable[tuple[str, str]], among: set[str]) -> set[str] | None:
        """Paths (limited to `among`) with a claim on any of these (entity, metric) keys;
        None when the store failed and every one must be read."""
        out: set[str] = set()
        if self.db is None:
            return None
        try:
            for entity, metric in sorted(set(keys)):
                for (path,) in self.db.execute("SELECT DISTINCT path FROM claim_key WHERE entity = ? AND metric = ?", (entity, metric)):
                    if path in among:
                        out.add(path)
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        return out

    # --- writing -------------------------------------------------------------

    def put(self, doc: Document, kb_digest: str, mentions: list[Mention], claims: list[Claim], file_stamp: str = "") -> None:
        self.put_many([(doc, mentions, claims, file_stamp)], kb_digest)

    def put_many(self, items: list[tuple[Document, list[Mention] | Encoded, list[Claim] | None, str]], kb_digest: str) -> None:
        """Store readings, all in one transaction (one fsync, not one per article),
        encoded a batch at a time so the JSON of a whole corpus is never held at once."""
        if self.db is None or not items:
            return
        version = self.version(kb_digest)
        written: list[tuple[str, str, str]] = []

        def write() -> None:
            for i in range(0, len(items), 256):
                rows, keys = [], []
                for doc, mentions, claims, file_stamp in items[i : i + 256]:
                    enc = mentions if isinstance(mentions, Encoded) else encode(mentions, claims)
                    d, m, c = _DOC.dump_json(doc).decode(), enc.mentions, enc.claims
                    rows.append((doc.path, file_stamp, sha(doc.raw), version, d, m, c, _checksum(d, m, c)))
                    keys += [(doc.path, e, k) for e, k in enc.keys]
                # One row per path: an edited article replaces its old reading.
                self.db.executemany("INSERT OR REPLACE INTO article VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
                self.db.executemany("DELETE FROM claim_key WHERE path = ?", [(r[0],) for r in rows])
                self.db.executemany("INSERT INTO claim_key VALUES (?, ?, ?)", keys)
                written.extend((r[0], r[1], r[2]) for r in rows)

        if not self._transaction(write):
            return
        index = self._index()
        for path, file_stamp, content in written:
            index[path] = (file_stamp, version, content)

    def touch_many(self, stamps: list[tuple[str, str]]) -> None:
        """Same content, new file stamps (a fresh checkout): remember them, in one
        transaction, patching the in-memory index rather than reloading it."""
        if self.db is None or not stamps:
            return
        if not self._transaction(lambda: self.db.executemany("UPDATE article SET stamp = ? WHERE path = ?",
                                                            [(s, p) for p, s in stamps])):
            return
        index = self._index()
        for p, s in stamps:
            if p in index:
                index[p] = (s, *index[p][1:])

    def touch(self, path: str, file_stamp: str) -> None:
        self.touch_many([(path, file_stamp)])

    def close(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            self.db = None


class _Stale(Exception):
    pass


