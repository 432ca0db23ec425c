"""What benchmarks of one run share: the bench database, one production server, the baseline."""

from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from bench import server
from bench.load import Load, requests_per_second

BARE_PATH = "/bench/bare"


@dataclass
class Context:
    """Started lazily: a run of query-count benchmarks alone never starts gunicorn."""

    var_dir: Path
    env: dict[str, str]
    load: Load = field(default_factory=Load)
    workers: int = 2
    _stack: ExitStack = field(default_factory=ExitStack)
    _server: server.Server | None = None
    rates: dict[str, float] = field(default_factory=dict)

    def server(self) -> server.Server:
        if self._server is None:
            self._server = self._stack.enter_context(
                server.running_server(self.env, self.workers, self.var_dir / "gunicorn.log")
            )
        return self._server

    def requests_per_second(self, path: str) -> float:
        """Rate of `path` on this run's server, measured once per run and remembered."""
        if path not in self.rates:
            self.rates[path] = requests_per_second(self.server().url + path, self.load)
        return self.rates[path]

    def ratio_to_bare(self, path: str) -> float:
        """Rate of `path` divided by the bare view's rate, both measured on the same server."""
        bare = self.requests_per_second(BARE_PATH)
        return self.requests_per_second(path) / bare

    def close(self) -> None:
        self._stack.close()
