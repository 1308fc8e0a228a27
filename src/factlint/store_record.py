"""The last whole run's findings, indexed, so that an edit re-checks and re-prints only what it
touched (check/splice.py).  A mixin of Store, which owns the connection.

The record is of one rule set (`rec_meta` 'rules', the checks key):

  rec_doc      each article it covered: content sha and file stamp
  rec_key      each article's distinct partition keys, by rule (raw: unknown names not unified),
               indexed by key, so the articles of a partition are found without reading the rest
  rec_name     the unknown names of each rule with how many articles hold them, indexed by what
               their unification (check/matching.unify_unknown_names) reads: the word after a
               hyphen and a short last word; rec_initials by the initials of their last words
  rec_finding  each finding of the output: its place in the output's total order (`ord`, bytes
               compared as the findings are sorted), the article whose per-article stage found it
               or '' for the cross-article stage, its rule, severity and JSON text as printed
  rec_fkey     each cross-article finding's partition keys (unknown names unified)

Rows are read by key or by article; only the printing of the whole output reads every finding's
text, and that is copied, not decoded.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from .store_runs import _checksum, _Damaged

SCHEMA = """
CREATE TABLE IF NOT EXISTS rec_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rec_doc (path TEXT PRIMARY KEY, sha TEXT NOT NULL, stamp TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rec_key (rule TEXT NOT NULL, key TEXT NOT NULL, path TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rec_key_key ON rec_key (rule, key);
CREATE INDEX IF NOT EXISTS rec_key_path ON rec_key (path);
CREATE TABLE IF NOT EXISTS rec_name (
    rule TEXT NOT NULL, name TEXT NOT NULL, n INTEGER NOT NULL, ending TEXT, short TEXT, PRIMARY KEY (rule, name)
);
CREATE INDEX IF NOT EXISTS rec_name_ending ON rec_name (rule, ending);
CREATE INDEX IF NOT EXISTS rec_name_short ON rec_name (rule, short);
CREATE TABLE IF NOT EXISTS rec_initials (rule TEXT NOT NULL, initials TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rec_initials_key ON rec_initials (rule, initials);
CREATE TABLE IF NOT EXISTS rec_finding (
    id INTEGER PRIMARY KEY, ord BLOB NOT NULL, origin TEXT NOT NULL, rule TEXT NOT NULL, sev INTEGER NOT NULL,
    text TEXT NOT NULL, checksum TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rec_finding_ord ON rec_finding (ord);
CREATE INDEX IF NOT EXISTS rec_finding_origin ON rec_finding (origin);
CREATE INDEX IF NOT EXISTS rec_finding_sev ON rec_finding (sev);
CREATE TABLE IF NOT EXISTS rec_fkey (fid INTEGER NOT NULL, rule TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rec_fkey_key ON rec_fkey (rule, key);
CREATE INDEX IF NOT EXISTS rec_fkey_fid ON rec_fkey (fid);
"""
TABLES = ("rec_meta", "rec_doc", "rec_key", "rec_name", "rec_initials", "rec_finding", "rec_fkey")


class Delta:
    """What an edit changes in the record, written in one transaction (RecordStore.apply)."""

    def __init__(self) -> None:
        self.docs: dict[str, tuple[str, str] | None] = {}  # path -> (sha, stamp), None: gone
        self.keys: dict[str, list[tuple[str, str]]] = {}  # path -> its (rule, key) rows now
        self.names: dict[tuple[str, str], int] = {}  # (rule, name) -> change in article count
        self.drop: set[int] = set()  # finding ids
        self.add: list[tuple[bytes, str, str, int, str, list[tuple[str, str]]]] = []  # ord, origin, rule, sev, text, keys


class RecordStore:
    db: sqlite3.Connection | None

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        """Rows read by key: every read of an edit but the stamps and the output's texts (tests count them)."""
        return self.db.execute(sql, args).fetchall()

    def record_rules(self) -> str | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT value FROM rec_meta WHERE key = 'rules'").fetchone()
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        return row[0] if row else None

    def record_docs(self) -> dict[str, tuple[str, str]]:
        """path -> (sha, stamp) of every article of the record: the one corpus-wide read (a
        run must compare every file's stamp anyway)."""
        return {p: (s, st) for p, s, st in self.db.execute("SELECT path, sha, stamp FROM rec_doc")}

    def keys_of(self, path: str) -> list[tuple[str, str]]:
        return self._read("SELECT rule, key FROM rec_key WHERE path = ?", (path,))

    def holders(self, rule: str, key: str) -> list[str]:
        return [p for (p,) in self._read("SELECT path FROM rec_key WHERE rule = ? AND key = ?", (rule, key))]

    def names(self, rule: str) -> dict[str, int]:
        return dict(self._read("SELECT name, n FROM rec_name WHERE rule = ?", (rule,)))

    def findings_of(self, origin: str) -> list[int]:
        return [i for (i,) in self._read("SELECT id FROM rec_finding WHERE origin = ?", (origin,))]

    def findings_in(self, rule: str, key: str) -> list[int]:
        return [i for (i,) in self._read("SELECT fid FROM rec_fkey WHERE rule = ? AND key = ?", (rule, key))]

    def finding_keys(self, fid: int) -> list[str]:
        return [k for (k,) in self._read("SELECT key FROM rec_fkey WHERE fid = ?", (fid,))]

    def checks_at(self, path: str, rules: str, content_sha: str):
        """An article's stored per-article stage (store_runs.Checks) for this content, or None."""
        from .store_runs import _CHECKS

        rows = self._read("SELECT body, checksum FROM checks WHERE path = ? AND rules = ? AND sha = ?", (path, rules, content_sha))
        if not rows:
            return None
        if _checksum(rows[0][0]) != rows[0][1]:
            raise _Damaged("stored checks do not match their checksum")
        return _CHECKS.validate_json(rows[0][0])

    def article_sha(self, path: str) -> str | None:
        rows = self._read("SELECT sha FROM article WHERE path = ?", (path,))
        return rows[0][0] if rows else None

    def failing(self, sev: int) -> bool:
        return self.db.execute("SELECT 1 FROM rec_finding WHERE sev >= ? LIMIT 1", (sev,)).fetchone() is not None

    def check_texts(self) -> int:
        """How many findings the record holds, each text checked against its checksum (none kept)."""
        n = 0
        for text, check in self.db.execute("SELECT text, checksum FROM rec_finding"):
            if _checksum(text) != check:
                raise _Damaged("a stored finding does not match its checksum")
            n += 1
        return n

    def texts(self) -> Iterator[str]:
        """Every finding's JSON text, in output order (check_texts has checked them)."""
        for (text,) in self.db.execute("SELECT text FROM rec_finding ORDER BY ord, id"):
            yield text

    def save_record(self, rules: str, docs: Iterable[tuple[str, str, str]], keys: Iterable[tuple[str, str, str]],
                    names: dict[tuple[str, str], int], findings: Iterable[tuple[bytes, str, str, int, str, list]]) -> None:
        """Replace the record: (path, sha, stamp), (rule, key, path), (rule, name) -> count, and
        (ord, origin, rule, severity rank, text, [(rule, key)]) of each finding."""
        if self.db is None:
            return

        def write() -> None:
            for t in TABLES:
                self.db.execute(f"DELETE FROM {t}")
            self.db.executemany("INSERT INTO rec_doc VALUES (?, ?, ?)", docs)
            self.db.executemany("INSERT INTO rec_key VALUES (?, ?, ?)", keys)
            self._names(names)
            self._add(findings)
            self.db.execute("INSERT INTO rec_meta VALUES ('rules', ?)", (rules,))

        self._transaction(write)

    def _has_name(self, rule: str, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM rec_name WHERE rule = ? AND name = ?", (rule, name)).fetchone() is not None

    def _names(self, names: dict[tuple[str, str], int]) -> None:
        from .check.unknown_names import ending, initials, short

        self.db.executemany("INSERT INTO rec_name VALUES (?, ?, ?, ?, ?)",
                            [(r, n, c, ending(n), short(n)) for (r, n), c in sorted(names.items())])
        self.db.executemany("INSERT INTO rec_initials VALUES (?, ?, ?)",
                            [(r, i, n) for (r, n) in sorted(names) for i in initials(n)])

    def _add(self, findings) -> None:
        for ord_, origin, rule, sev, text, fkeys in findings:
            fid = self.db.execute("INSERT INTO rec_finding (ord, origin, rule, sev, text, checksum) VALUES (?, ?, ?, ?, ?, ?)",
                                  (ord_, origin, rule, sev, text, _checksum(text))).lastrowid
            self.db.executemany("INSERT INTO rec_fkey VALUES (?, ?, ?)", [(fid, r, k) for r, k in fkeys])

    def apply(self, delta: Delta) -> bool:
        """Write an edit's changes to the record, all or nothing."""
        if self.db is None:
            return False

        def write() -> None:
            for path, now in delta.docs.items():
                self.db.execute("DELETE FROM rec_doc WHERE path = ?", (path,))
                if now is not None:
                    self.db.execute("INSERT INTO rec_doc VALUES (?, ?, ?)", (path, *now))
            for path, rows in delta.keys.items():
                self.db.execute("DELETE FROM rec_key WHERE path = ?", (path,))
                self.db.executemany("INSERT INTO rec_key VALUES (?, ?, ?)", [(r, k, path) for r, k in rows])
            for (rule, name), dn in sorted(delta.names.items()):
                if dn:
                    self.db.execute("UPDATE rec_name SET n = n + ? WHERE rule = ? AND name = ?", (dn, rule, name))
            gone = self.db.execute("SELECT rule, name FROM rec_name WHERE n <= 0").fetchall()
            self.db.executemany("DELETE FROM rec_name WHERE rule = ? AND name = ?", gone)
            self.db.executemany("DELETE FROM rec_initials WHERE rule = ? AND name = ?", gone)
            self._names({k: dn for k, dn in delta.names.items() if dn > 0 and not self._has_name(*k)})
            self.db.executemany("DELETE FROM rec_finding WHERE id = ?", [(i,) for i in sorted(delta.drop)])
            self.db.executemany("DELETE FROM rec_fkey WHERE fid = ?", [(i,) for i in sorted(delta.drop)])
            self._add(delta.add)

        return self._transaction(write)

    def drop_record(self) -> None:
        """Forget the record (a run that could not keep one): an edit then takes the whole path."""
        if self.db is not None:
            self._transaction(lambda: self.db.execute("DELETE FROM rec_meta"))
