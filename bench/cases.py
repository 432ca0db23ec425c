"""Direct assistance at a national scale: the duplicate check among a million assisted persons,
and the timeline of a case with 500 events (its query count and its latency).

The data (bench.data.generate_cases, generated the first time one of these runs and kept): a
case manager of the bench organisation with a second factor and a team, 1,000,000 persons with
encrypted names and their NameKey rows (realistic Serbian names, Zipf-like, some written in
Cyrillic), and two open cases with the same mix of timeline events: 500 and 20 of them.

Both timing benchmarks send GETs to the production server with the session cookie of the case
manager (a session that has passed the second factor, as conftest.sign_in makes one).
"""

import http.client
import random
import sys
import threading
import time
from collections.abc import Sequence
from urllib.parse import urlencode, urlsplit

from django.test import Client
from django.urls import reverse

from bench import data
from bench.context import Context
from bench.hotline import (
    database_name,
    latencies_under_load,
    percentile,
    session_cookie,
    signed_in_client,
)
from bench.registry import Measurement, benchmark
from bench.server import HarnessError
from bench.training import count_queries, machine_load

DUPLICATE_CHECKS = 300  # measured checks, each a different name, after DUPLICATE_WARMUP
DUPLICATE_WARMUP = 30
DUPLICATE_USERS = 2  # case managers checking at the same moment
PRESENT_SHARE = 0.7  # checks of a name that is in the data (in another spelling or script)
TIMELINE_USERS = 2  # the case team reading the same timeline at once, no pause


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


_prepared: set[str] = set()


def prepare(context: Context) -> None:
    """Generate (or reuse) the million persons and the timeline cases, once per run."""
    if "cases" not in _prepared:
        data.prepare_cases(context.var_dir, log)
        _prepared.add("cases")


def case_manager_client() -> Client:
    """A test client signed in as the bench case manager, second factor included."""
    return signed_in_client(data.CASE_MANAGER)


# --- The duplicate check --------------------------------------------------------------------


def spellings(given: str, family: str, rng: random.Random) -> tuple[str, str]:
    """The name as a case manager might type it: as stored, in Latin without diacritics
    (Djordjevic), or in Cyrillic (Ђорђевић)."""
    from core.scripts import normalise_for_search, to_cyrillic, to_latin

    way = rng.randrange(3)
    if way == 1:
        return (
            normalise_for_search(given).title(),
            normalise_for_search(family).title(),
        )
    if way == 2:
        return to_cyrillic(to_latin(given)), to_cyrillic(to_latin(family))
    return given, family


def duplicate_queries(count: int, seed: int = 2026) -> list[dict[str, str]]:
    """`count` duplicate-check queries: PRESENT_SHARE of them the names and year of birth of a
    person in the data (read and decrypted at random), the rest names nobody has."""
    from cases.models import Person

    rng = random.Random(seed)
    organisation = _bench_organisation_id()
    ids = Person.objects.filter(organisation_id=organisation).order_by("pk")
    first = ids.values_list("pk", flat=True).first()
    last = ids.reverse().values_list("pk", flat=True).first()
    if first is None or last is None:
        raise HarnessError("the bench organisation has no assisted persons")
    present = round(count * PRESENT_SHARE)
    picked = rng.sample(range(first, last + 1), min(present, last - first + 1))
    persons = list(
        Person.objects.filter(organisation_id=organisation, pk__in=picked).only(
            "given_name", "family_name", "year_of_birth"
        )
    )
    queries = []
    for person in persons:
        given, family = spellings(person.given_name, person.family_name, rng)
        year = person.year_of_birth or 1990
        queries.append({"given_name": given, "family_name": family, "year_of_birth": str(year)})
    while len(queries) < count:
        given, family = rng.choice(data.ABSENT_NAMES)
        queries.append(
            {
                "given_name": given,
                "family_name": f"{family}{rng.choice(['', 'a', 'e', 'i'])}",
                "year_of_birth": str(rng.randint(1950, 2015)),
            }
        )
    rng.shuffle(queries)
    return queries


def _bench_organisation_id() -> int:
    from core.models import Organisation

    organisation = Organisation.objects.filter(slug=data.BENCH_ORGANISATION_SLUG).first()
    if organisation is None:
        raise HarnessError("the bench organisation is not in the data")
    return organisation.pk


