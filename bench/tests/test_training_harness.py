"""Fast checks of the training benchmarks' harness: unique form posts (Python and wrk/Lua),
the query-count verdict, the registered targets, and the generated data's shape."""

import re
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

import bench.training  # noqa: F401  (registers the training benchmarks)
from bench import data
from bench.__main__ import BENCHMARK_MODULES
from bench.load import (
    FormPost,
    Load,
    _python_posts,
    _wrk_posts,
    fill_body,
    form_body_template,
    letters,
    parse_wrk_posts,
    post_rate,
    request_tag,
)
from bench.registry import BENCHMARKS, result_line
from bench.server import HarnessError
from bench.training import coordinator_client, count_queries, page_measurement


def test_training_benchmarks_are_registered_with_their_targets():
    assert "bench.training" in BENCHMARK_MODULES
    targets = {
        name: (bench.unit, bench.op, bench.target)
        for name, bench in BENCHMARKS.items()
        if name in ("certificates_60_seconds", "training_page_queries", "registration_ratio")
    }

    assert targets == {
        "certificates_60_seconds": ("seconds", "<=", 10),
        "training_page_queries": ("queries", "<=", 15),
        "registration_ratio": ("ratio", ">=", 0.2),
    }


def test_letters_count_in_base_26_with_padding():
    assert [letters(n) for n in (0, 1, 25, 26, 27)] == ["a", "b", "z", "ba", "bb"]
    assert letters(3, 2) == "ad"


def test_request_tags_are_unique_letters_across_threads_and_counters():
    tags = [request_tag("run", thread, counter) for thread in range(30) for counter in range(700)]

    assert len(set(tags)) == len(tags)
    assert all(re.fullmatch("[a-z]+", tag) for tag in tags)


def test_form_template_encodes_fixed_values_and_fills_tags_per_request():
    template = form_body_template(
        {"email": "{tag}@bench.example", "last_name": "{Tag}", "institution_name": "OŠ „Vuk“ & co"}
    )

    body = parse_qs(fill_body(template, "abc"))

    assert body == {
        "email": ["abc@bench.example"],
        "last_name": ["Abc"],
        "institution_name": ["OŠ „Vuk“ & co"],
    }


def test_page_query_verdict_is_the_largest_count_and_fails_when_counts_differ():
    same = page_measurement({6: 9, 60: 9, 600: 9})
    grows = page_measurement({6: 9, 60: 9, 600: 11})
    queries = BENCHMARKS["training_page_queries"]

    assert (same.value, same.consistent) == (9, True)
    assert (grows.value, grows.consistent) == (11, False)
    assert result_line(queries, grows).endswith("11 queries target <= 15 FAIL")
    assert "11 queries with 600" in grows.note


def test_wrk_post_report_is_read_for_successes_and_duration():
    output = "Running 1s test\nRequests/sec: 10\nBENCH_POSTS ok=120 other=3 seconds=2.000\n"

    result = parse_wrk_posts(output)

    assert (result.successes, result.failures, result.rate) == (120, 3, 60)
    with pytest.raises(HarnessError, match="BENCH_POSTS"):
        parse_wrk_posts("Requests/sec: 10\n")


class _Registrations(BaseHTTPRequestHandler):
    """Answers 302 to a new e-mail, 200 (a form error) to one seen before; keeps every body."""

    protocol_version = "HTTP/1.1"
    bodies: list[dict[str, list[str]]] = []
    lock = threading.Lock()

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        body = parse_qs(self.rfile.read(length).decode())
        with self.lock:
            seen = any(b["email"] == body["email"] for b in self.bodies[-50:])
            self.bodies.append(body)
        self.send_response(200 if seen or "csrftoken=k" not in self.headers["Cookie"] else 302)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # wrk closes its connections mid-request at the deadline


@pytest.fixture
def registrations_server():
    _Registrations.bodies = []
    server = _QuietServer(("127.0.0.1", 0), _Registrations)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/t/x/", _Registrations.bodies
    server.shutdown()
    server.server_close()


def _post(url: str) -> FormPost:
    template = form_body_template(
        {"csrfmiddlewaretoken": "t", "email": "{tag}@bench.example", "last_name": "{Tag}"}
    )
    return FormPost(url=url, body_template=template, headers={"Cookie": "csrftoken=k"})


def test_python_posts_send_a_new_person_each_time(registrations_server):
    url, bodies = registrations_server

    result = _python_posts(_post(url), "run", connections=3, seconds=0.3)

    emails = [body["email"][0] for body in bodies]
    assert result.successes == len(bodies) > 3
    assert result.failures == 0
    assert len(set(emails)) == len(emails)
    assert all(body["csrfmiddlewaretoken"] == ["t"] for body in bodies)


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_wrk_lua_script_sends_a_new_person_each_time_and_counts_redirects(
    registrations_server, tmp_path
):
    url, bodies = registrations_server

    result = _wrk_posts(_post(url), "run", connections=4, seconds=1, script_dir=tmp_path)

    emails = [body["email"][0] for body in bodies]
    names = [body["last_name"][0] for body in bodies]
    assert len(bodies) > 10
    assert len(set(emails)) == len(emails)
    assert len(set(names)) == len(names) and all(name[0].isupper() for name in names)
    # Requests cut off at the deadline may reach the server without wrk counting them.
    assert 0 < result.successes <= len(bodies)
    assert result.failures == 0


def test_post_load_refuses_non_loopback_addresses(tmp_path):
    with pytest.raises(HarnessError, match="loopback"):
        post_rate(_post("http://192.168.1.1/t/x/"), Load(1, 0.1, 0), tmp_path)


@pytest.mark.django_db
def test_generated_training_page_query_count_does_not_grow_with_participants(settings):
    from catalogue.tests.factories import AccreditationFactory
    from core.tests.factories import OrganisationFactory
    from training.models import Training

    settings.ROOT_URLCONF = "bench.urls"
    organisation = OrganisationFactory(slug=data.BENCH_ORGANISATION_SLUG)
    AccreditationFactory(programme__organisation=organisation, organisation=organisation)
    data.generate_training(organisation)
    client = coordinator_client()

    counts = {
        size: count_queries(client, f"/trainings/{Training.objects.get(slug=slug).pk}/")
        for size, slug in data.PAGE_TRAININGS.items()
        if size <= 60
    }

    assert Training.objects.get(slug=data.CERTIFICATE_TRAINING).registrations.count() == 60
    assert page_measurement(counts).consistent, counts
