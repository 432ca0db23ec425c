"""Reads of the training app, always scoped to one organisation (DESIGN.md §2).

Every view starts from one of these scopes; there is no unscoped path to another
organisation's trainings, registrations or certificates.
"""

from django.db.models import QuerySet

from core.models import Organisation
from training.models import (
    Certificate,
    CertificateBatch,
    Registration,
    Training,
    TrainingDay,
)


def trainings_for(organisation: Organisation) -> QuerySet[Training]:
    """The organisation's trainings with their programme and accreditation joined."""
    return Training.objects.filter(organisation=organisation).select_related(
        "programme", "accreditation", "accreditation__body"
    )


def training_days_for(organisation: Organisation) -> QuerySet[TrainingDay]:
    """The days of the organisation's trainings."""
    return TrainingDay.objects.filter(training__organisation=organisation).select_related(
        "training", "training__programme"
    )


def registrations_for(organisation: Organisation) -> QuerySet[Registration]:
    """The organisation's registrations (participants), with training and institution."""
    return Registration.objects.filter(organisation=organisation).select_related(
        "training", "institution"
    )


def certificates_for(organisation: Organisation) -> QuerySet[Certificate]:
    """The organisation's certificates."""
    return Certificate.objects.filter(organisation=organisation).select_related(
        "registration", "registration__training"
    )


def certificate_batches_for(organisation: Organisation) -> QuerySet[CertificateBatch]:
    """The organisation's bulk certificate runs."""
    return CertificateBatch.objects.filter(organisation=organisation)
