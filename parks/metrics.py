"""Figures the parks app owns (FIGURES.md)."""
