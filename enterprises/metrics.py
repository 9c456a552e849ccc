"""Figures the enterprises app owns (FIGURES.md)."""
