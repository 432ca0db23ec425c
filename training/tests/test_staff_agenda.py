"""The agenda: sessions per day (time, title, method, trainer) edited on one page and printed as
an A4 PDF with programme, city, venue, dates and trainers."""

from datetime import time

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from core.models import AuditEntry
from core.tests.factories import PersonFactory
from training.models import AgendaItem
from training.tests.factories import AgendaItemFactory, TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(organisation):
    return TrainingFactory(organisation=organisation, city="Novi Sad", venue="Gradska kuća")


def _management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "40",
    }


def test_coordinator_sets_the_agenda_of_both_days(coordinator_client, training):
    trainer = PersonFactory(organisation=training.organisation, first_name="Ana")
    first, second = training.days.all()
    data = {
        **_management(f"day-{first.pk}", 2),
        f"day-{first.pk}-0-starts_at": "11:00",
        f"day-{first.pk}-0-title": "Mitovi i predrasude",
        f"day-{first.pk}-0-method": "radionica",
        f"day-{first.pk}-1-starts_at": "09:00",
        f"day-{first.pk}-1-ends_at": "10:30",
        f"day-{first.pk}-1-title": "Šta je trgovina ljudima",
        f"day-{first.pk}-1-trainer": str(trainer.pk),
        **_management(f"day-{second.pk}", 1),
        f"day-{second.pk}-0-starts_at": "09:00",
        f"day-{second.pk}-0-title": "Socijalni barometar",
    }

    response = coordinator_client.post(reverse("training:agenda_edit", args=[training.pk]), data)

    assert response.status_code == 302
    assert [(i.starts_at, i.title, i.trainer) for i in first.agenda_items.all()] == [
        (time(9), "Šta je trgovina ljudima", trainer),
        (time(11), "Mitovi i predrasude", None),
    ]
    assert second.agenda_items.count() == 1
    assert AuditEntry.objects.filter(summary__startswith="agenda saved: 3 sessions").exists()


def test_a_session_without_title_is_refused_and_the_agenda_stays(coordinator_client, training):
    first, second = training.days.all()
    AgendaItemFactory(day=first, title="Staro")
    data = {
        **_management(f"day-{first.pk}", 1),
        f"day-{first.pk}-0-starts_at": "09:00",
        f"day-{first.pk}-0-method": "predavanje",
        **_management(f"day-{second.pk}", 0),
    }

    response = coordinator_client.post(reverse("training:agenda_edit", args=[training.pk]), data)

    assert response.status_code == 200
    assert response.context["formsets"][0].errors[0]["title"]
    assert list(AgendaItem.objects.values_list("title", flat=True)) == ["Staro"]


def test_the_agenda_form_shows_existing_sessions(coordinator_client, training):
    AgendaItemFactory(day=training.days.first(), title="Pravni okvir")

    html = coordinator_client.get(reverse("training:agenda_edit", args=[training.pk])).content

    assert "Pravni okvir" in html.decode()


def test_the_agenda_pdf_shows_programme_place_dates_trainers_and_sessions(
    coordinator_client, training
):
    trainer = PersonFactory(organisation=training.organisation, first_name="Ana")
    training.trainers.add(trainer)
    AgendaItemFactory(day=training.days.first(), title="Mitovi i predrasude", trainer=trainer)

    response = coordinator_client.get(reverse("training:agenda_pdf", args=[training.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    html = render_to_string("training/agenda_pdf.html", response.context.flatten())
    for text in [training.programme.title_en, "Novi Sad", "Gradska kuća", "Mitovi i predrasude"]:
        assert text in html
    assert html.count(trainer.full_name) == 2  # among the trainers and at the session
    for day in training.days.all():
        assert day.date.strftime("%Y") in html
