"""The SOS line at a national line's size: the contact list filtered by month and subject with a
million contacts in the database, its query count, and saving a contact (encryption, audit).

The data (bench.data.generate_hotline, generated the first time one of these runs and kept):
1,000,000 recorded contacts of the bench organisation over the 240 months 2005-2024 with the
demo's shapes (hotline.demo), 1 in 20 with an encrypted name, phone and note, and five SOS
consultants with a second factor. The list filters on HOTLINE_MONTH and subject=job_offer, a few
hundred contacts. Both timing benchmarks sign in server-side (a session that has passed the
second factor, as conftest.sign_in makes one) and send the session cookie.

`contact_save_p95_ms` records drafts it starts beforehand (untimed) and deletes them by id
afterwards, so the million stays the same from run to run; their audit entries stay (the log is
append-only).
"""

import http.client
import math
import re
import secrets
import shutil
import string
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from bench import data
from bench.context import BARE_PATH, Context
from bench.load import MAX_SECONDS, WRK, _check_loopback, _run_wrk
from bench.registry import Measurement, benchmark
from bench.server import HarnessError
from bench.training import count_queries, machine_load

LIST_PATH = "/hotline/contacts/?" + urlencode({"month": data.HOTLINE_MONTH, "subject": "job_offer"})
UNFILTERED_LIST_PATH = "/hotline/contacts/"
LIST_USERS = 10  # concurrent users of the list benchmark (the figure)
# A user reads a page before asking for the next one. The target is measured with this pause;
# the same users without any pause (each server worker always busy) are reported beside it.
THINK_SECONDS = 1.0
SAVE_USERS = 2  # consultants saving at the same moment: low concurrency, as on a shift
SAVES = 300  # measured saves (each a different draft), after SAVE_WARMUP
SAVE_WARMUP = 20


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


_prepared: set[str] = set()


def prepare(context: Context) -> None:
    """Generate (or reuse) the million contacts, once per run."""
    if "hotline" not in _prepared:
        data.prepare_hotline(context.var_dir, log)
        _prepared.add("hotline")


def database_name() -> str:
    return "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"


# --- Signing in -----------------------------------------------------------------------------


def signed_in_client(username: str) -> Client:
    """A test client signed in as the bench user `username`, second factor included."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core.models import User

    user = User.objects.filter(username=username).first()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() if user else None
    if user is None or device is None:
        raise HarnessError(f"{username} (with a second factor) is not in the data")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def consultant_client() -> Client:
    """A test client signed in as the bench SOS consultant."""
    return signed_in_client(data.HOTLINE_CONSULTANT)


def session_cookie(client: Client) -> str:
    """The Cookie header a real browser of the client's session would send."""
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


# --- Query count ----------------------------------------------------------------------------


@benchmark("contacts_list_queries", unit="queries", op="<=", target=12)
def contacts_list_queries(context: Context) -> Measurement:
    """SQL queries of the contact list by month and subject, 1,000,000 contacts; must not vary.

    The filtered page, its second page and the unfiltered list are counted; they must not
    differ (in-process, test client, bench database)."""

    prepare(context)
    client = consultant_client()
    counts = {
        "month and subject": count_queries(client, LIST_PATH),
        "page 2": count_queries(client, LIST_PATH + "&page=2"),
        "no filter": count_queries(client, UNFILTERED_LIST_PATH),
    }
    return Measurement(
        value=max(counts.values()),
        consistent=len(set(counts.values())) == 1,
        note=", ".join(f"{count} queries ({what})" for what, count in counts.items())
        + f"; {database_name()}",
    )


# --- Latency under load ---------------------------------------------------------------------


@dataclass(frozen=True)
class Latencies:
    """One load run: answers as expected and not, and the latency percentiles in ms."""

    ok: int
    other: int
    seconds: float
    p50: float
    p95: float
    p99: float

    @property
    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds > 0 else 0.0

    def describe(self) -> str:
        return f"median {self.p50:.0f} ms, p95 {self.p95:.1f} ms, {self.rate:.1f} requests/s"


