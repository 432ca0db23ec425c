"""Direct assistance: assisted persons, their cases and everything recorded on a case.

Everyone sees a case by its pseudonymous code (A-2026-017); the identity of the person (names,
aliases, date of birth, contact details, documents) and every free text are encrypted columns
(`EncryptedTextField`), and uploaded files are encrypted bytes. Duplicates are found through
`NameKey` rows: HMAC blind indexes of name tokens, never the names (cases.names).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.codes import (
    AgeBand,
    CaseStatus,
    ClosureOutcome,
    ClosureReason,
    CompensationResult,
    ConsentPurpose,
    Country,
    CourtRole,
    DecisionMaker,
    ExploitationForm,
    Gender,
    GoalStatus,
    HearingKind,
    LabourSector,
    LegalBasis,
    NeedDomain,
    NeedRating,
    ProceedingStage,
    RecruitmentMethod,
    ReferralDirection,
    ReferralReason,
    ReferralStatus,
    ServiceKind,
    TraffickerRelation,
    TraffickerRole,
    TraffickingStatus,
)
from core.crypto import EncryptedTextField
from core.models import Organisation
from hotline.models import CaseHandover

USER = settings.AUTH_USER_MODEL


class Team(models.Model):
    """Case managers who work on the same cases; a case's team sees it in full."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    members = models.ManyToManyField(
        USER, related_name="case_teams", blank=True, verbose_name=_("members")
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="cases_team_unique")
        ]
        verbose_name = _("case team")
        verbose_name_plural = _("case teams")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """An assisted person. Identity columns are encrypted; the rest is what statistics count."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    given_name = EncryptedTextField(_("given name"), max_length=100, blank=True)
    family_name = EncryptedTextField(_("family name"), max_length=100, blank=True)
    # One per line: other names, nicknames, the name in the other script or in a passport.
    aliases = EncryptedTextField(_("other names and aliases"), blank=True)
    date_of_birth = EncryptedTextField(_("date of birth"), max_length=10, blank=True)  # ISO
    contact_details = EncryptedTextField(_("contact details"), blank=True)
    identity_documents = EncryptedTextField(_("identity documents"), blank=True)
    gender = models.CharField(_("gender"), max_length=30, choices=Gender.choices)
    year_of_birth = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    citizenship = models.CharField(
        _("citizenship"), max_length=2, choices=Country.choices, default=Country.RS
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)  # Language codes
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assisted person")
        verbose_name_plural = _("assisted persons")

    def __str__(self) -> str:
        return f"person #{self.pk}"


class NameKey(models.Model):
    """One blind index of one token of a person's names (exact or by sound), for duplicates."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys")
    digest = models.CharField(max_length=64)
    # The person's year of birth, copied here so that the duplicate check is answered from the
    # index alone (organisation, digest, year, person): no read of the person table per key.
    year_of_birth = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["organisation", "digest", "year_of_birth", "person"],
                name="cases_name_key",
            )
        ]

    def __str__(self) -> str:
        return self.digest[:12]


class Case(models.Model):
    """One period of assistance of one person, known to everyone by its code."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    code = models.CharField(_("case code"), max_length=20)
    # A hand-over is never deleted in Putokaz; regenerating the demo calls
    # (demo_hotline --replace) leaves the cases with their codes and without the link.
    handover = models.OneToOneField(
        CaseHandover,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case",
        verbose_name=_("hand-over from the SOS line"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.ACTIVE
    )
    opened_on = models.DateField(_("opened on"))
    case_manager = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("case manager")
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("team"),
    )
    # The current status; its history is IdentificationDecision.
    identification_status = models.CharField(
        _("identification"),
        max_length=40,
        choices=TraffickingStatus.choices,
        default=TraffickingStatus.PRESUMED,
    )
    age_at_identification = models.PositiveSmallIntegerField(
        _("age at identification"), null=True, blank=True
    )
    is_minor = models.BooleanField(_("minor at identification"), default=False)
    # False while the person's consent to statistics is withdrawn.
    counts_in_statistics = models.BooleanField(_("counted in statistics"), default=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    closure_outcome = models.CharField(
        _("outcome"), max_length=20, choices=ClosureOutcome.choices, blank=True
    )
    closure_note = EncryptedTextField(_("closing note"), blank=True)
    retain_until = models.DateField(_("kept until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="cases_code_unique")
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "-opened_on"], name="cases_list"),
            models.Index(fields=["case_manager", "status"], name="cases_manager"),
            models.Index(fields=["retain_until"], name="cases_retention"),
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.code


class GlassBreak(models.Model):
    """An emergency access to a case outside its team: reason mandatory, administrators told."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="glass_breaks")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["case", "user", "expires_at"], name="cases_glass")]

    def __str__(self) -> str:
        return f"break-the-glass #{self.pk}"


