"""Writes of the training app, grouped by domain (pretix style): each public function is one
transaction with its audit entry and notification."""
