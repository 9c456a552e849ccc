"""Alliances: the industrial chains, one Party-building alliance per chain, and the work they do."""
