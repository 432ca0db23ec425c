"""Fast checks of the benchmark harness; `make bench` is the full run."""

import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import bench.catalogue  # noqa: F401  (registers the catalogue benchmarks)
from bench.__main__ import BENCHMARK_MODULES
from bench.load import Load, _python_pool, parse_wrk, requests_per_second
from bench.registry import BENCHMARKS, Measurement, format_line, result_line
from bench.server import HarnessError, free_port

LINE_FORMAT = r"^BENCH \S+ -?\d+(\.\d{1,2})? \S+ target (>=|<=|>|<|==) -?\d+(\.\d+)? (PASS|FAIL)$"


def test_output_line_has_the_exact_agreed_format():
    assert (
        format_line("catalogue_public_ratio", 0.7312, "ratio", ">=", 0.5, True)
        == "BENCH catalogue_public_ratio 0.73 ratio target >= 0.5 PASS"
    )
    assert (
        format_line("catalogue_public_queries", 7, "queries", "<=", 10, True)
        == "BENCH catalogue_public_queries 7 queries target <= 10 PASS"
    )


def test_result_line_judges_the_value_against_the_target():
    ratio = BENCHMARKS["catalogue_public_ratio"]

    assert result_line(ratio, 0.49).endswith("target >= 0.5 FAIL")
    assert result_line(ratio, 0.5).endswith("target >= 0.5 PASS")


def test_query_count_that_differs_with_data_size_fails_even_under_target():
    queries = BENCHMARKS["catalogue_public_queries"]

    line = result_line(queries, Measurement(value=6, consistent=False))

    assert line == "BENCH catalogue_public_queries 6 queries target <= 10 FAIL"


def test_registry_holds_the_catalogue_benchmarks_with_their_targets():
    assert "bench.catalogue" in BENCHMARK_MODULES
    ratio = BENCHMARKS["catalogue_public_ratio"]
    queries = BENCHMARKS["catalogue_public_queries"]

    assert (ratio.unit, ratio.op, ratio.target) == ("ratio", ">=", 0.5)
    assert (queries.unit, queries.op, queries.target) == ("queries", "<=", 10)
    for registered in BENCHMARKS.values():
        assert registered.description
        assert re.match(LINE_FORMAT, result_line(registered, 1.0))


def test_wrk_report_is_read_for_its_rate():
    report = "Running 10s test @ http://127.0.0.1:1/\n  8 connections\nRequests/sec:   1234.56\nTransfer/sec:  1MB\n"

    assert parse_wrk(report) == 1234.56


def test_wrk_report_with_error_responses_is_a_harness_error():
    report = "  Non-2xx or 3xx responses: 12\nRequests/sec:   9999.00\n"

    with pytest.raises(HarnessError, match="Non-2xx"):
        parse_wrk(report)


def test_load_is_only_ever_sent_to_loopback_addresses():
    with pytest.raises(HarnessError, match="loopback"):
        requests_per_second("http://192.168.1.1/", Load(connections=1, seconds=0.1))


def test_free_port_is_a_bindable_loopback_port():
    port = free_port()

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


class _Hello(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b"hello"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def hello_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_python_load_generator_counts_responses_from_a_local_server(hello_server):
    assert _python_pool(hello_server, connections=2, seconds=0.3) > 0


def test_bare_view_answers_with_a_fixed_string(client, db, settings):
    settings.ROOT_URLCONF = "bench.urls"

    response = client.get("/bench/bare")

    assert response.status_code == 200
    assert response.content == b"bare"
