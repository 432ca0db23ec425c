"""Benchmarks against the production server (`make bench`, docs/benchmarks.md)."""
