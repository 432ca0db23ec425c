"""Writes of the learning app, one module per activity (barometer, knowledge tests,
evaluations, action plans)."""
