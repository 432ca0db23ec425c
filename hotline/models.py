"""Contacts on the SOS and 116 000 lines, their follow-ups, anonymous online reports,
missing-child reports and hand-overs to case managers.

Everything that identifies a caller, a reporter or a child, and every free-text note, is an
`EncryptedTextField` (DESIGN.md §5); phone and e-mail also carry a blind index so that earlier
contacts from the same number are found without decrypting anything.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField
from core.models import Institution, Organisation
from hotline.codes import (
    Action,
    AgeBand,
    CallerType,
    Channel,
    Circumstance,
    ContactKind,
    ContactStatus,
    Country,
    FoundCondition,
    Gender,
    HandoverStatus,
    Indicator,
    Line,
    MissingChildStatus,
    RiskLevel,
    Subject,
)

BLIND_INDEX_LENGTH = 64


class Contact(models.Model):
    """One call, message, visit or online report on a line.

    A contact is a draft while the consultant is still talking: the form as typed so far is kept
    encrypted in `draft_data`, so a closed browser or a lost connection loses nothing. Recording
    it validates the whole form and writes the fields below in one transaction.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=ContactStatus.choices, default=ContactStatus.DRAFT
    )
    line = models.CharField(_("line"), max_length=10, choices=Line.choices, default=Line.SOS)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.PHONE
    )
    kind = models.CharField(
        _("kind of contact"), max_length=20, choices=ContactKind.choices, default=ContactKind.DATA
    )
    started_at = models.DateTimeField(_("started at"))
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"), default=0)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consultant"),
    )
    # Who contacts.
    caller_type = models.CharField(
        _("who contacts"), max_length=20, choices=CallerType.choices, blank=True
    )
    caller_institution = models.ForeignKey(
        Institution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("caller's institution"),
    )
    caller_gender = models.CharField(
        _("caller's gender"), max_length=30, choices=Gender.choices, blank=True
    )
    caller_age_band = models.CharField(
        _("caller's age"), max_length=10, choices=AgeBand.choices, blank=True
    )
    caller_citizenship = models.CharField(
        _("caller's citizenship"), max_length=2, choices=Country.choices, blank=True
    )
    caller_place = models.CharField(_("caller's place"), max_length=100, blank=True)
    caller_name = EncryptedTextField(_("caller's name"), max_length=200, blank=True)
    caller_phone = EncryptedTextField(_("caller's phone"), max_length=40, blank=True)
    caller_email = EncryptedTextField(_("caller's e-mail"), max_length=254, blank=True)
    caller_phone_index = models.CharField(max_length=BLIND_INDEX_LENGTH, blank=True, default="")
    caller_email_index = models.CharField(max_length=BLIND_INDEX_LENGTH, blank=True, default="")
    # What about.
    subject = models.CharField(_("subject"), max_length=30, choices=Subject.choices, blank=True)
    risk_level = models.CharField(
        _("risk level"), max_length=10, choices=RiskLevel.choices, blank=True
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    # The form as typed so far (JSON), while the contact is a draft; emptied when recorded.
    draft_data = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-started_at"], name="hotline_recent"),
            models.Index(fields=["organisation", "status", "-started_at"], name="hotline_status"),
            models.Index(fields=["organisation", "subject", "-started_at"], name="hotline_subject"),
            models.Index(fields=["organisation", "line", "-started_at"], name="hotline_line"),
            models.Index(fields=["organisation", "caller_phone_index"], name="hotline_phone"),
            models.Index(fields=["organisation", "caller_email_index"], name="hotline_email"),
            models.Index(fields=["consultant", "status", "-started_at"], name="hotline_mine"),
        ]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"#{self.pk}"


class ContactIndicator(models.Model):
    """A trafficking indicator noticed during a contact (one row per indicator, for counting)."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("indicator"), max_length=40, choices=Indicator.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "code"], name="hotline_indicator_once")
        ]

    def __str__(self) -> str:
        return f"{self.contact_id}: {self.code}"


class ContactAction(models.Model):
    """Something the consultant did: information given, a referral, a case opened."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="actions")
    code = models.CharField(_("action"), max_length=40, choices=Action.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "code"], name="hotline_action_once")
        ]

    def __str__(self) -> str:
        return f"{self.contact_id}: {self.code}"


