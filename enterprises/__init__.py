"""Enterprises: the enterprises on the chains, their Party organisations and their contacts."""
