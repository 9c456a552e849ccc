"""Needs, resources, projects and visits (the three lists) — built in the services issue."""
