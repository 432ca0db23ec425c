"""Settings for benchmarks: the production settings, plus a bare view to compare against.

`python -m bench` sets PUTOKAZ_VAR_DIR to var/bench, so the database, static files and keys
of a benchmark run never touch the embedded run's `var/`.
"""

from putokaz.settings import *  # noqa: F403
from putokaz.settings import ALLOWED_HOSTS, DATABASE_URL, DATABASES, VAR_DIR

ROOT_URLCONF = "bench.urls"

if not DATABASE_URL:
    DATABASES["default"]["NAME"] = VAR_DIR / "bench.sqlite3"

# The in-process query count uses django.test.Client, whose requests come from "testserver".
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]

# The registration benchmark posts thousands of registrations per minute from one address.
REGISTRATION_RATE_PER_HOUR = 10**9
PUBLIC_FORM_RATE_PER_HOUR = 10**9
# Certificates and confirmations are "sent" into memory: a benchmark must not fill var/mail.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
