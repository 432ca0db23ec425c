"""In a real browser: a coordinator plans a two-day training, lands on its page, and finds the
public address to share and the agenda PDF; both screens pass axe-core."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalogue.tests.factories import AccreditationFactory, ProgrammeFactory
from core.models import Role
from core.tests.browser import assert_accessible, sign_in_as
from core.tests.factories import MembershipFactory, PersonFactory
from training.models import Training

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBMIT = "main form.training-form button[type=submit]"


def test_coordinator_plans_a_two_day_training_and_finds_the_public_link(page, live_server):
    membership = MembershipFactory(role=Role.EDUCATION_COORDINATOR)
    organisation = membership.organisation
    programme = ProgrammeFactory(organisation=organisation, title_sr="Prevencija trgovine ljudima")
    accreditation = AccreditationFactory(programme=programme)
    PersonFactory(organisation=organisation, first_name="Ana", last_name="Ilić", is_trainer=True)
    first = timezone.localdate() + timedelta(days=20)

    sign_in_as(page, live_server.url, membership.user.username)

    page.goto(live_server.url + reverse("training:training_add"))
    assert_accessible(page)
    page.select_option("#id_programme", str(programme.pk))
    page.select_option("#id_accreditation", str(accreditation.pk))
    page.fill("#id_city", "Čačak")
    page.fill("#id_venue", "Dom kulture")
    page.fill("#id_capacity", "25")
    page.fill("#id_registration_deadline", (first - timedelta(days=5)).isoformat())
    page.get_by_label("Ana Ilić").check()
    page.fill("#id_days-0-date", first.isoformat())
    page.fill("#id_days-0-starts_at", "09:00")
    page.fill("#id_days-0-ends_at", "16:00")
    page.fill("#id_days-1-date", (first + timedelta(days=1)).isoformat())
    page.click(SUBMIT)
    page.wait_for_url("**/trainings/*/")

    training = Training.objects.get()
    assert training.days.count() == 2
    public_url = live_server.url + reverse("training:public_training", args=[training.slug])
    assert page.input_value("#public-url") == public_url
    agenda = page.locator(f"a[href='{reverse('training:agenda_pdf', args=[training.pk])}']")
    assert agenda.count() == 1
    assert_accessible(page)  # with the "saved" message shown
