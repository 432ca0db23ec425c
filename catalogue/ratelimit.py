"""How many public enquiries one address may send per hour, counted in Django's cache."""

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _key(address: str | None) -> str:
    return f"catalogue:enquiries:{address or 'unknown'}"


def limit_reached(address: str | None) -> bool:
    """True when the address has used up its enquiries for this hour."""
    return cache.get(_key(address), 0) >= settings.PUBLIC_FORM_RATE_PER_HOUR


def count_submission(address: str | None) -> None:
    """Count one submission; the window starts with the address's first one."""
    key = _key(address)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr(): start a new window
            cache.add(key, 1, WINDOW_SECONDS)
