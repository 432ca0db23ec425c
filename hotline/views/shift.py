"""The consultant's shift: the home screen with the start and quick buttons, the one contact
screen filled in while talking (saved continuously as a draft), and my drafts."""

from typing import Any, cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.access import Capability, requires
from core.models import AuditAction, User
from core.services import audit_request, client_ip
from hotline.codes import QUICK_KINDS, Channel, ContactKind, ContactStatus, Line
from hotline.forms import ContactForm, QuickContactForm, StartContactForm
from hotline.models import Contact, OnlineReport
from hotline.queries import contacts_for
from hotline.queries import shift as queries
from hotline.services import contacts as services

DRAFTS_ON_INDEX = 20
DRAFTS_PER_PAGE = 25
# Form fields kept in a draft: the contact form's, plus whether the duration was typed by hand
# (then the timer stops overwriting it, also after a reload).
DRAFT_FIELDS = [*ContactForm.base_fields, "duration_manual"]
MULTIPLE_DRAFT_FIELDS = {"indicators", "actions"}
MAX_DRAFT_VALUE_LENGTH = 10_000
# Channels on which someone is talking now: the timer runs while the screen is open.
LIVE_CHANNELS = frozenset(set(Channel) - {Channel.ONLINE_REPORT, Channel.EMAIL})


def _contact_or_404(request: HttpRequest, pk: int) -> Contact:
    return get_object_or_404(contacts_for(request.organisation), pk=pk)  # type: ignore[attr-defined]


def _draft_data(post: QueryDict) -> dict[str, Any]:
    """The form as typed, unvalidated (nothing typed is lost), limited to the form's fields."""
    data: dict[str, Any] = {}
    for name in DRAFT_FIELDS:
        if name in MULTIPLE_DRAFT_FIELDS:
            data[name] = [value[:MAX_DRAFT_VALUE_LENGTH] for value in post.getlist(name)]
        elif name in post:
            data[name] = post.get(name, "")[:MAX_DRAFT_VALUE_LENGTH]
    return data


def _refused_page(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "hotline/contact_refused.html", {"message": message}, status=status)


def _index_context(request: HttpRequest) -> dict[str, Any]:
    organisation = request.organisation  # type: ignore[attr-defined]
    user = cast(User, request.user)  # signed in: @requires let the request through
    drafts = list(queries.my_drafts(organisation, user)[: DRAFTS_ON_INDEX + 1])
    return {
        "lines": Line.choices,
        "channels": Channel.choices,
        "quick_kinds": QUICK_KINDS,
        "drafts": drafts[:DRAFTS_ON_INDEX],
        "more_drafts": len(drafts) > DRAFTS_ON_INDEX,
        "today": queries.contacts_today(organisation, user),
    }


@requires(Capability.RECORD_CONTACTS)
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "hotline/index.html", _index_context(request))


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return render(request, "hotline/index.html", _index_context(request), status=400)


@requires(Capability.RECORD_CONTACTS)
@require_POST
def contact_start(request: HttpRequest) -> HttpResponse:
    form = StartContactForm(request.POST)
    if not form.is_valid():
        return _bad_request(request, _("Choose a line and a channel to start a contact."))
    contact = services.start_contact(
        request.organisation,  # type: ignore[attr-defined]
        request.user,  # type: ignore[arg-type]
        line=form.cleaned_data["line"],
        channel=form.cleaned_data["channel"] or Channel.PHONE,
        ip_address=client_ip(request),
    )
    return redirect("hotline:contact_edit", pk=contact.pk)


@requires(Capability.RECORD_CONTACTS)
@require_POST
def quick_contact(request: HttpRequest) -> HttpResponse:
    form = QuickContactForm(request.POST)
    if not form.is_valid():
        return _bad_request(request, _("Choose a line, a channel and one of the quick buttons."))
    draft = None
    if request.POST.get("draft"):
        draft_pk = request.POST["draft"]
        if not draft_pk.isdigit():
            return _bad_request(request, _("This draft does not exist."))
        draft = _contact_or_404(request, int(draft_pk))
    try:
        contact = services.record_quick_contact(
            request.organisation,  # type: ignore[attr-defined]
            request.user,  # type: ignore[arg-type]
            kind=form.cleaned_data["kind"],
            line=form.cleaned_data["line"],
            channel=form.cleaned_data["channel"],
            draft=draft,
            ip_address=client_ip(request),
        )
    except services.NotYourDraft as refusal:
        return _refused_page(request, refusal.message, 403)
    except services.ContactRefused as refusal:
        return _bad_request(request, refusal.message)
    messages.success(
        request,
        _("Counted: %(kind)s contact on the %(line)s.")
        % {
            "kind": ContactKind(contact.kind).label.lower(),
            "line": Line(contact.line).label,
        },
    )
    return redirect("hotline:index")


def _elapsed_seconds(contact: Contact) -> int:
    return max(0, int((timezone.now() - contact.started_at).total_seconds()))