def duplicate_paths(queries: Sequence[dict[str, str]]) -> list[str]:
    path = reverse("cases:duplicate_check")
    return [f"{path}?{urlencode(query)}" for query in queries]


def timed_gets(base_url: str, paths: Sequence[str], cookie: str, users: int) -> list[float]:
    """GET each path once, `users` at a time; ms per answer. A HarnessError when an answer is
    not 200 (an expired session redirects, a refused query answers 400)."""
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
                conn.request("GET", path, headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
                elapsed = (time.perf_counter() - started) * 1000
                if response.will_close:
                    conn.close()
                with lock:
                    if response.status == 200:
                        timings.append(elapsed)
                    else:
                        problems.append(f"GET {path} answered {response.status}")
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
    if len(timings) != len(paths):
        raise HarnessError(f"only {len(timings)} of {len(paths)} GETs answered")
    return timings


@benchmark("duplicate_check_p95_ms", unit="ms", op="<=", target=200)
def duplicate_check_p95_ms(context: Context) -> Measurement:
    """p95 ms of the duplicate check among 1,000,000 persons (names and year of birth).

    Each GET of /cases/duplicates/ asks for a different name: 70 % a person in the data written
    as stored, without diacritics or in Cyrillic, 30 % a name nobody has; 2 case managers at a
    time, the first DUPLICATE_WARMUP checks a warm-up."""
    prepare(context)
    cookie = session_cookie(case_manager_client())
    paths = duplicate_paths(duplicate_queries(DUPLICATE_WARMUP + DUPLICATE_CHECKS))
    base_url = context.server().url
    timed_gets(base_url, paths[:DUPLICATE_WARMUP], cookie, DUPLICATE_USERS)
    started = time.monotonic()
    timings = timed_gets(base_url, paths[DUPLICATE_WARMUP:], cookie, DUPLICATE_USERS)
    seconds = time.monotonic() - started
    p95 = percentile(timings, 0.95)
    context.rates[f"GET duplicate_check ({DUPLICATE_USERS} users)"] = len(timings) / seconds
    return Measurement(
        p95,
        note=f"{database_name()}, {context.workers} gunicorn workers, {DUPLICATE_USERS} users: "
        f"{len(timings)} checks, median {percentile(timings, 0.5):.0f} ms, p95 {p95:.1f} ms, "
        f"max {max(timings):.0f} ms; {machine_load()}",
    )


# --- The timeline -------------------------------------------------------------------------


def timeline_path(code: str) -> str:
    from cases.models import Case

    case = Case.objects.filter(organisation_id=_bench_organisation_id(), code=code).first()
    if case is None:
        raise HarnessError(f"the bench case {code} is not in the data")
    return reverse("cases:timeline", kwargs={"pk": case.pk})


@benchmark("case_timeline_queries", unit="queries", op="<=", target=20)
def case_timeline_queries(context: Context) -> Measurement:
    """SQL queries of the timeline of a case with 500 events and of one with 20; must not differ.

    Counted in-process (test client, bench database, the case manager of both cases)."""
    prepare(context)
    client = case_manager_client()
    counts = {
        data.TIMELINE_EVENTS: count_queries(client, timeline_path(data.TIMELINE_CODE)),
        data.TIMELINE_SMALL_EVENTS: count_queries(client, timeline_path(data.TIMELINE_SMALL_CODE)),
    }
    return Measurement(
        value=max(counts.values()),
        consistent=len(set(counts.values())) == 1,
        note=", ".join(f"{count} queries ({events} events)" for events, count in counts.items())
        + f"; {database_name()}",
    )


@benchmark("case_timeline_p95_ms", unit="ms", op="<=", target=300)
def case_timeline_p95_ms(context: Context) -> Measurement:
    """p95 ms of the timeline of a case with 500 events, 2 concurrent users without a pause."""
    prepare(context)
    cookie = session_cookie(case_manager_client())
    path = timeline_path(data.TIMELINE_CODE)
    page, tool = latencies_under_load(context, path, cookie, TIMELINE_USERS)
    context.rates[f"{path} ({TIMELINE_USERS} users, no pause)"] = page.rate
    return Measurement(
        page.p95,
        note=f"{database_name()}, {context.workers} gunicorn workers, {TIMELINE_USERS} users "
        f"({tool}): timeline of {data.TIMELINE_EVENTS} events {page.describe()}; {machine_load()}",
    )
