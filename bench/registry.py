"""The benchmarks by name, their targets, and the one output line each prints.

A benchmark module registers its functions with `@benchmark(...)` and is listed in
`bench.__main__.BENCHMARK_MODULES`. A function gets the run's `Context` and returns the value
(or a `Measurement` when it can also tell that the value is not trustworthy as a pass).
"""

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from bench.context import Context

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
}


class Measurement(NamedTuple):
    value: float
    # False fails the benchmark whatever the value (e.g. query counts that grow with the data).
    consistent: bool = True
    note: str = ""


@dataclass(frozen=True)
class Benchmark:
    name: str
    unit: str
    op: str
    target: float
    run: "Callable[[Context], float | Measurement]"
    description: str


BENCHMARKS: dict[str, Benchmark] = {}


def benchmark(
    name: str, *, unit: str, op: str, target: float
) -> (
    "Callable[[Callable[[Context], float | Measurement]], Callable[[Context], float | Measurement]]"
):
    """Register the decorated function as the benchmark `name` with its target."""
    if op not in OPERATORS:
        raise ValueError(f"unknown comparison {op!r}")

    def register(
        function: "Callable[[Context], float | Measurement]",
    ) -> "Callable[[Context], float | Measurement]":
        if name in BENCHMARKS:
            raise ValueError(f"benchmark {name!r} is registered twice")
        description = (function.__doc__ or "").strip().splitlines()
        BENCHMARKS[name] = Benchmark(
            name, unit, op, target, function, description[0] if description else ""
        )
        return function

    return register


def format_number(value: float) -> str:
    """At most two decimals, no trailing zeros: 7, 0.5, 0.73, 1234.57."""
    text = f"{round(float(value), 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def passes(value: float, op: str, target: float) -> bool:
    return OPERATORS[op](value, target)


def format_line(name: str, value: float, unit: str, op: str, target: float, passed: bool) -> str:
    """`BENCH <name> <value> <unit> target <op> <number> PASS|FAIL` — the format CI greps for."""
    verdict = "PASS" if passed else "FAIL"
    return (
        f"BENCH {name} {format_number(value)} {unit} target {op} {format_number(target)} {verdict}"
    )


def result_line(bench: Benchmark, measured: float | Measurement) -> str:
    """The output line for a benchmark's measured value, judged against its target."""
    measurement = measured if isinstance(measured, Measurement) else Measurement(measured)
    passed = measurement.consistent and passes(measurement.value, bench.op, bench.target)
    return format_line(bench.name, measurement.value, bench.unit, bench.op, bench.target, passed)
