"""Action plans: small groups of participants (from one or more schools) write what they will
do after the training and which follow-up workshops they ask for; the coordinator follows up."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Institution, Organisation
from training.models import Training

__all__ = [
    "PlanActivity",
    "PlanCollection",
    "PlanGroup",
    "WorkshopRequest",
    "WorkshopRequestStatus",
    "new_plan_token",
]


def new_plan_token() -> str:
    return secrets.token_urlsafe(24)


class PlanCollection(models.Model):
    """Whether the groups of a training may still write their plans on the public page."""

    training = models.OneToOneField(
        Training, on_delete=models.CASCADE, related_name="plan_collection"
    )
    is_open = models.BooleanField(_("open"), default=False)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan collection")
        verbose_name_plural = _("plan collections")

    def __str__(self) -> str:
        return f"{self.training} · {'open' if self.is_open else 'closed'}"


class PlanGroup(models.Model):
    """A small group writing one action plan together, on one device, through its secret link."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="plan_groups"
    )
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="plan_groups")
    name = models.CharField(_("group name"), max_length=120)
    institutions = models.ManyToManyField(
        Institution, related_name="plan_groups", verbose_name=_("institutions")
    )
    # The group's link: whoever holds it may write the plan while the collection is open.
    token = models.CharField(max_length=64, unique=True, default=new_plan_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    plan_saved_at = models.DateTimeField(_("plan last saved"), null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["training", "name"], name="learning_plan_group_name")
        ]
        verbose_name = _("plan group")
        verbose_name_plural = _("plan groups")

    def __str__(self) -> str:
        return self.name


class PlanActivity(models.Model):
    """One line of a plan: what, for whom, who leads it and when."""

    group = models.ForeignKey(PlanGroup, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveSmallIntegerField(default=0)
    what = models.CharField(_("activity"), max_length=300)
    audience = models.CharField(_("for whom"), max_length=200)
    lead = models.CharField(_("who leads"), max_length=200)
    # A month given as month/year is kept as its first day; anything else as typed.
    when_month = models.DateField(_("month"), null=True, blank=True)
    when_text = models.CharField(_("when"), max_length=100, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("plan activity")
        verbose_name_plural = _("plan activities")

    def __str__(self) -> str:
        return self.what


class WorkshopRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    POSTPONED = "postponed", _("Postponed")
    DECLINED = "declined", _("Declined")


class WorkshopRequest(models.Model):
    """A group's request for a follow-up workshop in one of its schools, and its follow-up."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="workshop_requests"
    )
    group = models.ForeignKey(PlanGroup, on_delete=models.CASCADE, related_name="requests")
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="workshop_requests",
        verbose_name=_("institution"),
    )
    topic = models.CharField(_("topic"), max_length=300)
    audience = models.CharField(_("audience"), max_length=200)
    preferred_period = models.CharField(_("preferred period"), max_length=100, blank=True)
    expected_participants = models.PositiveIntegerField(_("expected participants"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=WorkshopRequestStatus.choices,
        default=WorkshopRequestStatus.REQUESTED,
        db_index=True,
    )
    held_on = models.DateField(_("workshop held on"), null=True, blank=True)
    notes = models.TextField(_("follow-up notes"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="learning_request_org_status")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_participants__gt=0), name="learning_request_participants"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(held_on__isnull=False),
                name="learning_request_done_has_date",
            ),
        ]
        verbose_name = _("workshop request")
        verbose_name_plural = _("workshop requests")

    def __str__(self) -> str:
        return f"{self.institution.name} · {self.topic}"

    @property
    def is_open_to_group(self) -> bool:
        """The group may still change or withdraw it until the coordinator acts on it."""
        return self.status == WorkshopRequestStatus.REQUESTED
