"""Reads of the learning app, always scoped to one organisation."""
