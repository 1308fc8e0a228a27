"""How far apart two figures are when one is the other misreported.

A typo, a transposed digit, a stale or rounded value, or a scale slip (a power of ten) leaves
two figures of one fact close, or a power of ten apart; figures several times apart are more
often two facts read as one (a product's revenue and its maker's, a quarter and a year).
"""
from __future__ import annotations

import math


def misreport_apart(a, b) -> bool:
    """Whether two figures are as far apart as one figure misreported is: a typo, a transposed
    digit, a stale or rounded value (within SLIP_RATIO), or a scale slip (a power of ten).  Two
    figures several times apart are more likely two facts read as one (a product's revenue and
    its maker's, a quarter and a year) than a contradiction: held back."""
    if a.high <= 0 or b.low <= 0 or not (math.isfinite(a.high) and math.isfinite(b.low)):
        return True  # signs or open bounds: the ratio says nothing
    r = b.low / a.high
    if r <= SLIP_RATIO:
        return True
    k = round(math.log10(r))
    return k >= 1 and abs(r / 10**k - 1) <= 0.05


SLIP_RATIO = 1.6


def typo(a, b) -> bool:
    """Two written figures one typing slip apart: within NEAR of each other, or the same digits
    in another order or with one digit changed ("289,000" and "298,000", "491.5" and "419.5"), of
    three significant digits or more ("200,000" and "240,000" are round figures of two facts)."""
    if a.value is None or b.value is None or a.value <= 0 or b.value <= 0:
        return False
    if max(a.value, b.value) / min(a.value, b.value) <= NEAR:
        return True
    x, y = significant_digits(a.text), significant_digits(b.text)
    if len(x) != len(y) or len(x) < 3:
        return False  # ("31%" and "36%" are as likely two facts as one slip)
    return sorted(x) == sorted(y) or sum(p != q for p, q in zip(x, y)) == 1


def significant_digits(text: str) -> str:
    """The significant digits as written: "240,000" is 24, "1.05" is 105."""
    return "".join(ch for ch in text if ch.isdigit()).strip("0")


NEAR = 1.1
