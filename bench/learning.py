"""The Social Barometer under a full room: 500 phones join one round and vote within 10 seconds
while the projector polls the tally, against the production server.

One load run feeds both benchmarks (it is run once per `python -m bench` and remembered):

- every phone is a fresh HTTP client with its own cookie jar, so its own device cookie and CSRF
  pair; it does what a phone does — GET the voting page the QR code opens, POST the answer it
  pressed (the page's form), follow the redirect back to the page — and the phones start evenly
  spread over the 10 seconds (50 a second), run by a thread pool;
- meanwhile one "projector", signed in as the coordinator, polls the tally JSON as
  static/js/barometer-projector.js does, and writes down when each answer arrived and the total
  count it showed.

The data (bench.data.generate_barometer): a training of the bench organisation with an open
barometer session and an open round whose results are shown live. The round's votes are deleted
before and after the run, so a re-run measures the same thing.
"""

import http.client
import json
import math
import re
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urlsplit

from bench import data
from bench.context import Context
from bench.load import _check_loopback
from bench.registry import Measurement, benchmark
from bench.server import HarnessError
from bench.training import machine_load

PHONES = 500
VOTING_SECONDS = 10.0
THREADS = 100  # phones in flight at once: when answers slow down, more wait (as in a room)
# The projector keeps polling this long after the last vote was answered, so a late vote can
# still be seen (and a vote not seen by then counts as never shown).
SETTLE_SECONDS = 5.0
REQUEST_TIMEOUT = 30


# --- What a run records -------------------------------------------------------------------------


@dataclass(frozen=True)
class Vote:
    """One phone's attempt: when its vote was answered (time.monotonic) and whether it counted."""

    phone: int
    answered: float
    accepted: bool
    problem: str = ""
    # Seconds each request took: the voting page, the vote, the page after the vote (STEPS).
    steps: tuple[float, ...] = ()


@dataclass(frozen=True)
class Poll:
    """One projector poll: when its answer arrived and the total number of votes it showed."""

    answered: float
    total: int


@dataclass
class BarometerRun:
    votes: list[Vote]
    polls: list[Poll]
    started: float
    last_vote: float
    stored: int  # the round's votes in the database afterwards
    final_tally: dict[str, int] = field(default_factory=dict)

    @property
    def accepted(self) -> list[Vote]:
        return [vote for vote in self.votes if vote.accepted]

    @property
    def refused(self) -> list[Vote]:
        return [vote for vote in self.votes if not vote.accepted]

    @property
    def final_total(self) -> int:
        return sum(self.final_tally.values())

    def lost(self) -> int:
        """Votes not answered with success, plus accepted votes missing from the database or
        from the projector's final tally (whichever shows fewer)."""
        missing = max(0, len(self.accepted) - min(self.stored, self.final_total))
        return len(self.refused) + missing


# --- Latency of the tally -----------------------------------------------------------------------


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `fraction` of all values at
    or below it (p95 of 20 values is the 19th smallest)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def tally_latencies(vote_times: Sequence[float], polls: Sequence[Poll]) -> list[float | None]:
    """For each accepted vote, seconds from its response to the first poll answer that shows it.

    The tally gives counts, not voters, so "shows it" is decided by counting: sorted by the time
    their responses arrived, the k-th vote has been seen when a poll answered at or after that
    time shows a total of at least k. (A vote answered earlier was committed earlier, so it is
    among the first k the database counts; a total of k or more therefore includes the k-th.)
    A vote no poll showed before the projector stopped gets None.
    Returned in the order of `vote_times` sorted, i.e. the k-th entry is the k-th vote.
    """
    ordered_polls = sorted(polls, key=lambda poll: poll.answered)
    latencies: list[float | None] = []
    index = 0
    for k, answered in enumerate(sorted(vote_times), start=1):
        # Both the time and k only grow, so the first qualifying poll only moves forward.
        while index < len(ordered_polls) and (
            ordered_polls[index].answered < answered or ordered_polls[index].total < k
        ):
            index += 1
        if index == len(ordered_polls):
            latencies.extend([None] * (len(vote_times) - k + 1))
            break
        latencies.append(ordered_polls[index].answered - answered)
    return latencies


