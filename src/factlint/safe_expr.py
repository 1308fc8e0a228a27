"""A small, safe expression language for rule conditions.

Rules may state numeric conditions such as `dau <= mau * 1.0` or
`abs(stated - computed) <= 0.5`.  Expressions are parsed with `ast` and
evaluated by walking a whitelist of node types: no attribute access, no
calls except a few pure functions, no names except the variables given.
"""
from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping

_BIN = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv, ast.Mod: operator.mod}
_CMP = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Eq: operator.eq, ast.NotEq: operator.ne}
_FUNCS: dict[str, Callable[..., float]] = {
    "abs": abs, "min": lambda *a: min(a), "max": lambda *a: max(a), "log10": math.log10, "round": round,
}
# (fewest, most) arguments each function takes; checked when the expression is compiled.
_ARITY = {"abs": (1, 1), "min": (1, 16), "max": (1, 16), "log10": (1, 1), "round": (1, 2)}
MAX_LENGTH = 500


class ExprError(ValueError):
    pass


def compile_expr(source: str) -> Callable[[Mapping[str, float]], float | bool]:
    if len(source) > MAX_LENGTH:
        raise ExprError(f"expression longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"invalid expression {source!r}: {exc.msg}") from exc
    except (ValueError, RecursionError, MemoryError) as exc:  # NUL bytes, nesting too deep for the parser
        raise ExprError(f"invalid expression: {type(exc).__name__}") from exc
    _check(tree.body)
    return lambda env: evaluate(tree.body, env)


def evaluate(node: ast.AST, env: Mapping[str, float]) -> float | bool:
    """Evaluate a checked expression; arithmetic that fails on these values
    (log10(0), 1 / 0, a result too large) is an ExprError naming the expression."""
    try:
        result = _eval(node, env)
    except ExprError:
        raise
    except (ArithmeticError, ValueError, TypeError, RecursionError) as exc:
        raise ExprError(f"'{ast.unparse(node)}' cannot be evaluated here ({exc or type(exc).__name__})") from exc
    if isinstance(result, float) and not math.isfinite(result):
        raise ExprError(f"'{ast.unparse(node)}' is not a finite number here")
    return result


def names(source: str) -> set[str]:
    compile_expr(source)
    return {n.id for n in ast.walk(ast.parse(source, mode="eval")) if isinstance(n, ast.Name) and n.id not in _FUNCS}


def _check(node: ast.AST) -> None:
    if isinstance(node, ast.Constant):
        if not isinstance(node.value, int | float) or isinstance(node.value, bool):
            raise ExprError(f"only numbers are allowed as constants, not {node.value!r}")
    elif isinstance(node, ast.Name):
        pass
    elif isinstance(node, ast.BinOp) and type(node.op) in _BIN:
        _check(node.left)
        _check(node.right)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd | ast.Not):
        _check(node.operand)
    elif isinstance(node, ast.BoolOp):
        for v in node.values:
            _check(v)
    elif isinstance(node, ast.Compare) and all(type(o) in _CMP for o in node.ops):
        _check(node.left)
        for c in node.comparators:
            _check(c)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCS and not node.keywords:
        fewest, most = _ARITY[node.func.id]
        if not fewest <= len(node.args) <= most or any(isinstance(a, ast.Starred) for a in node.args):
            raise ExprError(f"{node.func.id}() takes {fewest}{'' if fewest == most else f' to {most}'} argument(s), "
                            f"not {len(node.args)}: '{ast.unparse(node)}'")
        for a in node.args:
            _check(a)
    else:
        raise ExprError(f"'{ast.unparse(node)}' is not allowed in a rule expression")


def _eval(node: ast.AST, env: Mapping[str, float]) -> float | bool:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in env:
            raise ExprError(f"unknown name '{node.id}' (known: {', '.join(sorted(env))})")
        return env[node.id]
    if isinstance(node, ast.BinOp):
        return _BIN[type(node.op)](_eval(node.left, env), _eval(node.right, env))
    if isinstance(node, ast.UnaryOp):
        v = _eval(node.operand, env)
        return -v if isinstance(node.op, ast.USub) else (+v if isinstance(node.op, ast.UAdd) else not v)
    if isinstance(node, ast.BoolOp):
        vals = (_eval(v, env) for v in node.values)
        return all(vals) if isinstance(node.op, ast.And) else any(vals)
    if isinstance(node, ast.Compare):
        left = _eval(node.left, env)
        for op, comp in zip(node.ops, node.comparators):
            right = _eval(comp, env)
            if not _CMP[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Call):
        return _FUNCS[node.func.id](*(_eval(a, env) for a in node.args))  # type: ignore[union-attr]
    raise ExprError(f"cannot evaluate {ast.unparse(node)}")
