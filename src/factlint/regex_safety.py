"""Reject user regular expressions that can backtrack catastrophically.

Python's `re` backtracks, so `(a+)+$` takes exponential time on "aaaa...b".
No linear-time engine ships with the standard library, so lexicon `frames`
are checked when they are loaded instead: a pattern is refused when

  * an unbounded repeat (`*`, `+`, `{n,}`) contains another repeat, an
    alternation or an optional part: the ways to split the text multiply;
  * a bounded repeat of more than MAX_OUTER contains another repeat
    (`(?:\\S+\\s){0,5}` is fine: at most 5 pieces of a 60-character window);
  * repeats nest more than two deep;
  * it has more than MAX_UNBOUNDED unbounded repeats in all (`a*a*a*a*a*$`
    is polynomial of that degree);
  * it uses a backreference (`(a)\\1`), which no bound on repeats can tame.

The check is on the parsed pattern, so it cannot be fooled by spelling.
"""
from __future__ import annotations

try:  # the parser moved in 3.11; both names exist there
    from re import _constants as _c, _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

MAX_OUTER = 5
MAX_UNBOUNDED = 4
MAX_LENGTH = 500
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}


class UnsafePattern(ValueError):
    pass


def check(pattern: str) -> None:
    """Raise UnsafePattern (or re.error) unless `pattern` runs in bounded time per position."""
    if len(pattern) > MAX_LENGTH:
        raise UnsafePattern(f"longer than {MAX_LENGTH} characters")
    try:
        parsed = _p.parse(pattern)
    except RecursionError as exc:
        raise UnsafePattern("nested too deeply") from exc
    _walk(list(parsed), depth=0, inside_unbounded=False)
    if _count_unbounded(list(parsed)) > MAX_UNBOUNDED:
        raise UnsafePattern(f"more than {MAX_UNBOUNDED} unbounded repeats")


def _walk(items: list, depth: int, inside_unbounded: bool) -> None:
    for op, av in items:
        if op in (_c.GROUPREF, getattr(_c, "GROUPREF_EXISTS", None)):
            raise UnsafePattern("backreferences are not allowed")
        if op in _REPEATS:
            lo, hi, body = av
            if hi <= 1:  # `?` or {0,1}: optional, not repeated
                if inside_unbounded:
                    raise UnsafePattern("an optional part inside an unbounded repeat")
                _walk(list(body), depth, inside_unbounded)
                continue
            if inside_unbounded:
                raise UnsafePattern("a repeat inside an unbounded repeat, as in (a+)+")
            if depth >= 2:
                raise UnsafePattern("repeats nested more than two deep")
            unbounded = hi == _c.MAXREPEAT
            if not unbounded and hi > MAX_OUTER and _has_repeat(list(body)):
                raise UnsafePattern(f"a repeat inside a repeat of more than {MAX_OUTER}")
            _walk(list(body), depth + 1, unbounded)
        elif op == _c.BRANCH:
            if inside_unbounded:
                raise UnsafePattern("an alternation inside an unbounded repeat, as in (a|a)*")
            for alt in av[1]:
                _walk(list(alt), depth, inside_unbounded)
        elif op == _c.SUBPATTERN:
            _walk(list(av[-1]), depth, inside_unbounded)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            _walk(list(av[1]), depth, inside_unbounded)
        elif op == getattr(_c, "ATOMIC_GROUP", None):
            _walk(list(av), depth, inside_unbounded)


def _has_repeat(items: list) -> bool:
    for op, av in items:
        if op in _REPEATS and av[1] > 1:
            return True
        if op == _c.SUBPATTERN and _has_repeat(list(av[-1])):
            return True
        if op == _c.BRANCH and any(_has_repeat(list(a)) for a in av[1]):
            return True
    return False


def _count_unbounded(items: list) -> int:
    n = 0
    for op, av in items:
        if op in _REPEATS:
            n += (av[1] == _c.MAXREPEAT) + _count_unbounded(list(av[2]))
        elif op == _c.SUBPATTERN:
            n += _count_unbounded(list(av[-1]))
        elif op == _c.BRANCH:
            n += sum(_count_unbounded(list(a)) for a in av[1])
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            n += _count_unbounded(list(av[1]))
    return n

