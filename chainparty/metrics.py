"""Figures owned by the core: none yet (F01 lives with the chains in alliances/metrics.py)."""
