"""Figures the services app owns (FIGURES.md); each list registers its own in its module."""
from . import metrics_lists  # noqa: F401
