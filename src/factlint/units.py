"""Physical and rate units, through pint: '5 GB' and '5,000 MB', '7 years' and
'84 months' become comparable by converting to base units.  The registry is
loaded on first use (about a quarter of a second), so runs without physical
quantities never pay for it."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _registry():
    import pint

    return pint.UnitRegistry()


@lru_cache(maxsize=512)
def to_base(unit: str) -> tuple[float, str] | None:
    """(factor, base unit) such that value * factor is in the base unit; None if pint does not know it."""
    try:
        q = _registry().Quantity(1.0, unit).to_base_units()
    except Exception:  # noqa: BLE001 - pint raises many types for unknown or malformed units
        return None
    return float(q.magnitude), str(q.units)
