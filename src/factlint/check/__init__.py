"""Rule kinds.  Each module registers the kinds it implements; rule files
under rules/ configure them (scope, tolerance, severity, message)."""
from __future__ import annotations

from . import agreement, arithmetic, conversion, events, ordering, revisions, temporal, two_changes, unit_conversion  # noqa: F401  (register kinds)
from .engine import Context, known_kinds, register, run_rules

__all__ = ["Context", "known_kinds", "register", "run_rules"]
