"""check/matching.unify_unknown_names one name at a time, over the record's index of names
(store_record.py), before and after an edit: an edit reads the names its own names bear on,
not every unknown name of the corpus.

A name's target depends only on the names whose word after a hyphen is that name, and on the
names with an initials of their last words equal to its short last word; a name added or
removed changes the target of those names alone (and its own).  The tests check this against
unify_unknown_names itself.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .matching import INITIALS

if TYPE_CHECKING:
    from ..store import Store


def ending(name: str) -> str | None:
    """The word after the last hyphen, for a name that has one ("~a.p. moller-maersk": maersk)."""
    head, sep, last = name[1:].rpartition("-")
    return last if sep and head and " " not in last else None


def initials(name: str) -> list[str]:
    """Initials of each run of last words, of two words or more ("~eu emissions trading system": eets, ets)."""
    words = name[1:].split()
    return ["".join(w[0] for w in words[k:]) for k in range(len(words) - 1)] if len(words) >= 2 else []


def short(name: str) -> str | None:
    """The last word, where a name of one or two words may be initials ("~eu ets": ets)."""
    words = name[1:].split()
    ok = words and INITIALS[0] <= len(words[-1]) <= INITIALS[1] and words[-1].isalpha() and len(words) <= 2
    return words[-1] if ok else None


class Names:
    """The unification of one rule's unknown names as the record had it (`was`) and with the
    edit's change in how many articles hold each name (`change`), as mappings like
    unify_unknown_names' (get(name, name))."""

    def __init__(self, store: Store, rule: str, change: dict[str, int]):
        self.store, self.rule, self.change = store, rule, change
        self.counts: dict[str, int] = {}

    def _count(self, name: str) -> int:
        if name not in self.counts:
            rows = self.store._read("SELECT n FROM rec_name WHERE rule = ? AND name = ?", (self.rule, name))
            self.counts[name] = rows[0][0] if rows else 0
        return self.counts[name]

    def present(self, name: str, after: bool) -> bool:
        return self._count(name) + (self.change.get(name, 0) if after else 0) > 0

    def _with(self, column: str, value: str, after: bool) -> set[str]:
        """Names (present before, or after the edit) whose `column` is `value`."""
        if column == "initials":
            rows = self.store._read("SELECT name FROM rec_initials WHERE rule = ? AND initials = ?", (self.rule, value))
            added = {n for n in self.change if value in initials(n)}
        else:
            rows = self.store._read(f"SELECT name FROM rec_name WHERE rule = ? AND {column} = ?", (self.rule, value))
            added = {n for n in self.change if (ending(n) if column == "ending" else short(n)) == value}
        return {n for n in {r[0] for r in rows} | added if self.present(n, after)}

    def target(self, name: str, after: bool) -> str:
        if len(name) > 5 and " " not in name:
            longer = self._with("ending", name[1:], after)
            if len(longer) == 1:
                return next(iter(longer))
        s = short(name)
        if s is not None:
            candidates = self._with("initials", s, after)
            if candidates:
                return min(candidates)  # every candidate counts once: unify_unknown_names' tie-break
        return name

    def moved(self) -> set[tuple[str, str, str]]:
        """(name, target before, target after) of every name whose target the edit changes."""
        out = set()
        bearing = set(self.change)
        for d in self.change:
            if ending(d):
                bearing.add("~" + ending(d))
            for i in initials(d):
                bearing |= self._with("short", i, False) | self._with("short", i, True)
        for n in sorted(bearing):
            old = self.target(n, False) if self.present(n, False) else n
            new = self.target(n, True) if self.present(n, True) else n
            if old != new:
                out.add((n, old, new))
        return out

    def into(self, target: str) -> set[str]:
        """The names that map to `target` after the edit (itself included, when it maps to itself)."""
        candidates = {target}
        if ending(target):
            candidates.add("~" + ending(target))
        for i in initials(target):
            candidates |= self._with("short", i, True)
        return {n for n in candidates if self.present(n, True) and self.target(n, True) == target}


class Mapping:
    """One side of Names as the dict check/incremental and partitions.mapped read (get)."""

    def __init__(self, names: Names, after: bool):
        self.names, self.after, self.memo = names, after, {}

    def get(self, name: str, default: str | None = None) -> str:
        if name not in self.memo:
            ok = name.startswith("~") and self.names.present(name, self.after)
            self.memo[name] = self.names.target(name, self.after) if ok else name
        return self.memo[name]
