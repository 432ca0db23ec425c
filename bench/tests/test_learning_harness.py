"""Fast checks of the barometer benchmarks' harness: the percentile, the count-based tally
latency on synthetic timelines, the lost-vote sum, the phone schedule and the projector."""

import threading
import time

import pytest

import bench.learning  # noqa: F401  (registers the barometer benchmarks)
from bench.__main__ import BENCHMARK_MODULES
from bench.learning import (
    BarometerRun,
    Poll,
    Projector,
    Vote,
    lost_measurement,
    percentile,
    run_phones,
    tally_latencies,
    tally_measurement,
)
from bench.registry import BENCHMARKS, result_line


def test_barometer_benchmarks_are_registered_with_their_targets():
    assert "bench.learning" in BENCHMARK_MODULES
    targets = {
        name: (bench.unit, bench.op, bench.target)
        for name, bench in BENCHMARKS.items()
        if name.startswith("barometer_")
    }

    assert targets == {
        "barometer_500_lost_votes": ("votes", "<=", 0),
        "barometer_tally_p95_ms": ("ms", "<=", 1000),
    }


def test_percentile_is_the_nearest_rank():
    values = list(range(1, 21))  # 1..20

    assert percentile(values, 0.95) == 19
    assert percentile(values, 0.5) == 10
    assert percentile(values, 1.0) == 20
    assert percentile([7.5], 0.95) == 7.5
    assert percentile([3, 1, 2], 0.95) == 3  # unsorted input
    with pytest.raises(ValueError):
        percentile([], 0.95)


def test_a_vote_is_seen_by_the_first_poll_after_it_that_counts_enough_votes():
    votes = [1.0, 1.1, 2.0]
    polls = [Poll(0.5, 0), Poll(1.05, 1), Poll(1.2, 1), Poll(1.7, 2), Poll(2.2, 3)]

    latencies = tally_latencies(votes, polls)

    # Vote 1 by the poll at 1.05; vote 2 (at 1.1) not by 1.2's total of 1, but by 1.7's 2.
    assert latencies == pytest.approx([0.05, 0.6, 0.2])


def test_a_poll_answered_before_the_vote_does_not_count_even_if_its_total_is_high():
    # The vote was committed (and counted by the poll) before its own response arrived.
    latencies = tally_latencies([1.0], [Poll(0.9, 1), Poll(1.4, 1)])

    assert latencies == pytest.approx([0.4])


def test_votes_are_taken_in_the_order_their_responses_arrived():
    latencies = tally_latencies([2.0, 1.0], [Poll(1.5, 1), Poll(2.5, 2)])

    assert latencies == pytest.approx([0.5, 0.5])


def test_votes_no_poll_showed_have_no_latency():
    latencies = tally_latencies([1.0, 2.0, 3.0], [Poll(1.5, 1), Poll(2.5, 1), Poll(3.5, 1)])

    assert latencies[0] == pytest.approx(0.5)
    assert latencies[1:] == [None, None]


def _run(votes, polls, stored=None, tally=None):
    accepted = sum(vote.accepted for vote in votes)
    return BarometerRun(
        votes=votes,
        polls=polls,
        started=0.0,
        last_vote=max(vote.answered for vote in votes),
        stored=accepted if stored is None else stored,
        final_tally=tally if tally is not None else {"agree": accepted},
    )


def test_tally_p95_over_a_steady_stream_of_votes_and_polls():
    # 100 votes 0.1 s apart from t=0.05; polls every 0.5 s always show every vote answered.
    votes = [Vote(i, 0.05 + i / 10, True) for i in range(100)]
    polls = [Poll(t / 2, sum(v.answered <= t / 2 for v in votes)) for t in range(1, 24)]

    measured = tally_measurement(_run(votes, polls))

    # Each vote waits for the next half-second poll: 50..450 ms, so p95 = 450 ms.
    assert measured.value == pytest.approx(450)
    assert measured.consistent
    assert "100 votes" in measured.note


def test_a_vote_never_shown_makes_the_latency_fail_whatever_its_value():
    votes = [Vote(0, 1.0, True), Vote(1, 2.0, True)]
    measured = tally_measurement(_run(votes, [Poll(1.2, 1), Poll(2.2, 1)]))

    assert not measured.consistent
    assert "1 votes never shown" in measured.note
    assert result_line(BENCHMARKS["barometer_tally_p95_ms"], measured).endswith("FAIL")


def test_lost_votes_are_refused_ones_plus_accepted_ones_missing_from_database_or_tally():
    votes = [Vote(i, i, True) for i in range(10)] + [Vote(10, 10, False, "HTTP 500")]

    assert _run(votes, [], stored=10, tally={"agree": 6, "disagree": 4}).lost() == 1
    assert _run(votes, [], stored=9, tally={"agree": 10}).lost() == 2
    assert _run(votes, [], stored=10, tally={"agree": 8}).lost() == 3
    measured = lost_measurement(_run(votes, [], stored=10, tally={"agree": 10}))
    assert measured.value == 1
    assert "11 phones" in measured.note and "1× HTTP 500" in measured.note


def test_phones_start_spread_over_the_period_and_a_failing_phone_is_a_refused_vote():
    starts: dict[int, float] = {}
    began = time.monotonic()

    def vote(number: int) -> Vote:
        starts[number] = time.monotonic() - began
        if number == 3:
            raise ConnectionResetError("gone")
        return Vote(number, time.monotonic(), True)

    votes = run_phones(10, 0.5, vote, threads=4)

    assert [vote.phone for vote in votes] == list(range(10))
    assert [vote.accepted for vote in votes].count(False) == 1
    assert votes[3].problem == "ConnectionResetError"
    assert starts[9] == pytest.approx(0.45, abs=0.1)
    assert starts[0] < starts[5] < starts[9]


def test_projector_polls_at_its_interval_until_the_settle_time_has_passed():
    counter = iter(range(1000))
    lock = threading.Lock()

    def poll() -> int:
        with lock:
            return next(counter)

    projector = Projector(poll, interval=0.05)
    projector.start()
    time.sleep(0.2)
    polls = projector.finish(settle=0.1)

    assert 4 <= len(polls) <= 9
    assert [p.total for p in polls] == list(range(len(polls)))
    assert not projector.is_alive()
