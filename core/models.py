"""Tenants, users and their roles, and the append-only audit log."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scripts import normalise_for_search


class Organisation(models.Model):
    """A tenant: an NGO whose records no other organisation sees."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="RS")
    email = models.EmailField(_("e-mail"), blank=True)
    founded = models.PositiveSmallIntegerField(_("founded"), null=True, blank=True)
    accepts_online_reports = models.BooleanField(
        _("accepts anonymous online reports"),
        default=False,
        help_text=_("Its SOS consultants receive what people report at /report/."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff. The language choice is remembered here, not only in a cookie."""

    preferred_language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    EDUCATION_COORDINATOR = "education_coordinator", _("Education coordinator")
    TRAINER = "trainer", _("Trainer")
    SOS_CONSULTANT = "sos_consultant", _("SOS consultant")
    CASE_MANAGER = "case_manager", _("Case manager")
    RESEARCHER = "researcher", _("Researcher")
    PARTNER = "partner", _("Partner organisation")


class Membership(models.Model):
    """A user's role in one organisation; a user may hold several roles in several organisations."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class InstitutionType(models.TextChoices):
    PRIMARY_SCHOOL = "primary_school", _("Primary school")
    VOCATIONAL_SCHOOL = "vocational_school", _("Secondary vocational school")
    GYMNASIUM = "gymnasium", _("Gymnasium")
    PRE_SCHOOL = "pre_school", _("Pre-school institution")
    HEALTH_CENTRE = "health_centre", _("Health centre")
    HOSPITAL = "hospital", _("Hospital")
    SOCIAL_WORK_CENTRE = "social_work_centre", _("Centre for social work")
    POLICE = "police", _("Police")
    COURT = "court", _("Court")
    PROSECUTOR = "prosecutor", _("Prosecutor's office")
    NGO = "ngo", _("Non-governmental organisation")
    OTHER = "other", _("Other")


class Institution(models.Model):
    """A school, centre, court or organisation that people work in (the institutions directory)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="institutions"
    )
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(
        _("type of institution"), max_length=30, choices=InstitutionType.choices
    )
    municipality = models.CharField(_("municipality"), max_length=100)
    # Name and municipality folded to lowercase Latin without diacritics: found in either script.
    search_key = models.CharField(max_length=400, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "municipality"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "search_key"], name="core_institution_unique_key"
            )
        ]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return f"{self.name}, {self.municipality}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_key = institution_key(self.name, self.municipality)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


def institution_key(name: str, municipality: str) -> str:
    """The same institution typed in either script, with or without diacritics, gives one key."""
    return normalise_for_search(f"{name} | {municipality}")


class Person(models.Model):
    """Someone the organisation works with by name: trainers now, speakers and contacts later."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    profession = models.CharField(_("profession or title"), max_length=200, blank=True)
    institution = models.ForeignKey(
        Institution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("institution"),
    )
    is_trainer = models.BooleanField(_("trainer"), default=False)
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("user account"),
    )
    search_key = models.CharField(max_length=250, editable=False, default="", db_index=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_key = normalise_for_search(f"{self.first_name} {self.last_name}")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class AuditAction(models.TextChoices):
    READ = "read", _("Read")
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    EXPORT = "export", _("Export")
    LOGIN = "login", _("Sign-in")
    LOGIN_FAILED = "login_failed", _("Failed sign-in")
    LOGOUT = "logout", _("Sign-out")
    SECOND_FACTOR = "second_factor", _("Second factor")
    KEY_ROTATION = "key_rotation", _("Key rotation")


class AuditEntry(models.Model):
    """One link of the hash chain. The database refuses UPDATE and DELETE on this table.

    `entry_hash` = SHA-256 over the previous hash and this entry's canonical fields, so changing
    or removing any entry breaks every later link (`manage.py verify_audit`).
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    created_at = models.DateTimeField(db_index=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False
    )
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-sequence"]
        indexes = [
            models.Index(fields=["organisation", "-sequence"]),
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "-sequence"]),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type} {self.object_id}".strip()


class AuditChainHead(models.Model):
    """A single row locked while appending, so concurrent writers cannot fork the chain."""

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"#{self.last_sequence} {self.last_hash[:12]}"


class Sequence(models.Model):
    """A per-organisation counter (case codes of a year, ...): the next number is taken under a
    row lock, so two people opening cases at once never get the same code."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=60)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="core_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"
