"""Fast checks of the hotline benchmarks' harness: the targets, the latency percentiles (wrk's
Lua report and the Python fallback), and the generated data's shape on a small scale."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import bench.hotline  # noqa: F401  (registers the hotline benchmarks)
from bench import data
from bench.__main__ import BENCHMARK_MODULES
from bench.hotline import (
    _python_latencies,
    consultant_client,
    contact_fields,
    parse_wrk_latency,
    percentile,
    wrk_latency_script,
)
from bench.registry import BENCHMARKS
from bench.server import HarnessError
from core.tests.factories import OrganisationFactory
from hotline.forms import ContactForm
from hotline.models import Contact


def test_hotline_benchmarks_are_registered_with_the_issues_targets():
    assert "bench.hotline" in BENCHMARK_MODULES
    targets = {
        name: (bench.unit, bench.op, bench.target)
        for name, bench in BENCHMARKS.items()
        if name.startswith("contact")
    }

    assert targets == {
        "contacts_list_p95_ms": ("ms", "<=", 150),
        "contacts_list_queries": ("queries", "<=", 12),
        "contact_save_p95_ms": ("ms", "<=", 100),
    }


def test_percentile_is_the_nearest_rank():
    values = list(range(1, 21))

    assert percentile(values, 0.95) == 19
    assert percentile(values, 0.5) == 10
    assert percentile([7.0], 0.95) == 7.0


def test_wrk_latency_report_is_read_in_milliseconds():
    output = (
        "Running 10s test\nBENCH_LATENCY ok=120 other=0 seconds=10.002 p50=41.5 p95=88.25 p99=120\n"
    )

    result = parse_wrk_latency(output)

    assert (result.ok, result.other, result.p95) == (120, 0, 88.25)
    assert result.rate == pytest.approx(12.0, rel=0.01)


def test_wrk_latency_script_sends_the_session_cookie_and_reports_percentiles():
    script = wrk_latency_script("/hotline/contacts/?month=2019-06", 'sessionid="x"')

    assert '["Cookie"] = "sessionid=\\"x\\""' in script
    assert "latency:percentile(95)" in script
    assert "BENCH_LATENCY" in script


def test_a_missing_wrk_report_is_a_harness_error():
    with pytest.raises(HarnessError):
        parse_wrk_latency("wrk: connection refused")


@pytest.fixture
def local_server():
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


def test_python_fallback_times_every_answer_and_counts_redirects_apart(local_server):
    signed_in = _python_latencies(local_server + "/", "sessionid=ok", users=2, seconds=0.3)

    assert signed_in.ok > 0 and signed_in.other == 0
    assert 0 < signed_in.p50 <= signed_in.p95 <= signed_in.p99
    with pytest.raises(HarnessError, match="answered 200"):
        _python_latencies(local_server + "/", "sessionid=gone", users=1, seconds=0.2)


def test_the_saved_form_is_a_valid_contact_form(db):
    form = ContactForm(dict_of_lists(contact_fields("token")), organisation=OrganisationFactory())

    assert form.is_valid(), form.errors
    assert form.cleaned_data["duration_seconds"] == 750
    assert len(form.cleaned_data["indicators"]) == len(form.cleaned_data["actions"]) == 2


def dict_of_lists(pairs: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    return query


def test_generated_contacts_spread_over_the_fixed_months_with_consultants(db):
    organisation = OrganisationFactory(slug=data.BENCH_ORGANISATION_SLUG)

    count = data.generate_hotline(total=2400)

    contacts = Contact.objects.filter(organisation=organisation)
    assert count == contacts.count() == 2400
    years = {started.year for started in contacts.values_list("started_at", flat=True)}
    assert min(years) >= data.HOTLINE_FIRST_YEAR - 1  # 1 January local is 31 December UTC
    assert max(years) <= data.HOTLINE_LAST_YEAR
    assert consultant_client().get("/healthz").status_code == 200


def test_generating_again_replaces_the_previous_contacts(db):
    OrganisationFactory(slug=data.BENCH_ORGANISATION_SLUG)
    data.generate_hotline(total=300)

    data.generate_hotline(total=200)

    assert Contact.objects.count() == 200
