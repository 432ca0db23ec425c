"""Reads of the catalogue. Staff reads are scoped to one organisation; the public catalogue
shows active programmes of every organisation."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from catalogue.models import (
    Accreditation,
    AccreditingBody,
    Enquiry,
    EnquiryStatus,
    Programme,
    ProgrammeStatus,
)
from core.models import Membership, Organisation, Role, User
from core.scripts import normalise_for_search


def _title_search(programmes: QuerySet[Programme], text: str) -> QuerySet[Programme]:
    """Titles matching `text` typed in either script (texts are stored in either)."""
    key = normalise_for_search(text)
    return programmes.filter(search_key__contains=key) if key else programmes


def _current_accreditations() -> Prefetch:
    today = timezone.localdate()
    return Prefetch(
        "accreditations",
        queryset=Accreditation.objects.filter(valid_from__lte=today, valid_until__gte=today)
        .select_related("body")
        .order_by("-valid_until"),
        to_attr="current_accreditations",
    )


def _with_history(programmes: QuerySet[Programme]) -> QuerySet[Programme]:
    """A programme page's needs: its audience and every accreditation decision with its body."""
    return programmes.prefetch_related(
        "audiences",
        Prefetch("accreditations", queryset=Accreditation.objects.select_related("body")),
    )


# --- Public -------------------------------------------------------------------------------------


def public_programmes(
    *, search: str = "", sector: str = "", organisation_slug: str = ""
) -> QuerySet[Programme]:
    """Active programmes of all organisations with audience and current accreditation prefetched."""
    programmes = Programme.objects.filter(status=ProgrammeStatus.ACTIVE)
    if sector:
        programmes = programmes.filter(audiences__sector=sector)
    if organisation_slug:
        programmes = programmes.filter(organisation__slug=organisation_slug)
    programmes = _title_search(programmes, search)
    return (
        programmes.select_related("organisation")
        # Only what a card shows: the long texts stay in the database, keeping the page lean.
        .only("slug", "title_sr", "title_en", "format", "duration_days", "organisation__name")
        .prefetch_related("audiences", _current_accreditations())
        .order_by("title_sr", "pk")
    )


def public_organisations() -> QuerySet[Organisation]:
    """Organisations that have at least one active programme (for the public filter)."""
    active = Programme.objects.filter(organisation=OuterRef("pk"), status=ProgrammeStatus.ACTIVE)
    return Organisation.objects.filter(Exists(active)).order_by("name")


def public_programme(slug: str) -> Programme | None:
    """One active programme by its address, with its audience and accreditation history."""
    return _with_history(
        Programme.objects.filter(slug=slug, status=ProgrammeStatus.ACTIVE).select_related(
            "organisation"
        )
    ).first()


# --- Staff --------------------------------------------------------------------------------------


def bodies_for(organisation: Organisation) -> QuerySet[AccreditingBody]:
    """The organisation's accrediting bodies, by name."""
    return AccreditingBody.objects.filter(organisation=organisation).order_by("name_sr")


def programmes_for(
    organisation: Organisation, *, search: str = "", status: str = ""
) -> QuerySet[Programme]:
    """The organisation's programmes, with the end of their latest accreditation."""
    programmes = Programme.objects.filter(organisation=organisation)
    if status:
        programmes = programmes.filter(status=status)
    return (
        _title_search(programmes, search)
        .annotate(accredited_until=Max("accreditations__valid_until"))
        .prefetch_related("audiences")
        .order_by("title_sr", "pk")
    )


def programme_for(organisation: Organisation, pk: int) -> Programme | None:
    """One of the organisation's programmes with audience and full accreditation history."""
    return _with_history(Programme.objects.filter(organisation=organisation, pk=pk)).first()


def accreditations_for(organisation: Organisation) -> QuerySet[Accreditation]:
    """The organisation's accreditation decisions."""
    return Accreditation.objects.filter(organisation=organisation).select_related(
        "programme", "body"
    )


def expiring_programmes(organisation: Organisation) -> QuerySet[Programme]:
    """Active programmes whose last accreditation ends within the warning period or has ended."""
    horizon = timezone.localdate() + timedelta(days=settings.ACCREDITATION_WARNING_DAYS)
    return (
        Programme.objects.filter(organisation=organisation, status=ProgrammeStatus.ACTIVE)
        .annotate(accredited_until=Max("accreditations__valid_until"))
        .filter(accredited_until__lte=horizon)
        .order_by("accredited_until", "pk")
    )


def enquiries_for(organisation: Organisation, *, status: str = "") -> QuerySet[Enquiry]:
    """The organisation's enquiries, newest first."""
    enquiries = Enquiry.objects.filter(organisation=organisation)
    if status:
        enquiries = enquiries.filter(status=status)
    return enquiries.select_related("programme", "handled_by").order_by("-created_at", "-pk")


def new_enquiry_count(organisation: Organisation) -> int:
    """How many enquiries nobody has taken up yet."""
    return Enquiry.objects.filter(organisation=organisation, status=EnquiryStatus.NEW).count()


def enquiry_recipients(organisation: Organisation) -> list[User]:
    """Education coordinators of the organisation who have an e-mail address."""
    return list(
        User.objects.filter(
            pk__in=Membership.objects.filter(
                organisation=organisation, role=Role.EDUCATION_COORDINATOR
            ).values("user_id"),
            is_active=True,
        )
        .exclude(email="")
        .order_by("pk")
    )
