"""The scheduler enqueues recurring tasks when due and remembers when, across restarts."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from core import schedule
from training.tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

TASK = "training.tasks.anonymise_expired_registrations"


@pytest.fixture(autouse=True)
def _forget_runs():
    cache.delete(f"schedule:last-run:{TASK}")


def test_retention_is_scheduled_daily():
    assert (TASK, timedelta(days=1)) in schedule.SCHEDULE


def test_once_runs_due_tasks_and_a_restart_does_not_run_them_again(organisation, settings, capsys):
    settings.REGISTRATION_RETENTION_DAYS = 10
    ended = timezone.localdate() - timedelta(days=30)
    registration = RegistrationFactory(
        training=TrainingFactory(organisation=organisation, days=[ended])
    )

    call_command("scheduler", "--once")
    registration.refresh_from_db()
    assert registration.anonymised_at is not None
    assert f"Enqueued {TASK}" in capsys.readouterr().out

    call_command("scheduler", "--once")
    assert capsys.readouterr().out == ""


def test_a_task_is_due_again_after_its_interval():
    now = timezone.now()
    schedule.run_due_tasks(now)

    assert TASK not in schedule.due_tasks(now + timedelta(hours=23))
    assert TASK in schedule.due_tasks(now + timedelta(days=1))