class IdentificationDecision(models.Model):
    """One step of the National Referral Mechanism: presumed, identified or not identified."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="identifications")
    status = models.CharField(_("status"), max_length=40, choices=TraffickingStatus.choices)
    decided_by = models.CharField(
        _("decided by"), max_length=40, choices=DecisionMaker.choices, blank=True
    )
    decided_on = models.DateField(_("date of the decision"))
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.status} on {self.decided_on}"


class Exploitation(models.Model):
    """One form of exploitation the person suffered, with where, when and how."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="exploitations")
    form = models.CharField(
        _("form of exploitation"), max_length=30, choices=ExploitationForm.choices
    )
    labour_sector = models.CharField(
        _("sector"), max_length=60, choices=LabourSector.choices, blank=True
    )
    recruitment_country = models.CharField(
        _("country of recruitment"), max_length=2, choices=Country.choices, blank=True
    )
    recruitment_place = models.CharField(_("place of recruitment"), max_length=100, blank=True)
    transit_countries = models.JSONField(_("transit countries"), default=list, blank=True)
    exploitation_country = models.CharField(
        _("country of exploitation"), max_length=2, choices=Country.choices, blank=True
    )
    exploitation_place = models.CharField(_("place of exploitation"), max_length=100, blank=True)
    # Derived from the countries on save (services): more than one country is transnational.
    is_transnational = models.BooleanField(_("transnational"), default=False)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    recruitment_method = models.CharField(
        _("recruitment"), max_length=40, choices=RecruitmentMethod.choices, blank=True
    )
    means_of_control = models.JSONField(_("means of control"), default=list, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("exploitation")
        verbose_name_plural = _("exploitation")

    def __str__(self) -> str:
        return self.form


class Trafficker(models.Model):
    """One trafficker as the person described them: no name, only what statistics report."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="traffickers")
    gender = models.CharField(_("gender"), max_length=30, choices=Gender.choices)
    age_band = models.CharField(
        _("age"), max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    citizenship = models.CharField(
        _("citizenship"), max_length=2, choices=Country.choices, default=Country.OTHER
    )
    relation = models.CharField(
        _("relation to the person"), max_length=20, choices=TraffickerRelation.choices
    )
    role = models.CharField(_("role"), max_length=30, choices=TraffickerRole.choices)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("trafficker")
        verbose_name_plural = _("traffickers")

    def __str__(self) -> str:
        return f"trafficker #{self.pk}"


class NeedsAssessment(models.Model):
    """The person's needs in every domain on one date; repeated to show the change."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessed_on", "pk"]
        verbose_name = _("needs assessment")
        verbose_name_plural = _("needs assessments")

    def __str__(self) -> str:
        return f"assessment of {self.assessed_on}"


class Need(models.Model):
    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="needs")
    domain = models.CharField(_("domain"), max_length=20, choices=NeedDomain.choices)
    rating = models.PositiveSmallIntegerField(_("need"), choices=NeedRating.choices)
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="cases_need_unique")
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.rating}"


