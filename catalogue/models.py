"""Accrediting bodies, training programmes, their accreditations and enquiries about them."""

import uuid
from datetime import date, timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField
from core.models import InstitutionType, Organisation
from core.scripts import normalise_for_search


class Sector(models.TextChoices):
    EDUCATION = "education", _("Education")
    SOCIAL_PROTECTION = "social_protection", _("Social protection")
    HEALTH = "health", _("Health")
    POLICE = "police", _("Police")
    JUDICIARY = "judiciary", _("Judiciary")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other")


class ProgrammeFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    RETIRED = "retired", _("Retired")


class CertificateRule(models.TextChoices):
    """Who receives a certificate of a training of the programme."""

    ALL_DAYS = "all_days", _("Attended every day")
    HALF_THE_DAYS = "half_the_days", _("Attended at least half of the days")
    ANY_DAY = "any_day", _("Attended at least one day")
    NONE = "none", _("No certificates")


class AccreditationStatus(models.TextChoices):
    NOT_YET_VALID = "not_yet_valid", _("Not yet valid")
    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")


class AccreditingBody(models.Model):
    """An institution that accredits programmes for professionals' continuing development."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="accrediting_bodies"
    )
    name_sr = models.CharField(_("name (Serbian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name_sr"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name_sr"], name="catalogue_body_unique_name"
            )
        ]
        verbose_name = _("accrediting body")
        verbose_name_plural = _("accrediting bodies")

    def __str__(self) -> str:
        return self.name_sr


class Programme(models.Model):
    """A training programme the organisation offers; its texts in Serbian and optionally English."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="programmes"
    )
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    title_sr = models.CharField(_("title (Serbian)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    summary_sr = models.TextField(_("summary (Serbian)"))
    summary_en = models.TextField(_("summary (English)"), blank=True)
    professions_sr = models.CharField(
        _("professions (Serbian)"),
        max_length=500,
        help_text=_("Who the programme is for, e.g. teachers in primary and secondary schools."),
    )
    professions_en = models.CharField(_("professions (English)"), max_length=500, blank=True)
    format = models.CharField(
        _("format"),
        max_length=20,
        choices=ProgrammeFormat.choices,
        default=ProgrammeFormat.IN_PERSON,
    )
    duration_days = models.PositiveSmallIntegerField(_("duration in days"))
    duration_hours = models.DecimalField(_("duration in hours"), max_digits=5, decimal_places=1)
    general_objectives_sr = models.TextField(
        _("general objectives (Serbian)"), blank=True, help_text=_("One objective per line.")
    )
    general_objectives_en = models.TextField(
        _("general objectives (English)"), blank=True, help_text=_("One objective per line.")
    )
    specific_objectives_sr = models.TextField(
        _("specific objectives (Serbian)"), blank=True, help_text=_("One objective per line.")
    )
    specific_objectives_en = models.TextField(
        _("specific objectives (English)"), blank=True, help_text=_("One objective per line.")
    )
    topics_sr = models.TextField(
        _("topics (Serbian)"), blank=True, help_text=_("One topic per line.")
    )
    topics_en = models.TextField(
        _("topics (English)"), blank=True, help_text=_("One topic per line.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    certificate_rule = models.CharField(
        _("certificate rule"),
        max_length=20,
        choices=CertificateRule.choices,
        default=CertificateRule.ALL_DAYS,
        help_text=_("Which participants of a training receive a certificate."),
    )
    certificate_needs_post_test = models.BooleanField(
        _("certificate needs a passed post-test"),
        default=False,
        help_text=_("Only participants who reach the pass mark of the final knowledge test."),
    )
    # Both titles folded to lowercase Latin without diacritics: a search typed in either script
    # matches, and case folding does not depend on the database's Unicode support.
    search_key = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title_sr"]
        indexes = [
            # The public list: active programmes by title, optionally of one organisation.
            models.Index(fields=["status", "title_sr"], name="catalogue_prog_status_title"),
            models.Index(
                fields=["organisation", "status", "title_sr"], name="catalogue_prog_org_status"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_days__gt=0) & Q(duration_hours__gt=0),
                name="catalogue_programme_positive_duration",
            )
        ]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.title_sr

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_key = normalise_for_search(f"{self.title_sr} {self.title_en}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title_sr", "title_en"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)

    @property
    def current_accreditation(self) -> "Accreditation | None":
        """The accreditation valid today, from the prefetched `current_accreditations` or history."""
        candidates = getattr(self, "current_accreditations", None)
        if candidates is None:
            candidates = [
                a for a in self.accreditations.all() if a.is_valid_on(timezone.localdate())
            ]
        return candidates[0] if candidates else None


class ProgrammeAudience(models.Model):
    """One sector a programme is meant for; a row per sector so SQL can filter with an index."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="audiences")
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)

    class Meta:
        ordering = ["sector"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "sector"], name="catalogue_audience_unique_sector"
            )
        ]
        indexes = [models.Index(fields=["sector", "programme"], name="catalogue_audience_sector")]
        verbose_name = _("audience sector")
        verbose_name_plural = _("audience sectors")

    def __str__(self) -> str:
        return str(self.get_sector_display())


def decision_file_path(instance: "Accreditation", filename: str) -> str:
    # A random name: the uploader's file name may hold personal data or collide.
    suffix = PurePath(filename).suffix.lower()
    return f"accreditations/{instance.organisation_id}/{uuid.uuid4().hex}{suffix}"


class Accreditation(models.Model):
    """One accreditation decision; a programme accredited several times has several rows."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="accreditations"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="accreditations"
    )
    body = models.ForeignKey(
        AccreditingBody,
        on_delete=models.PROTECT,
        related_name="accreditations",
        verbose_name=_("accrediting body"),
    )
    decision_number = models.CharField(_("decision number"), max_length=100)
    decision_date = models.DateField(_("decision date"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    cpd_points = models.DecimalField(
        _("CPD points"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    category = models.CharField(
        _("category"),
        max_length=200,
        blank=True,
        help_text=_("For example: national course, first category."),
    )
    decision_file = models.FileField(
        _("scanned decision"), upload_to=decision_file_path, blank=True, max_length=255
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-valid_from", "-decision_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "decision_number"], name="catalogue_accreditation_unique_decision"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gt=F("valid_from")),
                name="catalogue_accreditation_valid_period",
            ),
        ]
        indexes = [
            models.Index(
                fields=["programme", "valid_from", "valid_until"], name="catalogue_accr_programme"
            ),
            models.Index(fields=["organisation", "valid_until"], name="catalogue_accr_org_until"),
        ]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")

    def __str__(self) -> str:
        return f"{self.body} {self.decision_number}"

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_until

    @property
    def status(self) -> str:
        today = timezone.localdate()
        if today < self.valid_from:
            return AccreditationStatus.NOT_YET_VALID
        if today > self.valid_until:
            return AccreditationStatus.EXPIRED
        if self.valid_until - today <= timedelta(days=settings.ACCREDITATION_WARNING_DAYS):
            return AccreditationStatus.EXPIRING
        return AccreditationStatus.VALID

    def get_status_display(self) -> str:
        return str(AccreditationStatus(self.status).label)


class EnquiryStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class Enquiry(models.Model):
    """An institution asking for a programme; the contact's details are personal data, encrypted."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="enquiries"
    )
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="enquiries")
    institution_name = models.CharField(_("institution"), max_length=200)
    institution_type = models.CharField(
        _("type of institution"), max_length=30, choices=InstitutionType.choices
    )
    municipality = models.CharField(_("municipality or city"), max_length=100)
    contact_name = EncryptedTextField(_("contact person"))
    contact_email = EncryptedTextField(_("contact e-mail"))
    contact_phone = EncryptedTextField(_("contact phone"), blank=True)
    message = EncryptedTextField(_("message"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EnquiryStatus.choices, default=EnquiryStatus.NEW
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="catalogue_enq_org_created"),
            models.Index(
                fields=["organisation", "status", "-created_at"], name="catalogue_enq_org_status"
            ),
        ]
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")

    def __str__(self) -> str:
        return f"{self.institution_name} · {self.programme}"
