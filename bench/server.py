"""Start and stop the production server (gunicorn) on a free loopback port for a benchmark run."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
STARTUP_SECONDS = 60
STOP_SECONDS = 10


class HarnessError(RuntimeError):
    """The benchmark could not be measured (as opposed to measured and found too slow)."""


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen[bytes]


def free_port() -> int:
    """A port the kernel just gave out on the loopback interface (bind to :0, read, release)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_until_healthy(server: Server, deadline_seconds: float = STARTUP_SECONDS) -> None:
    """Poll /healthz until it answers 200; fail if gunicorn exits or the deadline passes."""
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise HarnessError(f"gunicorn exited with {server.process.returncode} while starting")
        try:
            with urllib.request.urlopen(f"{server.url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise HarnessError(f"{server.url}/healthz did not answer within {deadline_seconds:.0f} s")


def stop(server: Server) -> None:
    """Ask gunicorn to stop (SIGTERM, it stops its workers), then kill it if it lingers."""
    if server.process.poll() is not None:
        return
    server.process.terminate()
    try:
        server.process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=STOP_SECONDS)


@contextmanager
def running_server(env: dict[str, str], workers: int, log_path: Path) -> Iterator[Server]:
    """gunicorn serving putokaz.wsgi with the given environment; always stopped on exit."""
    port = free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "putokaz.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--error-logfile",
        "-",
    ]
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            command,
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=Path(__file__).resolve().parent.parent,
        )
        server = Server(url=f"http://{HOST}:{port}", process=process)
        try:
            wait_until_healthy(server)
            yield server
        finally:
            stop(server)