class FollowUp(models.Model):
    """A task a contact leaves behind (call back, check with the centre), with a due date."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="follow_ups")
    description = EncryptedTextField(_("task"), max_length=500)
    due_on = models.DateField(_("due"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["organisation", "done_at", "due_on"], name="hotline_fu_open"),
            models.Index(fields=["assigned_to", "done_at", "due_on"], name="hotline_fu_mine"),
        ]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"follow-up #{self.pk} due {self.due_on}"


class OnlineReport(models.Model):
    """What an anonymous reporter sent through /report/; its contact waits in the queue.

    The reporter keeps the reference and a passphrase (only its hash is stored) to add
    information later and to read the organisation's replies.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="online_report")
    reference = models.CharField(_("reference"), max_length=12, unique=True)
    passphrase_hash = models.CharField(max_length=128)
    what_happened = EncryptedTextField(_("what happened"))
    where = EncryptedTextField(_("where"), max_length=300, blank=True)
    when = EncryptedTextField(_("when"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(auto_now_add=True)
    # The newest message from the reporter that no consultant has opened yet.
    unread_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "unread_since"], name="hotline_report_unread")
        ]
        verbose_name = _("online report")
        verbose_name_plural = _("online reports")

    def __str__(self) -> str:
        return self.reference


class ReportMessage(models.Model):
    """Information the reporter added later, or the organisation's reply to the reporter."""

    report = models.ForeignKey(OnlineReport, on_delete=models.CASCADE, related_name="messages")
    from_reporter = models.BooleanField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = EncryptedTextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"message #{self.pk} on report {self.report_id}"


class MissingChildReport(models.Model):
    """A 116 000 report of a missing child, attached to the contact that brought it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, related_name="missing_child")
    child_name = EncryptedTextField(_("child's name"), max_length=200)
    child_description = EncryptedTextField(_("description of the child"), blank=True)
    child_gender = models.CharField(_("child's gender"), max_length=30, choices=Gender.choices)
    child_age = models.PositiveSmallIntegerField(_("child's age"), null=True, blank=True)
    last_seen_on = models.DateField(_("last seen on"))
    last_seen_place = models.CharField(_("last seen in (place)"), max_length=150)
    circumstances = models.CharField(
        _("circumstances"), max_length=30, choices=Circumstance.choices
    )
    police_report_number = EncryptedTextField(_("police report number"), max_length=100, blank=True)
    police_reported_on = models.DateField(_("reported to the police on"), null=True, blank=True)
    national_alert = models.BooleanField(_("national alert issued"), default=False)
    international_alert = models.BooleanField(_("international alert issued"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MissingChildStatus.choices,
        default=MissingChildStatus.REPORTED,
    )
    found_on = models.DateField(_("found on"), null=True, blank=True)
    found_condition = models.CharField(
        _("condition when found"), max_length=20, choices=FoundCondition.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["-last_seen_on", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "status", "-last_seen_on"], name="hotline_mc")
        ]
        verbose_name = _("missing-child report")
        verbose_name_plural = _("missing-child reports")

    def __str__(self) -> str:
        return f"missing-child report #{self.pk}"


class MissingChildEvent(models.Model):
    """One step of a missing-child report's timeline: status, date and what was done."""

    report = models.ForeignKey(MissingChildReport, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=20, choices=MissingChildStatus.choices)
    happened_on = models.DateField(_("date"))
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["happened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.status} on {self.happened_on}"


class CaseHandover(models.Model):
    """A consultant hands a contact over to the case managers; accepting opens a case.

    The case itself (cases app) is keyed by `case_code`, the pseudonymous code everyone sees.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, related_name="handover")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=HandoverStatus.choices,
        default=HandoverStatus.REQUESTED,
    )
    reason = EncryptedTextField(_("why a case is needed"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = EncryptedTextField(_("reason for declining"), blank=True)
    case_code = models.CharField(_("case code"), max_length=20, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "case_code"],
                condition=~models.Q(case_code=""),
                name="hotline_case_code_unique",
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "-requested_at"], name="hotline_ho")
        ]
        verbose_name = _("case hand-over")
        verbose_name_plural = _("case hand-overs")

    def __str__(self) -> str:
        return self.case_code or f"hand-over #{self.pk}"
