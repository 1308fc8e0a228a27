"""Money, counts, percentages, multiples, fractions, bounds, ranges and units."""
from __future__ import annotations

from ..models import Mention


def extract(text: str) -> list[Mention]:
    raise NotImplementedError("numeric extraction is being written (issue 2)")
