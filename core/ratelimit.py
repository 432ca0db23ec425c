"""How many submissions of a public form one address may make per hour, counted in Django's cache.

Each form names its own limit: the catalogue's enquiries are few (settings.PUBLIC_FORM_RATE_PER_HOUR);
training registrations are generous (settings.REGISTRATION_RATE_PER_HOUR), because a school often
registers a whole staff room from one address. Anonymous online reports to the hotline
(settings.ONLINE_REPORT_RATE_PER_HOUR) and reporters' sign-ins with a reference and passphrase
(settings.ONLINE_REPORT_SIGN_IN_RATE_PER_HOUR) count an HMAC of the address, never the address.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import BaseCache, caches

WINDOW_SECONDS = 3600


@dataclass(frozen=True)
class RateLimit:
    scope: str
    setting: str  # the name of the setting holding the number allowed per hour

    @property
    def _cache(self) -> BaseCache:
        return caches["ratelimit"]

    def _key(self, address: str | None) -> str:
        return f"{self.scope}:{address or 'unknown'}"

    def limit_reached(self, address: str | None) -> bool:
        """True when the address has used up its submissions for this hour."""
        return self._cache.get(self._key(address), 0) >= getattr(settings, self.setting)

    def count_submission(self, address: str | None) -> None:
        """Count one submission; the window starts with the address's first one."""
        key = self._key(address)
        # Most submissions find the window open; one that expired in between starts again.
        try:
            self._cache.incr(key)
        except ValueError:
            self._cache.add(key, 1, WINDOW_SECONDS)


ENQUIRIES = RateLimit("catalogue:enquiries", "PUBLIC_FORM_RATE_PER_HOUR")
REGISTRATIONS = RateLimit("training:registrations", "REGISTRATION_RATE_PER_HOUR")
ONLINE_REPORTS = RateLimit("hotline:reports", "ONLINE_REPORT_RATE_PER_HOUR")
REPORT_SIGN_INS = RateLimit("hotline:report-sign-ins", "ONLINE_REPORT_SIGN_IN_RATE_PER_HOUR")
