"""A participant answers the evaluation on a phone-sized screen, anonymously; the coordinator
sees the averages and marks the comment shareable for the report."""

import pytest
from django.urls import reverse

from core.models import Role
from core.tests.browser import assert_accessible, sign_in_as
from core.tests.factories import MembershipFactory, PersonFactory
from learning.models import EvaluationAnswer, EvaluationResponse
from learning.tests.factories_evaluations import EvaluationFactory, item_at
from training.tests.factories import AttendanceFactory, RegistrationFactory, TrainingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_answers_on_a_phone_and_the_coordinator_quotes_them(
    browser, live_server, organisation
):
    training = TrainingFactory(organisation=organisation)
    trainer = PersonFactory(organisation=organisation, first_name="Ana", last_name="Antić")
    training.trainers.add(trainer)
    AttendanceFactory(registration=RegistrationFactory(training=training))
    AttendanceFactory(registration=RegistrationFactory(training=training))
    evaluation = EvaluationFactory(training=training)

    phone = browser.new_context(locale="en", viewport={"width": 390, "height": 844}).new_page()
    phone.goto(live_server.url + reverse("learning:evaluate", args=[evaluation.token]))
    assert_accessible(phone)
    for item in evaluation.questionnaire.items.filter(kind="likert"):
        name = f"item_{item.pk}_{trainer.pk}" if item.per_trainer else f"item_{item.pk}"
        phone.check(f"input[name={name}][value='4']")
    phone.fill(f"#id_item_{item_at(evaluation, 6).pk}", "Primeri iz škole su bili odlični.")
    phone.click("main form.evaluation-form button[type=submit]")
    phone.locator(".evaluation-done").wait_for()
    assert EvaluationResponse.objects.count() == 1
    phone.context.close()

    coordinator = MembershipFactory(organisation=organisation, role=Role.EDUCATION_COORDINATOR)
    office = browser.new_context(locale="en").new_page()
    sign_in_as(office, live_server.url, coordinator.user.username)
    office.goto(live_server.url + reverse("learning:evaluation_results", args=[training.pk]))
    assert "50% (1 of 2)" in office.locator(".evaluation-rate").inner_text()
    averages = office.locator(".evaluation-average").all_inner_texts()
    assert averages and set(averages) == {"4.00"}
    assert "Ana Antić" in office.locator("main").inner_text()
    assert_accessible(office)

    office.click("text=Mark shareable for reports")
    office.locator(".badge.shareable").wait_for()
    assert EvaluationAnswer.objects.get(shareable=True).text == "Primeri iz škole su bili odlični."
    office.context.close()
