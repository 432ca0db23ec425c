"""Load generators: Debian's wrk when installed, otherwise a bounded Python thread pool.

Both use a fixed number of connections for a fixed duration, after a warm-up whose numbers are
thrown away, and both refuse to report a rate for a URL that answers with errors: a fast error
page would otherwise look like a fast page.
"""

import http.client
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from bench.server import HarnessError

WRK = "wrk"
MAX_SECONDS = 120  # no load run may last longer than this, whatever it is asked for


@dataclass(frozen=True)
class Load:
    connections: int = 8
    seconds: float = 10.0
    warmup_seconds: float = 2.0


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if not (host.startswith("127.") or host in ("localhost", "::1")):
        raise HarnessError(f"refusing to send load to {host!r}: loopback addresses only")


def requests_per_second(url: str, load: Load) -> float:
    """Sustained successful requests per second against `url`."""
    _check_loopback(url)
    seconds = min(load.seconds, MAX_SECONDS)
    warmup = min(load.warmup_seconds, MAX_SECONDS)
    measure = _wrk if shutil.which(WRK) else _python_pool
    if warmup > 0:
        measure(url, load.connections, warmup)
    return measure(url, load.connections, seconds)


_WRK_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_WRK_ERRORS = re.compile(r"^\s*(Non-2xx or 3xx responses|Socket errors):.*$", re.MULTILINE)


def parse_wrk(output: str) -> float:
    """The rate from wrk's report; an error if any response failed."""
    errors = _WRK_ERRORS.search(output)
    if errors:
        raise HarnessError(f"wrk saw failures: {errors.group(0).strip()}")
    rate = _WRK_RATE.search(output)
    if rate is None:
        raise HarnessError(f"wrk printed no rate:\n{output}")
    return float(rate.group(1))


def _wrk(url: str, connections: int, seconds: float) -> float:
    threads = max(1, min(2, connections))
    command = [WRK, f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", url]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + 30, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise HarnessError(f"wrk did not finish within {seconds + 30:.0f} s") from error
    if result.returncode != 0:
        raise HarnessError(f"wrk failed ({result.returncode}): {result.stderr.strip()}")
    return parse_wrk(result.stdout)


def _python_pool(url: str, connections: int, seconds: float) -> float:
    """One thread per connection, keep-alive where the server allows it, until the deadline."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.monotonic() + seconds
    counts = [0] * connections
    failures: list[str] = []

    def worker(index: int) -> None:
        conn: http.client.HTTPConnection | None = None
        while time.monotonic() < deadline and not failures:
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    failures.append(f"HTTP {response.status}")
                    return
                counts[index] += 1
                if response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as error:
                failures.append(repr(error))
                return
        if conn is not None:
            conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    elapsed = time.monotonic() - started
    if failures:
        raise HarnessError(f"load against {url} failed: {failures[0]}")
    return sum(counts) / elapsed