_WRK_LATENCY = re.compile(
    r"^BENCH_LATENCY ok=(\d+) other=(\d+) seconds=([\d.]+) "
    r"p50=([\d.]+) p95=([\d.]+) p99=([\d.]+)$",
    re.MULTILINE,
)


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk_latency_script(path: str, cookie: str, think_seconds: float = 0) -> str:
    """A wrk Lua script: GET `path` with the cookie (pausing `think_seconds` between a user's
    requests), count 200s and others, and print the latency percentiles (wrk keeps every
    request's latency, pauses excluded; `done` reads them in µs)."""
    think = (
        f"function delay()\n  return {round(think_seconds * 1000)}\nend\n" if think_seconds else ""
    )
    return f"""-- Generated by bench/hotline.py for one wrk run; safe to delete.
{think}local path = {_lua_string(path)}
local headers = {{ ["Cookie"] = {_lua_string(cookie)} }}
local threads = {{}}
ok = 0
other = 0

function setup(thread)
  table.insert(threads, thread)
end

function request()
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local total_ok, total_other = 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_other = total_other + thread:get("other")
  end
  io.write(string.format("BENCH_LATENCY ok=%d other=%d seconds=%.3f p50=%.3f p95=%.3f p99=%.3f\\n",
    total_ok, total_other, summary.duration / 1000000,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def parse_wrk_latency(output: str) -> Latencies:
    found = _WRK_LATENCY.search(output)
    if found is None:
        raise HarnessError(f"wrk printed no BENCH_LATENCY line:\n{output}")
    ok, other = int(found.group(1)), int(found.group(2))
    seconds, p50, p95, p99 = (float(found.group(n)) for n in range(3, 7))
    return Latencies(ok, other, seconds, p50, p95, p99)


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest rank: the smallest value with at least `fraction` of all values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _python_latencies(
    url: str, cookie: str, users: int, seconds: float, think_seconds: float = 0
) -> Latencies:
    """One thread per user sending GETs until the deadline, each request timed."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.monotonic() + seconds
    timings: list[float] = []
    other = [0]
    errors: list[str] = []
    lock = threading.Lock()

    def user() -> None:
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
        try:
            while time.monotonic() < deadline and not errors:
                started = time.perf_counter()
                conn.request("GET", path, headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if response.status == 200:
                        timings.append(elapsed)
                    else:
                        other[0] += 1
                if response.will_close:
                    conn.close()
                time.sleep(think_seconds)
        except (OSError, http.client.HTTPException) as error:
            errors.append(repr(error))
        finally:
            conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=user, daemon=True) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    if errors:
        raise HarnessError(f"load against {url} failed: {errors[0]}")
    if not timings:
        raise HarnessError(f"no GET of {url} answered 200 ({other[0]} other answers)")
    return Latencies(
        len(timings),
        other[0],
        time.monotonic() - started,
        percentile(timings, 0.5),
        percentile(timings, 0.95),
        percentile(timings, 0.99),
    )


def latencies_under_load(
    context: Context, path: str, cookie: str, users: int, think_seconds: float = 0
) -> tuple[Latencies, str]:
    """Latencies of GET `path` with `users` concurrent connections (wrk when installed, after
    the run's warm-up); a HarnessError if any answer was not 200 (an expired session answers
    with a redirect, which must not pass for a fast page)."""
    url = context.server().url + path
    _check_loopback(url)
    seconds = min(context.load.seconds, MAX_SECONDS)
    warmup = min(context.load.warmup_seconds, MAX_SECONDS)
    use_wrk = shutil.which(WRK) is not None

    def measure(duration: float) -> Latencies:
        if not use_wrk:
            return _python_latencies(url, cookie, users, duration, think_seconds)
        script = context.var_dir / "hotline-latency.lua"
        script.write_text(wrk_latency_script(path, cookie, think_seconds))
        command = [
            WRK,
            f"-t{max(1, min(2, users))}",
            f"-c{users}",
            f"-d{max(1, round(duration))}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            url,
        ]
        return parse_wrk_latency(_run_wrk(command, duration))

    if warmup > 0:
        measure(warmup)
    result = measure(seconds)
    if result.other or result.ok == 0:
        raise HarnessError(
            f"GET {path}: {result.other} answers were not 200 (of {result.ok + result.other})"
        )
    return result, "wrk" if use_wrk else "Python threads"