def tally_measurement(run: BarometerRun) -> Measurement:
    """p95 of the tally latencies in ms; a vote never shown counts as the whole wait after it and
    makes the result inconsistent (it cannot pass)."""
    answered = [vote.answered for vote in run.accepted]
    if not answered:
        raise HarnessError("no vote was accepted, so no latency can be measured")
    latencies = tally_latencies(answered, run.polls)
    end = run.polls[-1].answered if run.polls else max(answered)
    unseen = latencies.count(None)
    milliseconds = [
        1000 * (latency if latency is not None else end - vote)
        for latency, vote in zip(latencies, sorted(answered), strict=True)
    ]
    gaps = [b.answered - a.answered for a, b in zip(run.polls, run.polls[1:], strict=False)]
    note = (
        f"{len(milliseconds)} votes: median {percentile(milliseconds, 0.5):.0f} ms, "
        f"p95 {percentile(milliseconds, 0.95):.0f} ms, max {max(milliseconds):.0f} ms; "
        f"{len(run.polls)} polls, "
        f"{1000 * (sum(gaps) / len(gaps) if gaps else 0):.0f} ms apart on average"
        + (f"; {unseen} votes never shown by the tally" if unseen else "")
    )
    return Measurement(
        percentile(milliseconds, 0.95), consistent=not unseen, note=f"{note}; {machine_load()}"
    )


def lost_measurement(run: BarometerRun) -> Measurement:
    problems: dict[str, int] = {}
    for vote in run.refused:
        problems[vote.problem] = problems.get(vote.problem, 0) + 1
    tally = ", ".join(f"{choice} {count}" for choice, count in run.final_tally.items())
    note = (
        f"{len(run.votes)} phones voted in {run.last_vote - run.started:.1f} s, "
        f"{len(run.accepted)} accepted, {run.stored} in the database, "
        f"the projector's tally at the end: {tally or 'nothing'} (total {run.final_total})"
    )
    timed = [vote.steps for vote in run.votes if len(vote.steps) == len(STEPS)]
    if timed:
        note += "; median / p95 ms per request: " + ", ".join(
            f"{name} {1000 * percentile([t[i] for t in timed], 0.5):.0f} / "
            f"{1000 * percentile([t[i] for t in timed], 0.95):.0f}"
            for i, name in enumerate(STEPS)
        )
    if problems:
        note += "; refused: " + "; ".join(f"{n}× {problem}" for problem, n in problems.items())
    return Measurement(run.lost(), note=f"{note}; {machine_load()}")


STEPS = ("page", "vote", "page after the vote")


# --- A phone ------------------------------------------------------------------------------------


class Phone:
    """A browser reduced to what a voting phone needs: one connection, its own cookie jar."""

    def __init__(self, base_url: str) -> None:
        _check_loopback(base_url)
        parts = urlsplit(base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)

    def request(
        self, method: str, path: str, body: str | None = None, content_type: str = ""
    ) -> tuple[int, str, str]:
        """Status, Location and body of one request, sending and keeping cookies."""
        headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "sr-latn"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = content_type
            headers["Origin"] = f"http://{self.host}:{self.port}"  # a browser sends it
        self.conn.request(
            method, path, body=None if body is None else body.encode(), headers=headers
        )
        response = self.conn.getresponse()
        text = response.read().decode(errors="replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        if response.will_close:
            self.conn.close()
        return response.status, response.headers.get("Location", ""), text

    def get_json(self, path: str) -> Any:
        status, _, text = self.request("GET", path)
        if status != 200:
            raise HarnessError(f"GET {path} answered {status}")
        return json.loads(text)

    def post_json(self, path: str, body: str) -> tuple[int, Any]:
        """Status and decoded answer of a JSON POST (an answer that is not JSON decodes to {})."""
        status, _, text = self.request("POST", path, body, "application/json")
        try:
            return status, json.loads(text)
        except ValueError:
            return status, {}

    def close(self) -> None:
        self.conn.close()


# --- The run ------------------------------------------------------------------------------------


def run_phones(
    count: int, seconds: float, vote: Callable[[int], Vote], threads: int = THREADS
) -> list[Vote]:
    """Start `count` phones evenly over `seconds` (phone i at i·seconds/count) and collect what
    each one's `vote(i)` recorded. An exception in a phone is a refused vote, not a crash."""
    started = time.monotonic()

    def phone(number: int) -> Vote:
        delay = started + number * seconds / count - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        try:
            return vote(number)
        except (OSError, http.client.HTTPException, HarnessError) as error:
            return Vote(number, time.monotonic(), False, type(error).__name__)

    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="phone") as pool:
        return list(pool.map(phone, range(count)))


