"""E-mails that tell staff something is waiting for them in Putokaz: a link, never content."""

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from core.models import Organisation
from core.queries import members_to_email


def email_members(
    organisation: Organisation, role: str, template: str, context: dict[str, Any]
) -> int:
    """E-mail every active member holding `role` (with an address), each in their own language:
    `<template>_subject.txt` and `<template>_body.txt`. Returns how many were written to."""
    recipients = list(members_to_email(organisation, role))
    for recipient in recipients:
        with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
            subject = render_to_string(f"{template}_subject.txt", context).strip()
            body = render_to_string(f"{template}_body.txt", context)
        send_mail(subject, body, None, [recipient.email])
    return len(recipients)


def link_to(path: str) -> str:
    """The absolute address of a page, for e-mails."""
    return settings.SITE_URL.rstrip("/") + path