@benchmark("contacts_list_p95_ms", unit="ms", op="<=", target=150)
def contacts_list_p95_ms(context: Context) -> Measurement:
    """p95 ms of the contact list by month and subject, 1,000,000 contacts, 10 concurrent users.

    Each user reads the page for THINK_SECONDS before the next request; the same ten without a
    pause (ten requests always in flight) and the bare view are measured in the same run and
    reported beside it. Signed in as an SOS consultant (second factor passed)."""
    prepare(context)
    cookie = session_cookie(consultant_client())
    page, tool = latencies_under_load(context, LIST_PATH, cookie, LIST_USERS, THINK_SECONDS)
    busy, _ = latencies_under_load(context, LIST_PATH, cookie, LIST_USERS)
    bare, _ = latencies_under_load(context, BARE_PATH, cookie, LIST_USERS)
    context.rates[f"{LIST_PATH} ({LIST_USERS} users, no pause)"] = busy.rate
    context.rates[f"{BARE_PATH} ({LIST_USERS} users, no pause)"] = bare.rate
    return Measurement(
        page.p95,
        note=f"{database_name()}, {context.workers} gunicorn workers, {LIST_USERS} users "
        f"reading {THINK_SECONDS:g} s between pages ({tool}): list {page.describe()}; "
        f"the same users without pausing: list {busy.describe()}, bare view {bare.describe()}, "
        f"rate ratio {busy.rate / bare.rate:.2f}; {machine_load()}",
    )


# --- Saving a contact -----------------------------------------------------------------------


def contact_fields(token: str) -> list[tuple[str, str]]:
    """A full, valid ContactForm as a consultant submits it at the end of a call."""
    now = timezone.localtime()
    return [
        ("csrfmiddlewaretoken", token),
        ("line", "sos"),
        ("channel", "phone"),
        ("started_at", (now - timedelta(minutes=13)).strftime("%Y-%m-%dT%H:%M")),
        ("duration", "12:30"),
        ("caller_type", "family_member"),
        ("caller_gender", "Feminine"),
        ("caller_age_band", "35-49"),
        ("caller_citizenship", "RS"),
        ("caller_place", "Kragujevac"),
        ("caller_name", "Jovana Marković"),
        ("caller_phone", "+381 64 123 4567"),
        ("caller_email", "jovana.markovic@example.rs"),
        ("subject", "suspected_trafficking"),
        ("indicators", "WithholdsDocuments"),
        ("indicators", "DebtBondage"),
        ("risk_level", "high"),
        ("actions", "information_given"),
        ("actions", "referral_police"),
        (
            "notes",
            "Ćerka radi u kafiću u Beču, poslodavac joj je uzeo pasoš i traži da vrati dug "
            "za put. Ne javlja se od nedelje.",
        ),
        ("follow_up_description", "Pozvati majku za dva dana."),
        ("follow_up_due", (now + timedelta(days=2)).strftime("%Y-%m-%d")),
    ]


def start_drafts(count: int) -> list[int]:
    """Drafts of the bench consultant, started as the shift screen starts them (not timed)."""
    from core.models import Organisation, User
    from hotline.services.contacts import start_contact

    organisation = Organisation.objects.get(slug=data.BENCH_ORGANISATION_SLUG)
    consultant = User.objects.get(username=data.HOTLINE_CONSULTANT)
    return [start_contact(organisation, consultant).pk for _ in range(count)]


def remove_contacts(ids: Sequence[int]) -> None:
    """Delete the benchmark's contacts (indicators, actions, follow-ups go with them)."""
    from hotline.models import Contact

    for start in range(0, len(ids), 500):
        Contact.objects.filter(pk__in=ids[start : start + 500]).delete()