class Projector(threading.Thread):
    """Polls the tally like the projector page does, from start() until stop() + settle time."""

    def __init__(self, poll: Callable[[], int], interval: float) -> None:
        super().__init__(name="projector", daemon=True)
        self.poll = poll
        self.interval = interval
        self.polls: list[Poll] = []
        self.errors: list[str] = []
        self._stop_at: float | None = None

    def run(self) -> None:
        started = time.monotonic()
        while self._stop_at is None or time.monotonic() < self._stop_at:
            try:
                total = self.poll()
            except (OSError, http.client.HTTPException, HarnessError, ValueError) as error:
                self.errors.append(repr(error))
            else:
                self.polls.append(Poll(time.monotonic(), total))
            # The page's setInterval skips ticks while a poll is in flight: the next poll goes
            # at the first tick after this answer.
            time.sleep(self.interval - (time.monotonic() - started) % self.interval)

    def finish(self, settle: float) -> list[Poll]:
        self._stop_at = time.monotonic() + settle
        self.join(timeout=settle + REQUEST_TIMEOUT + self.interval)
        return self.polls


def run_barometer_load(context: Context) -> BarometerRun:
    """The round emptied, a check phone's vote, then 500 phones while the projector polls."""
    from learning.models import BarometerVote

    round = barometer_round()
    base_url = context.server().url
    BarometerVote.objects.filter(round=round).delete()
    try:
        check = phone_votes(base_url, round.session.code, 0)
        if not check.accepted:
            raise HarnessError(f"a phone's vote was not accepted: {check.problem}")
        if BarometerVote.objects.filter(round=round).count() != 1:
            raise HarnessError("a phone's vote was accepted but is not in the database")
        BarometerVote.objects.filter(round=round).delete()

        browser = projector_browser(base_url)
        tally_counts(browser, round)  # signed in, and the round's results are shown
        projector = Projector(lambda: sum(tally_counts(browser, round).values()), poll_seconds())
        projector.start()
        started = time.monotonic()
        votes = run_phones(
            PHONES, VOTING_SECONDS, lambda number: phone_votes(base_url, round.session.code, number)
        )
        last_vote = max(vote.answered for vote in votes)
        polls = projector.finish(SETTLE_SECONDS)
        if projector.errors:
            raise HarnessError(
                f"{len(projector.errors)} tally polls failed, first: {projector.errors[0]}"
            )
        stored = BarometerVote.objects.filter(round=round).count()
        final_tally = tally_counts(browser, round)
    finally:
        BarometerVote.objects.filter(round=round).delete()
    return BarometerRun(votes, polls, started, last_vote, stored, final_tally)


def barometer_round() -> "Any":
    """The bench data's open round, put back into the state the benchmark expects."""
    from learning.models import BarometerRound, BarometerSession, ResultsVisibility, RoundState

    round = (
        BarometerRound.objects.select_related("session")
        .filter(session__training__slug=data.BAROMETER_TRAINING, session__code=data.BAROMETER_CODE)
        .first()
    )
    if round is None:
        raise HarnessError("the bench data set has no barometer round (rebuild: make clean)")
    BarometerSession.objects.filter(pk=round.session_id).update(ended_at=None)
    BarometerRound.objects.filter(pk=round.pk).update(
        state=RoundState.OPEN,
        visibility=ResultsVisibility.ALWAYS,
        allow_change=True,
        room_mode=False,
    )
    round.refresh_from_db()
    return round


# One load run per `python -m bench` feeds both benchmarks.
_runs: dict[int, BarometerRun] = {}


