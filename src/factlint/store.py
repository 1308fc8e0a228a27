"""The claim store: a SQLite cache of what factlint read from each article.

One row per article path: its size, mtime and sha256, the digest of the
rules and lexicons plus the factlint version, and the Document, mentions and
claims read from it; a second table indexes the (entity, metric) keys of its
claims.  So:

  * an unchanged article (same size and mtime, or same content hash) is
    never re-read or re-extracted; any change to it, the rules or the tool
    misses the cache;
  * checking one new article against a large corpus loads only the articles
    that share an entity and metric with it (`keyed`);
  * re-checking an unchanged corpus returns the earlier run's report (`run`),
    keyed by every file's path, size and mtime plus the rules and version.

Robustness: SQLite's journal makes every write atomic (a run killed with
kill -9 leaves the previous state); WAL mode and a busy timeout let
concurrent runs share it; a file that is not a factlint store, is corrupt
or has another format version is discarded and rebuilt, never trusted.
It is only a cache: deleting it loses nothing.
"""
from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from pydantic import TypeAdapter

from . import __version__
from .models import Claim, Document, Mention, Report

FORMAT = 3
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS article (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL, sha TEXT NOT NULL, kb TEXT NOT NULL,
    doc TEXT NOT NULL, mentions TEXT NOT NULL, claims TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS claim_key (path TEXT NOT NULL, entity TEXT NOT NULL, metric TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claim_key_em ON claim_key (entity, metric);
CREATE INDEX IF NOT EXISTS claim_key_path ON claim_key (path);
CREATE TABLE IF NOT EXISTS run (key TEXT PRIMARY KEY, report TEXT NOT NULL, at INTEGER NOT NULL);
"""
# Validation in pydantic-core straight from JSON: several times faster than json.loads + model_validate.
_DOC = TypeAdapter(Document)
_MENTIONS = TypeAdapter(list[Mention])
_CLAIMS = TypeAdapter(list[Claim])


def sha(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.hits = self.misses = 0
        self.rebuilt: str | None = None  # why the file was discarded, if it was
        self._stamps: dict[str, tuple] | None = None
        self.db = self._open()

    # --- opening -------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = None
        try:
            db = self._connect()
            row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            if row is None or row[0] != f"factlint-{FORMAT}":
                raise _Stale(f"format {row[0] if row else 'missing'}")
            db.execute("SELECT path, size, mtime, sha, kb, doc, mentions, claims FROM article LIMIT 1").fetchall()
            db.execute("SELECT path, entity, metric FROM claim_key LIMIT 1").fetchall()
            db.execute("SELECT key, report, at FROM run LIMIT 1").fetchall()
            return db
        except (sqlite3.DatabaseError, _Stale) as exc:
            self.rebuilt = str(exc) or type(exc).__name__
            if db is not None:
                db.close()
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA busy_timeout = 30000")
        if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            db.executescript(_SCHEMA)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (f"factlint-{FORMAT}",))
        db.execute("PRAGMA journal_mode = WAL")
        return db

    # --- reading -------------------------------------------------------------

    @staticmethod
    def version(kb_digest: str) -> str:
        return f"{kb_digest}:{__version__}"

    def fresh(self, path: str, size: int, mtime: int, kb_digest: str) -> bool:
        """Is the stored reading of `path` current, judged by size and mtime alone?"""
        if self._stamps is None:  # one query for the whole corpus, not one per file
            self._stamps = {p: (s, m, k) for p, s, m, k in self.db.execute("SELECT path, size, mtime, kb FROM article")}
        return self._stamps.get(path) == (size, mtime, self.version(kb_digest))

    def load(self, path: str) -> tuple[Document, list[Mention], list[Claim]] | None:
        row = self.db.execute("SELECT doc, mentions, claims FROM article WHERE path = ?", (path,)).fetchone()
        return self._decode(row)

    def get(self, doc: Document, kb_digest: str) -> tuple[list[Mention], list[Claim]] | None:
        """The stored reading of this exact content, if any."""
        row = self.db.execute(
            "SELECT doc, mentions, claims FROM article WHERE path = ? AND sha = ? AND kb = ?",
            (doc.path, sha(doc.raw), self.version(kb_digest)),
        ).fetchone()
        found = self._decode(row)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        return found[1], found[2]

    def _decode(self, row) -> tuple[Document, list[Mention], list[Claim]] | None:
        if row is None:
            return None
        try:
            return _DOC.validate_json(row[0]), _MENTIONS.validate_json(row[1]), _CLAIMS.validate_json(row[2])
        except ValueError:
            return None  # a damaged row is a miss, and gets overwritten

    def keyed(self, keys: Iterable[tuple[str, str]], among: set[str]) -> set[str]:
        """Paths (limited to `among`) with a claim on any of these (entity, metric) keys."""
        out: set[str] = set()
        for entity, metric in set(keys):
            for (path,) in self.db.execute("SELECT DISTINCT path FROM claim_key WHERE entity = ? AND metric = ?", (entity, metric)):
                if path in among:
                    out.add(path)
        return out

    # --- writing -------------------------------------------------------------

    def put(self, doc: Document, kb_digest: str, mentions: list[Mention], claims: list[Claim], size: int = -1, mtime: int = -1) -> None:
        keys = sorted({(c.entity, c.metric) for c in claims if c.entity and c.metric})
        row = (doc.path, size, mtime, sha(doc.raw), self.version(kb_digest), _DOC.dump_json(doc).decode(),
               _MENTIONS.dump_json(mentions).decode(), _CLAIMS.dump_json(claims).decode())
        self.db.execute("BEGIN IMMEDIATE")
        try:
            # One row per path: an edited article replaces its old reading.
            self.db.execute("INSERT OR REPLACE INTO article VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
            self.db.execute("DELETE FROM claim_key WHERE path = ?", (doc.path,))
            self.db.executemany("INSERT INTO claim_key VALUES (?, ?, ?)", [(doc.path, e, m) for e, m in keys])
            self.db.execute("COMMIT")
            if self._stamps is not None:
                self._stamps[doc.path] = (size, mtime, row[4])
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def run_report(self, key: str) -> Report | None:
        """The report of an earlier run over exactly the same files, rules and tool."""
        row = self.db.execute("SELECT report FROM run WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return Report.model_validate_json(row[0])
        except ValueError:
            return None

    def save_run(self, key: str, report: Report) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            at = (self.db.execute("SELECT max(at) FROM run").fetchone()[0] or 0) + 1
            self.db.execute("INSERT OR REPLACE INTO run VALUES (?, ?, ?)", (key, report.model_dump_json(), at))
            self.db.execute("DELETE FROM run WHERE at <= ?", (at - 8,))  # keep the last few corpora
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def touch(self, path: str, size: int, mtime: int) -> None:
        """Same content, new file times (a fresh checkout): remember them."""
        self.db.execute("UPDATE article SET size = ?, mtime = ? WHERE path = ?", (size, mtime, path))
        self._stamps = None

    def close(self) -> None:
        self.db.close()


class _Stale(Exception):
    pass
