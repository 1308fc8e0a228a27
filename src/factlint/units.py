"""Physical and rate units, through pint: '5 GB' and '5,000 MB', '7 years' and
'84 months' become comparable by converting to base units.  The registry is
loaded on first use (about a quarter of a second), so runs without physical
quantities never pay for it; every lookup is cached, so a word costs pint's
parser once per run."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _registry():
    import pint

    reg = pint.UnitRegistry()
    # News units pint lacks: megapixels count sensor cells.
    reg.define("pixel = [pixel] = px")
    reg.define("megapixel = 1e6 * pixel = MP")
    return reg


@lru_cache(maxsize=512)
def to_base(unit: str) -> tuple[float, str] | None:
    """(factor, base unit) such that value * factor is in the base unit; None if pint does not know it."""
    try:
        q = _registry().Quantity(1.0, unit).to_base_units()
    except Exception:  # noqa: BLE001 - pint raises many types for unknown or malformed units
        return None
    return float(q.magnitude), str(q.units)


@lru_cache(maxsize=4096)
def name(expr: str) -> str | None:
    """pint's name for a unit expression ('miles' -> 'mile', 'kilometer / hour'); None if unknown."""
    try:
        return str(_registry().parse_units(expr))
    except Exception:  # noqa: BLE001 - as above
        return None


@lru_cache(maxsize=4096)
def word_unit(word: str, dimensions: frozenset[str]) -> str | None:
    """pint's name for a plain word ('hectares' -> 'hectare') if its dimension is one of
    `dimensions` (as pint prints them); None for anything else, so 'users' stays a noun."""
    try:
        u = _registry().parse_units(word)
    except Exception:  # noqa: BLE001 - as above
        return None
    return str(u) if str(u.dimensionality) in dimensions else None
