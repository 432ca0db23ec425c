"""`python -m bench [--only NAME[,NAME]] [--list]`: run the benchmarks, one BENCH line each.

A benchmark that misses its target prints FAIL and the run still exits 0; a benchmark that
could not be measured (server did not start, page answered an error, ...) makes the exit
status 1. Progress goes to stderr so stdout holds only the BENCH lines.
"""

import argparse
import importlib
import os
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Each module registers its benchmarks on import; a later issue adds its module here.
BENCHMARK_MODULES = [
    "bench.catalogue",
    "bench.training",
    "bench.learning",
    "bench.hotline",
    "bench.cases",
]


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def bench_environment() -> dict[str, str]:
    """Environment for this process and for gunicorn: bench settings, its own var directory."""
    # Own variables, not PUTOKAZ_VAR_DIR / DATABASE_URL: a benchmark regenerates (flushes) its
    # database, so it must never pick up the real system's configuration by accident.
    var_dir = os.environ.get("BENCH_VAR_DIR") or str(BASE_DIR / "var" / "bench")
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PUTOKAZ_VAR_DIR": var_dir,
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", ""),
        "PUTOKAZ_DEBUG": "false",
        "PUTOKAZ_HTTPS": "false",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(BASE_DIR), os.environ.get("PYTHONPATH")])),
    }


def load_benchmarks() -> None:
    for module in BENCHMARK_MODULES:
        importlib.import_module(module)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", help="comma-separated benchmark names to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument("--warmup", type=float, default=float(os.environ.get("BENCH_WARMUP", 2)))
    parser.add_argument(
        "--connections", type=int, default=int(os.environ.get("BENCH_CONNECTIONS", 8))
    )
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", 2)))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    env = bench_environment()
    os.environ.update(env)
    var_dir = Path(env["PUTOKAZ_VAR_DIR"])
    var_dir.mkdir(parents=True, exist_ok=True)

    # Keys must exist before Django reads settings (settings load var/bench/secrets.env).
    subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), "ensure_secrets"],
        env={**os.environ, **env},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    import django

    django.setup()

    from bench.registry import BENCHMARKS, result_line

    load_benchmarks()
    if args.list:
        for bench in BENCHMARKS.values():
            print(f"{bench.name}: {bench.description} (target {bench.op} {bench.target:g})")
        return 0
    selected = list(BENCHMARKS) if not args.only else [n.strip() for n in args.only.split(",")]
    unknown = [name for name in selected if name not in BENCHMARKS]
    if unknown:
        log(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
        return 2

    from bench import data
    from bench.context import Context
    from bench.load import Load
    from bench.server import HarnessError

    started = time.monotonic()
    data.prepare_database(var_dir, log)
    context = Context(
        var_dir=var_dir,
        env=env,
        load=Load(args.connections, args.seconds, args.warmup),
        workers=args.workers,
    )
    errors = 0
    try:
        for name in selected:
            bench = BENCHMARKS[name]
            log(f"running {name}: {bench.description}")
            try:
                measured = bench.run(context)
            except HarnessError as error:
                errors += 1
                log(f"ERROR {name}: {error}")
                continue
            note = getattr(measured, "note", "")
            if note:
                log(f"{name}: {note}")
            print(result_line(bench, measured), flush=True)
    finally:
        context.close()
        for path, rate in context.rates.items():
            log(f"{path}: {rate:.1f} requests/s")
    log(f"done in {time.monotonic() - started:.0f} s")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
