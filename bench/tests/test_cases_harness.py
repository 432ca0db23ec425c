"""Fast checks of the cases benchmarks' harness: the targets, the generated persons' shape and
keys on a small scale, the duplicate queries, and the timeline cases' query counts."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection

import bench.cases
from bench import data
from bench.__main__ import BENCHMARK_MODULES
from bench.cases import (
    case_manager_client,
    duplicate_paths,
    duplicate_queries,
    spellings,
    timed_gets,
    timeline_path,
)
from bench.registry import BENCHMARKS
from bench.server import HarnessError
from bench.training import count_queries
from cases.models import Case, NameKey, Person
from cases.names import name_digests
from core.tests.factories import OrganisationFactory

SMALL = 3000


def test_cases_benchmarks_are_registered_with_the_issues_targets():
    assert "bench.cases" in BENCHMARK_MODULES
    targets = {
        name: (bench.unit, bench.op, bench.target)
        for name, bench in BENCHMARKS.items()
        if name.startswith(("duplicate", "case_"))
    }

    assert targets == {
        "duplicate_check_p95_ms": ("ms", "<=", 200),
        "case_timeline_queries": ("queries", "<=", 20),
        "case_timeline_p95_ms": ("ms", "<=", 300),
    }


@pytest.fixture
def generated(db):  # type: ignore[no-untyped-def]
    organisation = OrganisationFactory(slug=data.BENCH_ORGANISATION_SLUG)
    data.generate_cases(total=SMALL)
    return organisation


def test_generated_persons_have_decryptable_names_and_the_keys_set_identity_makes(generated):
    persons = Person.objects.filter(organisation=generated)
    assert persons.count() == SMALL + 2  # and the two timeline cases' persons
    person = persons.order_by("pk")[10]
    expected = {
        digest
        for pair in name_digests([person.given_name, person.family_name]).values()
        for digest in pair
    }
    assert set(NameKey.objects.filter(person=person).values_list("digest", flat=True)) == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT family_name FROM cases_person WHERE id = %s", [person.pk])
        assert person.family_name not in cursor.fetchone()[0]
    scripts = [any("\u0400" <= c <= "\u04ff" for c in p.family_name) for p in persons[:500]]
    assert 0.05 < sum(scripts) / len(scripts) < 0.3
    # Many different family names, the most common one a small share of everyone.
    families = {p.family_name for p in persons[:1000]}
    assert len(families) > 200
    index_names = connection.introspection.get_constraints(
        connection.cursor(), NameKey._meta.db_table
    )
    assert NameKey._meta.indexes[0].name in index_names


def test_duplicate_queries_find_present_persons_in_any_spelling(generated):
    queries = duplicate_queries(40)
    assert len(queries) == 40
    client = case_manager_client()
    found = 0
    for path, query in zip(duplicate_paths(queries), queries, strict=True):
        response = client.get(path)
        assert response.status_code == 200, path
        absent = any(query["given_name"] == given for given, _ in data.ABSENT_NAMES)
        candidates = response.context["candidates"]
        if absent:
            assert candidates == []
        else:
            found += bool(candidates)
    assert found == round(40 * bench.cases.PRESENT_SHARE)


def test_spellings_are_the_same_name_to_the_duplicate_keys():
    import random

    rng = random.Random(1)
    for _ in range(12):
        given, family = spellings("Đurđa", "Đorđević", rng)
        assert name_digests([given, family]) == name_digests(["Đurđa", "Đorđević"])


def test_timeline_cases_have_their_events_and_the_same_query_count(generated):
    big = Case.objects.get(code=data.TIMELINE_CODE)
    assert big.services.count() > 100 and big.notes.count() > 50
    client = case_manager_client()

    many = count_queries(client, timeline_path(data.TIMELINE_CODE))
    few = count_queries(client, timeline_path(data.TIMELINE_SMALL_CODE))

    assert many == few


def test_generating_again_replaces_the_previous_persons(generated):
    data.generate_cases(total=500)

    assert Person.objects.filter(organisation=generated).count() == 502
    assert Case.objects.filter(organisation=generated).count() == 2


@pytest.fixture
def local_server():  # type: ignore[no-untyped-def]
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status = 200 if "sessionid=ok" in self.headers.get("Cookie", "") else 302
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_timed_gets_times_every_path_and_refuses_redirects(local_server):
    timings = timed_gets(local_server, ["/a", "/b", "/c"], "sessionid=ok", users=2)

    assert len(timings) == 3 and all(ms > 0 for ms in timings)
    with pytest.raises(HarnessError, match="302"):
        timed_gets(local_server, ["/a"], "sessionid=gone", users=1)
