"""Dates and periods, absolute and relative."""
from __future__ import annotations

from datetime import date

from ..models import Mention


def extract(text: str, published: date | None) -> list[Mention]:
    raise NotImplementedError("date extraction is being written (issue 2)")
