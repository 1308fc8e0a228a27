import pytest
from hypothesis import given, strategies as st

from factlint.safe_expr import ExprError, compile_expr


@pytest.mark.parametrize(
    "expr,env,want",
    [
        ("dau <= mau", {"dau": 50, "mau": 114}, True),
        ("dau <= mau", {"dau": 150, "mau": 114}, False),
        ("abs(a - b) <= 0.5", {"a": 1.2, "b": 1.0}, True),
        ("low <= high and high <= 2 * low", {"low": 2, "high": 3}, True),
        ("not (x > 1)", {"x": 0}, True),
        ("min(a, b) * 10 >= max(a, b)", {"a": 1, "b": 9}, True),
        ("0 < x < 1", {"x": 1}, False),
    ],
)
def test_evaluates(expr, env, want):
    assert compile_expr(expr)(env) == want


@pytest.mark.parametrize(
    "expr",
    ["__import__('os')", "a.__class__", "open('x')", "[x for x in y]", "lambda: 1", "'text'", "a if b else c", "x ** 2", "f(x)"],
)
def test_rejects_anything_but_arithmetic(expr):
    with pytest.raises(ExprError):
        compile_expr(expr)


def test_unknown_name_is_reported():
    with pytest.raises(ExprError, match="unknown name 'mau'"):
        compile_expr("dau <= mau")({"dau": 1})


@given(st.text(max_size=200))
def test_arbitrary_text_never_escapes(source):
    try:
        fn = compile_expr(source)
    except ExprError:
        return
    try:
        fn({})
    except (ExprError, ZeroDivisionError, TypeError, OverflowError, ValueError):
        pass
