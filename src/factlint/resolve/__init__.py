"""Resolve mentions into claims: entity, metric, period, as-of, attribution, hedges."""
from .claims import resolve

__all__ = ["resolve"]