def timed_posts(
    base_url: str,
    paths: Sequence[str],
    body: bytes,
    headers: dict[str, str],
    users: int,
    expect: Callable[[int, str], bool],
) -> list[float]:
    """POST `body` once to each path, `users` at a time; ms per answer. A HarnessError when an
    answer is not what `expect(status, location)` accepts."""
    parts = urlsplit(base_url)
    pending = list(reversed(paths))
    timings: list[float] = []
    problems: list[str] = []
    lock = threading.Lock()

    def user() -> None:
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
        try:
            while not problems:
                with lock:
                    if not pending:
                        return
                    path = pending.pop()
                started = time.perf_counter()
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                elapsed = (time.perf_counter() - started) * 1000
                if response.will_close:
                    conn.close()
                location = response.getheader("Location", "")
                with lock:
                    if expect(response.status, location):
                        timings.append(elapsed)
                    else:
                        problems.append(f"POST {path} answered {response.status} {location}")
        except (OSError, http.client.HTTPException) as error:
            problems.append(repr(error))
        finally:
            conn.close()

    threads = [threading.Thread(target=user, daemon=True) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    if problems:
        raise HarnessError(problems[0])
    return timings


@benchmark("contact_save_p95_ms", unit="ms", op="<=", target=100)
def contact_save_p95_ms(context: Context) -> Measurement:
    """p95 ms of recording a contact: full form, encrypted, audited; 2 consultants at a time.

    The form holds the caller's name, phone and e-mail, notes, two indicators, two actions and
    a follow-up; each POST records a different draft started beforehand."""
    prepare(context)
    client = consultant_client()
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    headers = {
        "Cookie": f"{session_cookie(client)}; {settings.CSRF_COOKIE_NAME}={csrf}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    body = urlencode(contact_fields(csrf)).encode()
    base_url = context.server().url
    ids = start_drafts(SAVE_WARMUP + SAVES)

    def recorded(status: int, location: str) -> bool:
        return status == 302 and re.search(r"/hotline/contacts/\d+/$", location) is not None

    try:
        paths = [f"/hotline/contacts/{pk}/edit/" for pk in ids]
        timed_posts(base_url, paths[:SAVE_WARMUP], body, headers, SAVE_USERS, recorded)
        started = time.monotonic()
        timings = timed_posts(base_url, paths[SAVE_WARMUP:], body, headers, SAVE_USERS, recorded)
        seconds = time.monotonic() - started
        check_recorded(ids[SAVE_WARMUP:])
    finally:
        remove_contacts(ids)
    bare = bare_latencies(base_url, headers["Cookie"], SAVE_USERS, SAVES)
    p95 = percentile(timings, 0.95)
    context.rates[f"POST contact_edit ({SAVE_USERS} users, contacts recorded)"] = (
        len(timings) / seconds
    )
    return Measurement(
        p95,
        note=f"{database_name()}, {context.workers} gunicorn workers, {SAVE_USERS} users: "
        f"{len(timings)} contacts recorded, median {percentile(timings, 0.5):.0f} ms, p95 "
        f"{p95:.1f} ms, max {max(timings):.0f} ms; bare view p95 {percentile(bare, 0.95):.1f} ms "
        f"at the same concurrency (ratio {p95 / percentile(bare, 0.95):.1f}); {machine_load()}",
    )


def check_recorded(ids: Sequence[int]) -> None:
    """Every acknowledged save is in the database: recorded, with its indicators and actions."""
    from django.db.models import Count

    from hotline.models import Contact

    shapes = set(
        Contact.objects.filter(pk__in=ids)
        .annotate(indicator_count=Count("indicators", distinct=True))
        .annotate(action_count=Count("actions", distinct=True))
        .values_list("status", "indicator_count", "action_count")
    )
    if shapes != {("recorded", 2, 2)}:
        raise HarnessError(f"the saved contacts are not all recorded in full: {shapes}")


def bare_latencies(base_url: str, cookie: str, users: int, count: int) -> list[float]:
    """ms of `count` GETs of the bare view with the same cookies, `users` at a time."""
    parts = urlsplit(base_url)
    timings: list[float] = []
    lock = threading.Lock()
    remaining = [count]

    def user() -> None:
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
        try:
            while True:
                with lock:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                started = time.perf_counter()
                conn.request("GET", BARE_PATH, headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
                with lock:
                    timings.append((time.perf_counter() - started) * 1000)
                if response.will_close:
                    conn.close()
        finally:
            conn.close()

    threads = [threading.Thread(target=user, daemon=True) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if not timings:
        raise HarnessError("the bare view did not answer")
    return timings