class SupportPlan(models.Model):
    """Goals agreed with the person, reviewed on a date, with the person's own view."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    agreed_on = models.DateField(_("agreed on"))
    review_on = models.DateField(_("review on"), null=True, blank=True)
    person_view = EncryptedTextField(_("the person's own view"), blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreed_on", "pk"]
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")

    def __str__(self) -> str:
        return f"plan of {self.agreed_on}"


class PlanGoal(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="goals")
    domain = models.CharField(_("domain"), max_length=20, choices=NeedDomain.choices)
    goal = EncryptedTextField(_("goal"))
    activities = EncryptedTextField(_("activities"), blank=True)
    responsible = models.CharField(
        _("responsible person or institution"), max_length=200, blank=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.PLANNED
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"goal #{self.pk}"


class Service(models.Model):
    """Assistance delivered: what, when, by whom and how many times (sessions, nights, …)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="services")
    kind = models.CharField(_("service"), max_length=30, choices=ServiceKind.choices)
    delivered_on = models.DateField(_("date"))
    provider = models.CharField(_("provided by"), max_length=200, blank=True)
    count = models.PositiveSmallIntegerField(_("count"), default=1)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["delivered_on", "pk"]
        indexes = [models.Index(fields=["case", "delivered_on"], name="cases_service_date")]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return f"{self.kind} on {self.delivered_on}"


class Consent(models.Model):
    """The person's consent (or another legal basis) for one purpose, until withdrawn."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    # For sharing: the partner organisation in Putokaz, or any other institution by name.
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner organisation"),
    )
    institution_name = models.CharField(_("institution"), max_length=200, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices)
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["given_on", "pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.purpose} consent #{self.pk}"


class Referral(models.Model):
    """A referral of the person to an institution or a partner organisation, or to us.

    A partner organisation (another organisation in Putokaz) sees the case code, the reason
    code and `shared_summary` — what the case manager chose to refer — and nothing else.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    direction = models.CharField(_("direction"), max_length=10, choices=ReferralDirection.choices)
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incoming_referrals",
        verbose_name=_("partner organisation"),
    )
    institution_name = models.CharField(_("institution"), max_length=200, blank=True)
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("consent to share"),
    )
    reason_code = models.CharField(_("reason"), max_length=40, choices=ReferralReason.choices)
    reason = EncryptedTextField(_("reason in detail (case team only)"), blank=True)
    shared_summary = EncryptedTextField(_("what is referred"), blank=True)
    sent_on = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    feedback = EncryptedTextField(_("feedback"), blank=True)
    responded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        indexes = [
            models.Index(fields=["partner", "status", "-sent_on"], name="cases_referral_in"),
        ]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"referral #{self.pk}"


class CourtProceeding(models.Model):
    """Criminal proceedings the person takes part in (the court-monitoring module builds on it)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="proceedings")
    court = models.CharField(_("court"), max_length=200)
    case_number = EncryptedTextField(_("court case number"), max_length=60, blank=True)
    role = models.CharField(_("the person's role"), max_length=30, choices=CourtRole.choices)
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=ProceedingStage.choices,
        default=ProceedingStage.INVESTIGATION,
    )
    protective_measures = models.JSONField(_("protective measures"), default=list, blank=True)
    compensation_claimed = models.BooleanField(_("compensation claimed"), default=False)
    compensation_result = models.CharField(
        _("compensation"),
        max_length=20,
        choices=CompensationResult.choices,
        default=CompensationResult.NOT_CLAIMED,
    )
    compensation_amount = models.DecimalField(
        _("amount awarded (RSD)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    note = EncryptedTextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("court proceedings")
        verbose_name_plural = _("court proceedings")

    def __str__(self) -> str:
        return f"proceedings #{self.pk}"


class Hearing(models.Model):
    proceeding = models.ForeignKey(
        CourtProceeding, on_delete=models.CASCADE, related_name="hearings"
    )
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=HearingKind.choices)
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.held_on}"


class CaseNote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    written_on = models.DateField(_("date"))
    text = EncryptedTextField(_("note"))
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_on", "pk"]
        indexes = [models.Index(fields=["case", "written_on"], name="cases_note_date")]

    def __str__(self) -> str:
        return f"note #{self.pk}"


DOCUMENT_CONTEXT = "cases.casedocument.content"  # associated data of encrypted file bytes


class CaseDocument(models.Model):
    """An uploaded file, stored encrypted (core.crypto.encrypt_bytes under DOCUMENT_CONTEXT)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    title = EncryptedTextField(_("title"), max_length=200)
    file_name = EncryptedTextField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = models.BinaryField()  # encrypted; never selected by lists (defer it)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_on = models.DateField(_("date"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_on", "pk"]

    def __str__(self) -> str:
        return f"document #{self.pk}"
