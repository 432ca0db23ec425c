"""The public catalogue is read far more often than it changes, so its list pages are kept
rendered, per language, query and day, in each server process (the "pages" cache).

Every catalogue write bumps a version in the shared cache; a page rendered under an older version
is never served again. Only anonymous visitors without pending messages get a kept page: the page
then holds nothing specific to one visitor (the language switcher needs no CSRF token).
"""

import hashlib

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest
from django.utils import timezone, translation

VERSION_KEY = "catalogue:public-version"
PAGE_SECONDS = 600


def catalogue_changed() -> None:
    """Mark every kept public page stale; called by each catalogue write."""
    shared = caches["default"]
    try:
        shared.incr(VERSION_KEY)
    except ValueError:  # no version yet in this cache
        shared.set(VERSION_KEY, 1, None)


def page_key(request: HttpRequest) -> str | None:
    """The key of the kept page for this request, or None when it must be rendered afresh."""
    if request.user.is_authenticated or len(get_messages(request)):
        return None
    version = caches["default"].get(VERSION_KEY, 0)
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    language = translation.get_language()
    return f"catalogue:public:{version}:{language}:{timezone.localdate().isoformat()}:{path}"


def kept_page(key: str) -> bytes | None:
    return caches["pages"].get(key)


def keep_page(key: str, content: bytes) -> None:
    caches["pages"].set(key, content, PAGE_SECONDS)
