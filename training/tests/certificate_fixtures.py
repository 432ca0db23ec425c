"""Shared set-up for the certificate tests: a held two-day training and who attended it."""

from datetime import timedelta

from django.utils import timezone

from training.models import Registration, Training, TrainingStatus
from training.tests.factories import AttendanceFactory, RegistrationFactory, TrainingFactory


def held_training(organisation, **kwargs) -> Training:  # type: ignore[no-untyped-def]
    """A two-day training held last week, of the organisation."""
    start = timezone.localdate() - timedelta(days=8)
    return TrainingFactory(
        organisation=organisation,
        status=TrainingStatus.HELD,
        days=[start, start + timedelta(days=1)],
        **kwargs,
    )


def attendee(training: Training, days: int = 2, **kwargs) -> Registration:  # type: ignore[no-untyped-def]
    """A confirmed participant who attended the first `days` days."""
    registration = RegistrationFactory(training=training, **kwargs)
    for day in list(training.days.all())[:days]:
        AttendanceFactory(registration=registration, day=day)
    return registration
