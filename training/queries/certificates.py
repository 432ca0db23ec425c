"""Reads about certificates: who is eligible under the programme's rule, what was issued, and the
public lookup by code."""

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery

from catalogue.models import CertificateRule
from training.models import (
    Certificate,
    CertificateBatch,
    Registration,
    RegistrationStatus,
    Training,
    TrainingDay,
)


def eligible_registrations(training: Training) -> QuerySet[Registration]:
    """Confirmed, not anonymised registrations whose attendance satisfies the programme's rule,
    in one query: days attended counted per registration, days of the training as a subquery."""
    rule = training.programme.certificate_rule
    if rule == CertificateRule.NONE:
        return Registration.objects.none()
    days_total = Subquery(
        TrainingDay.objects.filter(training=OuterRef("training"))
        .order_by()
        .values("training")
        .annotate(n=Count("pk"))
        .values("n")
    )
    attended = Registration.objects.filter(
        training=training,
        status=RegistrationStatus.CONFIRMED,
        anonymised_at__isnull=True,
    )
    if training.programme.certificate_needs_post_test:
        attended = attended.filter(post_test_passed=True)
    attended = attended.annotate(
        days_attended=Count("attendances", filter=Q(attendances__day__training=training)),
        days_total=days_total,
    )
    if rule == CertificateRule.HALF_THE_DAYS:
        # At least half of the days, rounded up: 2 × attended ≥ days.
        attended = attended.annotate(twice_attended=F("days_attended") * 2)
        enough = Q(twice_attended__gte=F("days_total"))
    elif rule == CertificateRule.ANY_DAY:
        enough = Q()
    else:
        enough = Q(days_attended__gte=F("days_total"))
    return attended.filter(enough, days_attended__gte=1).order_by("last_name", "first_name", "pk")


def _has_valid_certificate() -> Exists:
    return Exists(Certificate.objects.filter(registration=OuterRef("pk"), revoked_at__isnull=True))


def registrations_awaiting_certificate(training: Training) -> QuerySet[Registration]:
    """The eligible registrations that do not hold a valid certificate yet."""
    return eligible_registrations(training).exclude(_has_valid_certificate())


def training_certificates(training: Training) -> QuerySet[Certificate]:
    """Every certificate issued for the training, revoked ones included, by holder."""
    return Certificate.objects.filter(registration__training=training).order_by("holder_name", "pk")


def latest_batch(training: Training) -> CertificateBatch | None:
    """The training's most recent bulk run, for its progress."""
    return CertificateBatch.objects.filter(training=training).order_by("-created_at", "-pk").first()


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with this code, for the public verification page (any organisation)."""
    return (
        Certificate.objects.select_related("registration", "organisation").filter(code=code).first()
    )


def valid_certificate_of(registration: Registration) -> Certificate | None:
    """The registration's valid (not revoked) certificate, if it has one."""
    return Certificate.objects.filter(registration=registration, revoked_at__isnull=True).first()
