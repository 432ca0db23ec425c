"""gunicorn settings for `make run`: the task worker and the scheduler live and die with the
web server, so one command serves the whole system and Ctrl-C stops all of it."""

import subprocess
import sys
from pathlib import Path

from gunicorn.arbiter import Arbiter

BASE_DIR = Path(__file__).resolve().parent.parent
COMPANIONS = (["db_worker", "--no-reload"], ["scheduler"])
_processes: list[subprocess.Popen[bytes]] = []


def on_starting(server: Arbiter) -> None:
    for command in COMPANIONS:  # fixed commands, no user input
        _processes.append(subprocess.Popen([sys.executable, "manage.py", *command], cwd=BASE_DIR))  # noqa: S603


def on_exit(server: Arbiter) -> None:
    for process in _processes:
        process.terminate()
    for process in _processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
