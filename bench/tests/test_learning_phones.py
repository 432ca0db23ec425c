"""The barometer benchmark's data and clients against the real views: the generated round is
open with live results, a phone joins and votes like a phone, and the projector sees it."""

import pytest

from bench import data
from bench.learning import (
    barometer_round,
    phone_votes,
    projector_browser,
    run_phones,
    tally_counts,
)


def _generate_barometer():
    from catalogue.tests.factories import AccreditationFactory
    from core.tests.factories import OrganisationFactory

    organisation = OrganisationFactory(slug=data.BENCH_ORGANISATION_SLUG)
    AccreditationFactory(programme__organisation=organisation, organisation=organisation)
    data.generate_training(organisation)
    data.generate_barometer(organisation)


@pytest.mark.django_db
def test_generated_round_is_open_with_live_results_and_is_put_back_so():
    from learning.models import BarometerRound, ResultsVisibility, RoundState

    _generate_barometer()
    BarometerRound.objects.update(state=RoundState.REVEALED, allow_change=False)

    round = barometer_round()

    assert round.session.code == data.BAROMETER_CODE
    assert round.session.training.slug == data.BAROMETER_TRAINING
    assert (round.state, round.visibility, round.allow_change) == (
        RoundState.OPEN,
        ResultsVisibility.ALWAYS,
        True,
    )


@pytest.mark.django_db(transaction=True)
def test_phones_vote_through_the_public_pages_and_the_projector_tally_counts_them(live_server):
    from learning.models import BarometerVote

    _generate_barometer()
    round = barometer_round()

    votes = run_phones(
        6, 0.3, lambda number: phone_votes(live_server.url, round.session.code, number)
    )
    tally = tally_counts(projector_browser(live_server.url), round)

    assert [vote.problem for vote in votes] == [""] * 6
    assert all(len(vote.steps) == 3 for vote in votes)
    # Six phones, six devices: one vote each, answered as bench.learning.ANSWERS says.
    assert BarometerVote.objects.filter(round=round).values("device").distinct().count() == 6
    assert tally == {"agree": 4, "unsure": 1, "disagree": 1}


@pytest.mark.django_db(transaction=True)
def test_a_phone_whose_round_has_closed_reports_the_refusal(live_server):
    from learning.models import BarometerRound, RoundState

    _generate_barometer()
    round = barometer_round()
    BarometerRound.objects.filter(pk=round.pk).update(state=RoundState.CLOSED)

    vote = phone_votes(live_server.url, round.session.code, 0)

    assert not vote.accepted
    assert vote.problem == "the voting page offers no vote"