def barometer_run(context: Context) -> BarometerRun:
    if id(context) not in _runs:
        _runs[id(context)] = run_barometer_load(context)
    return _runs[id(context)]


@benchmark("barometer_500_lost_votes", unit="votes", op="<=", target=0)
def barometer_500_lost_votes(context: Context) -> Measurement:
    """Votes lost when 500 phones join one round and vote within 10 s (refused or not counted)."""
    return lost_measurement(barometer_run(context))


@benchmark("barometer_tally_p95_ms", unit="ms", op="<=", target=1000)
def barometer_tally_p95_ms(context: Context) -> Measurement:
    """95th percentile ms from a vote's response to the projector's tally showing it (500 phones)."""
    return tally_measurement(barometer_run(context))


# --- What a phone and the projector do (learning/views/join.py, learning/views/barometer.py) ---


# The projector page's polling interval (learning.views.barometer.TALLY_POLL_MS, which
# static/js/barometer-projector.js reads from the page).
def poll_seconds() -> float:
    from learning.views.barometer import TALLY_POLL_MS

    return TALLY_POLL_MS / 1000


def projector_browser(base_url: str) -> Phone:
    """The trainer's browser: signed in as the bench coordinator, second factor passed."""
    from django.conf import settings

    from bench.training import coordinator_client

    browser = Phone(base_url)
    browser.cookies[settings.SESSION_COOKIE_NAME] = (
        coordinator_client().cookies[settings.SESSION_COOKIE_NAME].value
    )
    return browser


def tally_url(round: Any) -> str:
    from django.urls import reverse

    return reverse("learning:barometer_tally", args=[round.session_id])


def tally_counts(browser: Phone, round: Any) -> dict[str, int]:
    """The projector's tally of the round: votes per answer (the round shows results live)."""
    tally = browser.get_json(tally_url(round))
    if tally.get("round") != round.pk or not tally.get("visible"):
        raise HarnessError(f"the tally does not show the bench round's results: {tally}")
    counts = {row["answer"]: int(row["count"]) for row in tally["rows"]}
    if sum(counts.values()) != tally["votes"]:
        raise HarnessError(f"the tally's rows do not add up to its total: {tally}")
    return counts


FORM = "application/x-www-form-urlencoded"
_CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_ROUND_FIELD = re.compile(r'name="round" value="(\d+)"')
_REFUSAL = re.compile(r'role="alert"[^>]*>([^<]{1,200})<')

# How the room answers: a statement that splits it, mostly the wrong way (it is a myth).
ANSWERS = ("agree", "agree", "unsure", "disagree", "agree")


def phone_votes(base_url: str, code: str, number: int) -> Vote:
    """What phone `number` does: open the voting page from the QR code (its device cookie and
    CSRF pair come with it), press an answer (the page's form POST), and follow the redirect
    back to the page, which now shows its answer. The vote's response is the redirect."""
    from django.urls import reverse

    page = reverse("learning:join_session", args=[code])
    phone = Phone(base_url)
    steps: list[float] = []
    clock = time.monotonic()

    def step() -> None:
        nonlocal clock
        now = time.monotonic()
        steps.append(now - clock)
        clock = now

    try:
        status, _, html = phone.request("GET", page)
        step()
        if status != 200:
            return Vote(number, time.monotonic(), False, f"voting page answered {status}")
        token, round_id = _CSRF_TOKEN.search(html), _ROUND_FIELD.search(html)
        if token is None or round_id is None or "data-phone-form hidden" in html:
            return Vote(number, time.monotonic(), False, "the voting page offers no vote")
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "round": round_id.group(1),
            "answer": ANSWERS[number % len(ANSWERS)],
        }
        status, location, answer = phone.request("POST", page, urlencode(form), FORM)
        answered = time.monotonic()
        step()
        if status != 302 or urlsplit(location).path != page:
            refusal = _REFUSAL.search(answer)
            reason = f": {refusal.group(1).strip()}" if refusal else ""
            return Vote(number, answered, False, f"vote answered {status}{reason}")
        status, _, _ = phone.request("GET", page)
        step()
    finally:
        phone.close()
    return Vote(number, answered, True, steps=tuple(steps))
