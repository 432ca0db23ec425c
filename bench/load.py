"""Load generators: Debian's wrk when installed, otherwise a bounded Python thread pool.

Both use a fixed number of connections for a fixed duration, after a warm-up whose numbers are
thrown away, and both refuse to report a rate for a URL that answers with errors: a fast error
page would otherwise look like a fast page.
"""

import http.client
import re
import secrets
import shutil
import string
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
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
    return parse_wrk(_run_wrk(command, seconds))


def _run_wrk(command: list[str], seconds: float) -> str:
    """wrk's output, or a HarnessError when it fails or overruns the run's length."""
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + 30, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise HarnessError(f"wrk did not finish within {seconds + 30:.0f} s") from error
    if result.returncode != 0:
        raise HarnessError(f"wrk failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


SendRequest = Callable[[http.client.HTTPConnection, int, int], int]


def _threaded_load(
    url: str,
    connections: int,
    seconds: float,
    send: SendRequest,
    *,
    succeeded: Callable[[int], bool],
    stop_on_failure: bool,
) -> tuple[list[int], list[int], float]:
    """One thread per connection, keep-alive where the server allows it, until the deadline.

    `send(conn, thread, counter)` makes one request and returns its status. Returns the counts of
    successful and failed answers per thread and the seconds it took; raises on a connection
    error (and on the first failed answer when `stop_on_failure`).
    """
    parts = urlsplit(url)
    deadline = time.monotonic() + seconds
    successes = [0] * connections
    failures = [0] * connections
    errors: list[str] = []

    def worker(index: int) -> None:
        # HTTPConnection opens the connection again by itself when the server has closed it.
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        counter = 0
        try:
            while time.monotonic() < deadline and not errors:
                status = send(conn, index, counter)
                counter += 1
                if succeeded(status):
                    successes[index] += 1
                elif stop_on_failure:
                    errors.append(f"HTTP {status}")
                    return
                else:
                    failures[index] += 1
        except (OSError, http.client.HTTPException) as error:
            errors.append(repr(error))
        finally:
            conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    elapsed = time.monotonic() - started
    if errors:
        raise HarnessError(f"load against {url} failed: {errors[0]}")
    return successes, failures, elapsed


def _exchange(conn: http.client.HTTPConnection, method: str, path: str, **request: object) -> int:
    conn.request(method, path, **request)  # type: ignore[arg-type]
    response = conn.getresponse()
    response.read()
    if response.will_close:
        conn.close()
    return response.status


def _python_pool(url: str, connections: int, seconds: float) -> float:
    """Successful GETs per second from one thread per connection."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    successes, _, elapsed = _threaded_load(
        url,
        connections,
        seconds,
        lambda conn, thread, counter: _exchange(conn, "GET", path),
        succeeded=lambda status: status < 400,
        stop_on_failure=True,
    )
    return sum(successes) / elapsed


# --- Form posts: every request a new, unique submission -------------------------------------

# A request's tag: the invocation's random letters, the thread as two letters, the counter.
TAG_TOKENS = ("{tag}", "{Tag}")
_WRK_POSTS = re.compile(r"^BENCH_POSTS ok=(\d+) other=(\d+) seconds=([\d.]+)$", re.MULTILINE)


def letters(number: int, width: int = 1) -> str:
    """`number` in base 26 written with a-z, left-padded with "a" to `width`: 0 -> "a", 27 -> "bb"."""
    text = ""
    while True:
        number, digit = divmod(number, 26)
        text = chr(ord("a") + digit) + text
        if number == 0:
            break
    return text.rjust(width, "a")


def request_tag(run: str, thread: int, counter: int) -> str:
    """Unique per (run, thread, counter) and letters only, so it fits names and e-mails alike."""
    return f"{run}{letters(thread, 2)}{letters(counter)}"


def form_body_template(fields: dict[str, str]) -> str:
    """The urlencoded body with "{tag}" / "{Tag}" left in place for each request to fill."""
    from urllib.parse import quote_plus

    parts = []
    for name, value in fields.items():
        pieces = re.split(r"(\{tag\}|\{Tag\})", value)
        encoded = "".join(piece if piece in TAG_TOKENS else quote_plus(piece) for piece in pieces)
        parts.append(f"{quote_plus(name)}={encoded}")
    return "&".join(parts)


def fill_body(template: str, tag: str) -> str:
    return template.replace("{tag}", tag).replace("{Tag}", tag[:1].upper() + tag[1:])


@dataclass(frozen=True)
class FormPost:
    """A form posted over and over, each time with a different tag in its templated fields."""

    url: str
    body_template: str
    headers: dict[str, str]
    success_status: int = 302


@dataclass(frozen=True)
class PostResult:
    successes: int
    failures: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.successes / self.seconds if self.seconds > 0 else 0.0


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def wrk_post_script(post: FormPost, run: str) -> str:
    """A wrk Lua script: POST with a unique tag per request, count successes per thread, and
    print one BENCH_POSTS line at the end (wrk's own report counts a 200 form error as fine)."""
    path = urlsplit(post.url).path
    headers = "\n".join(
        f"  [{_lua_string(name)}] = {_lua_string(value)}," for name, value in post.headers.items()
    )
    return f"""-- Generated by bench/load.py for one wrk run; safe to delete.
local path = {_lua_string(path)}
local template = {_lua_string(post.body_template)}
local run = {_lua_string(run)}
local success = {post.success_status}
local headers = {{
{headers}
  ["Content-Type"] = "application/x-www-form-urlencoded",
}}
local threads = {{}}
local next_id = 0
id = 0
counter = 0
ok = 0
other = 0

local function letters(number, width)
  local text = ""
  repeat
    local digit = number % 26
    text = string.char(97 + digit) .. text
    number = (number - digit) / 26
  until number == 0
  while #text < width do text = "a" .. text end
  return text
end

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function request()
  local tag = run .. letters(id, 2) .. letters(counter, 1)
  counter = counter + 1
  local title = string.upper(string.sub(tag, 1, 1)) .. string.sub(tag, 2)
  local body = template:gsub("{{tag}}", tag):gsub("{{Tag}}", title)
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == success then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local total_ok, total_other = 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_other = total_other + thread:get("other")
  end
  io.write(string.format("BENCH_POSTS ok=%d other=%d seconds=%.3f\\n",
    total_ok, total_other, summary.duration / 1000000))
end
"""


def parse_wrk_posts(output: str) -> PostResult:
    found = _WRK_POSTS.search(output)
    if found is None:
        raise HarnessError(f"wrk printed no BENCH_POSTS line:\n{output}")
    return PostResult(int(found.group(1)), int(found.group(2)), float(found.group(3)))


def post_rate(post: FormPost, load: Load, script_dir: Path) -> PostResult:
    """Sustained successful form posts per second (wrk with a Lua script, or Python threads)."""
    _check_loopback(post.url)
    seconds = min(load.seconds, MAX_SECONDS)
    warmup = min(load.warmup_seconds, MAX_SECONDS)
    use_wrk = shutil.which(WRK) is not None

    def measure(duration: float) -> PostResult:
        run = "".join(secrets.choice(string.ascii_lowercase) for _ in range(8))
        if use_wrk:
            return _wrk_posts(post, run, load.connections, duration, script_dir)
        return _python_posts(post, run, load.connections, duration)

    if warmup > 0:
        measure(warmup)
    result = measure(seconds)
    if result.successes == 0:
        raise HarnessError(f"no POST to {post.url} succeeded ({result.failures} failed)")
    return result


def _wrk_posts(
    post: FormPost, run: str, connections: int, seconds: float, script_dir: Path
) -> PostResult:
    script_dir.mkdir(parents=True, exist_ok=True)
    script = script_dir / "post.lua"
    script.write_text(wrk_post_script(post, run))
    threads = max(1, min(2, connections))
    command = [
        WRK,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        post.url,
    ]
    return parse_wrk_posts(_run_wrk(command, seconds))


def _python_posts(post: FormPost, run: str, connections: int, seconds: float) -> PostResult:
    """One thread per connection posting new submissions until the deadline."""
    path = urlsplit(post.url).path
    headers = {**post.headers, "Content-Type": "application/x-www-form-urlencoded"}

    def send(conn: http.client.HTTPConnection, thread: int, counter: int) -> int:
        body = fill_body(post.body_template, request_tag(run, thread, counter))
        return _exchange(conn, "POST", path, body=body.encode(), headers=headers)

    # Only the expected answer counts as a submission kept; any other is counted, not fatal.
    successes, failures, elapsed = _threaded_load(
        post.url,
        connections,
        seconds,
        send,
        succeeded=lambda status: status == post.success_status,
        stop_on_failure=False,
    )
    return PostResult(sum(successes), sum(failures), elapsed)
