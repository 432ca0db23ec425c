"""Trainings (editions of a programme), their days and agenda, registrations, attendance and
certificates."""

import secrets
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalogue.models import Accreditation, Programme
from core.models import Institution, Organisation, Person
from core.scripts import normalise_for_search


class TrainingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for registration")
    CLOSED = "closed", _("Registration closed")
    HELD = "held", _("Held")
    REPORTED = "reported", _("Reported")


# The status a training may move to from each status (services.trainings.change_status).
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    TrainingStatus.DRAFT: frozenset({TrainingStatus.OPEN}),
    TrainingStatus.OPEN: frozenset({TrainingStatus.DRAFT, TrainingStatus.CLOSED}),
    TrainingStatus.CLOSED: frozenset({TrainingStatus.OPEN, TrainingStatus.HELD}),
    TrainingStatus.HELD: frozenset({TrainingStatus.REPORTED}),
    TrainingStatus.REPORTED: frozenset(),
}


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class Training(models.Model):
    """One edition of a programme: where, when, for how many, delivered by whom."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="trainings"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="trainings", verbose_name=_("programme")
    )
    accreditation = models.ForeignKey(
        Accreditation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trainings",
        verbose_name=_("accreditation"),
        help_text=_("The accreditation the training is delivered under."),
    )
    slug = models.SlugField(_("address"), max_length=140, unique=True)
    city = models.CharField(_("city"), max_length=100)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    registration_deadline = models.DateField(
        _("registration deadline"), help_text=_("The last day on which people can register.")
    )
    trainers = models.ManyToManyField(
        Person, blank=True, related_name="trainings", verbose_name=_("trainers")
    )
    funding_project = models.CharField(_("funding project"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TrainingStatus.choices, default=TrainingStatus.DRAFT
    )
    # The first and last day, kept equal to the days' dates by the services (lists sort on them).
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    # Keys the rotating QR check-in codes; never shown.
    checkin_secret = models.CharField(max_length=64, default=new_secret, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "starts_on"], name="training_org_starts"),
            models.Index(fields=["organisation", "status"], name="training_org_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="training_positive_capacity")
        ]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self) -> str:
        when = f" {self.starts_on:%d.%m.%Y}" if self.starts_on else ""
        return f"{self.programme} · {self.city}{when}"

    def accepts_registrations_on(self, day: date) -> bool:
        return self.status == TrainingStatus.OPEN and day <= self.registration_deadline


class TrainingDay(models.Model):
    """One day of a training; attendance is recorded per day."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["training", "date"], name="training_day_unique_date")
        ]
        verbose_name = _("training day")
        verbose_name_plural = _("training days")

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}"


class AgendaItem(models.Model):
    """A session of a day: time, title, method and who leads it."""

    day = models.ForeignKey(TrainingDay, on_delete=models.CASCADE, related_name="agenda_items")
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    method = models.CharField(
        _("method"),
        max_length=200,
        blank=True,
        help_text=_("For example: lecture, workshop, Social Barometer, case study."),
    )
    trainer = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("trainer"),
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M} {self.title}"


class PrivacyNotice(models.Model):
    """A version of the notice participants consent to; the newest published version is current."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="privacy_notices"
    )
    version = models.PositiveIntegerField(_("version"))
    text_sr = models.TextField(_("text (Serbian)"))
    text_en = models.TextField(_("text (English)"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version"], name="training_notice_unique_version"
            )
        ]
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")

    def __str__(self) -> str:
        return f"v{self.version}"


class Script(models.TextChoices):
    LATIN = "latin", _("Latin")
    CYRILLIC = "cyrillic", _("Cyrillic")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("Waitlisted")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """A person's place (or place in the queue) at a training; they hold no account."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="registrations"
    )
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, db_index=True
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    profession = models.CharField(_("profession"), max_length=200)
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("institution"),
    )
    script = models.CharField(
        _("script"), max_length=10, choices=Script.choices, default=Script.LATIN
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    privacy_notice = models.ForeignKey(
        PrivacyNotice,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("privacy notice"),
    )
    consented_at = models.DateTimeField(_("consent given"))
    # Keys for duplicate detection: the e-mail as compared, the name in either script.
    email_key = models.CharField(max_length=254, editable=False, default="")
    name_key = models.CharField(max_length=250, editable=False, default="")
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    promoted_at = models.DateTimeField(_("moved from the waitlist"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    # Set by the learning app when the final knowledge test is scored (None: not taken).
    post_test_passed = models.BooleanField(_("passed the post-test"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["training", "status", "created_at"], name="training_reg_queue"),
            models.Index(fields=["training", "name_key"], name="training_reg_name"),
            models.Index(fields=["organisation", "created_at"], name="training_reg_org"),
        ]
        constraints = [
            # The last guard against a double registration under concurrency.
            models.UniqueConstraint(
                fields=["training", "email_key"],
                condition=~Q(status="cancelled") & ~Q(email_key=""),
                name="training_reg_unique_email",
            )
        ]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        from core.crypto import normalise_email

        self.email_key = normalise_email(self.email) if self.email else ""
        self.name_key = normalise_for_search(f"{self.first_name} {self.last_name}")
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class AttendanceSource(models.TextChoices):
    ROLL_CALL = "roll_call", _("Roll call")
    QR = "qr", _("QR self-check-in")
    SHEET = "sheet", _("Paper sign-in sheet")


class Attendance(models.Model):
    """A participant was present on a day; absence is the lack of a row."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    day = models.ForeignKey(TrainingDay, on_delete=models.CASCADE, related_name="attendances")
    source = models.CharField(_("recorded by"), max_length=10, choices=AttendanceSource.choices)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"], name="training_attendance_unique_day"
            )
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.registration} · {self.day}"


def certificate_file_path(instance: "Certificate", filename: str) -> str:
    return f"certificates/{instance.organisation_id}/{instance.code}.pdf"


class Certificate(models.Model):
    """A certificate as issued: what it said is kept, so it verifies the same years later."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="certificates"
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="certificates"
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    holder_name = models.CharField(_("holder"), max_length=250)
    programme_title = models.CharField(_("programme"), max_length=255)
    city = models.CharField(_("city"), max_length=100)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    accreditation_text = models.CharField(_("accreditation"), max_length=400, blank=True)
    cpd_points = models.DecimalField(
        _("CPD points"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    script = models.CharField(_("script"), max_length=10, choices=Script.choices)
    pdf = models.FileField(upload_to=certificate_file_path, max_length=255, blank=True)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)

    class Meta:
        ordering = ["holder_name", "pk"]
        constraints = [
            # One valid certificate per registration; a revoked one may be followed by a new one.
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(revoked_at__isnull=True),
                name="training_cert_one_valid",
            )
        ]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("In progress")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")


class CertificateBatch(models.Model):
    """One run of bulk issuing, with the progress the coordinator watches."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="certificate_batches"
    )
    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="certificate_batches"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("certificate run")
        verbose_name_plural = _("certificate runs")

    def __str__(self) -> str:
        return f"{self.training} · {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)