def _minutes_seconds(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _earlier_hint(contact: Contact, count: int) -> dict[str, Any]:
    return {
        "earlier_contacts": count,
        "earlier_text": ngettext(
            "%(count)d earlier contact from this number or address",
            "%(count)d earlier contacts from this number or address",
            count,
        )
        % {"count": count}
        if count
        else "",
        "earlier_url": f"{reverse('hotline:contact_list')}?same_as={contact.pk}",
    }


def _timer_runs(contact: Contact) -> bool:
    return contact.status == ContactStatus.DRAFT and contact.channel in LIVE_CHANNELS


def _initial(contact: Contact) -> dict[str, Any]:
    """The form as last saved in the draft over what the start button gave; while the timer
    runs (and the duration was not typed by hand) the duration is the time elapsed now."""
    saved = services.draft_form_data(contact)
    initial = {
        "line": contact.line,
        "channel": contact.channel,
        "started_at": contact.started_at,
        "duration": _minutes_seconds(0),
        **saved,
    }
    if _timer_runs(contact) and saved.get("duration_manual") != "1":
        initial["duration"] = _minutes_seconds(_elapsed_seconds(contact))
    return initial


@requires(Capability.RECORD_CONTACTS)
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact_or_404(request, pk)
    if contact.status == ContactStatus.RECORDED:
        return redirect("hotline:contact_detail", pk=contact.pk)
    user = request.user
    try:
        services.check_editable(contact, user)  # type: ignore[arg-type]
    except services.NotYourDraft as refusal:
        return _refused_page(request, refusal.message, 403)
    organisation = request.organisation  # type: ignore[attr-defined]
    status = 200
    if request.method == "POST":
        form = ContactForm(request.POST, organisation=organisation)
        try:
            if form.is_valid():
                services.record_contact(
                    contact,
                    user,  # type: ignore[arg-type]
                    form.cleaned_data,
                    ip_address=client_ip(request),
                )
                messages.success(request, _("The contact is recorded."))
                return redirect("hotline:contact_detail", pk=contact.pk)
            # Invalid: keep everything typed, then show what to correct.
            contact = services.save_draft(
                contact,
                user,  # type: ignore[arg-type]
                _draft_data(request.POST),
                ip_address=client_ip(request),
            )
        except services.NotYourDraft as refusal:
            return _refused_page(request, refusal.message, 403)
        except services.ContactRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("hotline:contact_detail", pk=contact.pk)
        status = 400
        duration_manual = request.POST.get("duration_manual", "")
    else:
        initial = _initial(contact)
        form = ContactForm(initial=initial, organisation=organisation)
        if not contact.draft_data:
            # A fresh call: straight to who contacts (line, channel and timer are set already).
            form.fields["caller_type"].widget.attrs["autofocus"] = True
        duration_manual = str(initial.get("duration_manual", ""))
        if contact.draft_data or contact.status == ContactStatus.RECEIVED:
            audit_request(request, AuditAction.READ, obj=contact, summary="contact draft opened")
    online_report = None
    if contact.channel == Channel.ONLINE_REPORT:
        online_report = OnlineReport.objects.filter(contact=contact).first()
    context = {
        "contact": contact,
        "form": form,
        "online_report": online_report,
        "quick_kinds": QUICK_KINDS,
        "timer_runs": _timer_runs(contact),
        "elapsed_seconds": _elapsed_seconds(contact),
        "duration_manual": "1" if duration_manual == "1" else "",
        **_earlier_hint(contact, queries.earlier_contacts(contact)),
    }
    return render(request, "hotline/contact_form.html", context, status=status)


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@requires(Capability.RECORD_CONTACTS)
@require_POST
def contact_draft(request: HttpRequest, pk: int) -> HttpResponse:
    contact = contacts_for(request.organisation).filter(pk=pk).first()  # type: ignore[attr-defined]
    if contact is None:
        return _json_error(_("This contact does not exist."), 404)
    try:
        draft = services.save_draft(
            contact,
            request.user,  # type: ignore[arg-type]
            _draft_data(request.POST),
            ip_address=client_ip(request),
        )
    except services.NotYourDraft as refusal:
        return _json_error(refusal.message, 403)
    except services.ContactRefused as refusal:
        return _json_error(refusal.message, 409)
    saved_at = timezone.localtime(draft.updated_at)
    return JsonResponse(
        {
            "saved_at": saved_at.isoformat(),
            "saved_text": _("Saved at %(time)s") % {"time": formats.time_format(saved_at, "H:i:s")},
            **_earlier_hint(draft, queries.earlier_contacts(draft)),
        }
    )


@requires(Capability.RECORD_CONTACTS)
@require_POST
def contact_discard(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact_or_404(request, pk)
    try:
        services.discard_draft(
            contact,
            request.user,  # type: ignore[arg-type]
            ip_address=client_ip(request),
        )
    except services.NotYourDraft as refusal:
        return _refused_page(request, refusal.message, 403)
    except services.ContactRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("hotline:index")
    messages.success(request, _("The draft is discarded."))
    return redirect("hotline:index")


@requires(Capability.RECORD_CONTACTS)
@require_safe
def drafts(request: HttpRequest) -> HttpResponse:
    mine = queries.my_drafts(request.organisation, request.user)  # type: ignore[attr-defined, arg-type]
    page = Paginator(mine, DRAFTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "hotline/drafts.html", {"page": page, "drafts": page.object_list})
