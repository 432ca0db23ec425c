"""Roles that can open victims' data enrol an authenticator app and give a code at each sign-in."""

import base64
import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import AuditAction, AuditEntry, Role
from core.tests.factories import MembershipFactory, TOTPDeviceFactory

pytestmark = pytest.mark.django_db

ENROL = reverse("core:otp_enrol")
VERIFY = reverse("core:otp_verify")


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wrong_code_for(device):
    return f"{(int(code_for(device)) + 500_000) % 1_000_000:06d}"


@pytest.fixture
def case_manager(organisation):
    return MembershipFactory(role=Role.CASE_MANAGER, organisation=organisation).user


@pytest.fixture
def signed_in(case_manager):
    client = Client()
    client.force_login(case_manager)
    return client


def test_sensitive_role_without_a_device_is_sent_to_enrolment(signed_in):
    response = signed_in.get(reverse("core:dashboard"))

    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=/dashboard/"


def test_role_without_victim_data_needs_no_second_factor(organisation):
    trainer = MembershipFactory(role=Role.TRAINER, organisation=organisation).user
    client = Client()
    client.force_login(trainer)

    assert client.get(reverse("core:dashboard")).status_code == 200


def test_enrolment_page_shows_a_qr_code_and_the_typed_key(signed_in, case_manager):
    response = signed_in.get(ENROL)

    html = response.content.decode()
    device = TOTPDevice.objects.get(user=case_manager)
    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+"', html)
    assert "otpauth" not in html  # the URI travels only inside the picture
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert secret[:4] + " " + secret[4:8] in html
    assert not device.confirmed


def test_reloading_the_enrolment_page_reuses_the_same_device(signed_in, case_manager):
    signed_in.get(ENROL)
    signed_in.get(ENROL)
    signed_in.get(ENROL)

    assert TOTPDevice.objects.filter(user=case_manager).count() == 1


def test_first_correct_code_confirms_the_device_and_opens_the_page_asked_for(
    signed_in, case_manager
):
    signed_in.get(ENROL)
    device = TOTPDevice.objects.get(user=case_manager)

    response = signed_in.post(f"{ENROL}?next=/dashboard/", {"token": code_for(device)})

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    device.refresh_from_db()
    assert device.confirmed
    assert signed_in.get(reverse("core:dashboard")).status_code == 200


def test_enrolment_is_audited(signed_in, case_manager):
    signed_in.get(ENROL)
    device = TOTPDevice.objects.get(user=case_manager)

    signed_in.post(ENROL, {"token": code_for(device)})

    entry = AuditEntry.objects.get(action=AuditAction.SECOND_FACTOR)
    assert entry.actor == case_manager
    assert entry.object_id == str(case_manager.pk)


def test_wrong_enrolment_code_leaves_the_device_unconfirmed(signed_in, case_manager):
    signed_in.get(ENROL)
    device = TOTPDevice.objects.get(user=case_manager)

    response = signed_in.post(ENROL, {"token": wrong_code_for(device)})

    assert response.status_code == 200
    assert "That code is not correct" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert signed_in.get(reverse("core:dashboard")).status_code == 302


def test_enrolled_user_is_sent_to_verification_with_the_page_asked_for(signed_in, case_manager):
    TOTPDeviceFactory(user=case_manager)

    response = signed_in.get(reverse("core:dashboard"))

    assert response["Location"] == f"{VERIFY}?next=/dashboard/"


def test_enrolled_user_cannot_enrol_a_second_device_before_verifying(signed_in, case_manager):
    TOTPDeviceFactory(user=case_manager)

    response = signed_in.get(ENROL)

    assert response["Location"] == VERIFY
    assert TOTPDevice.objects.filter(user=case_manager).count() == 1


def test_correct_code_verifies_and_follows_next(signed_in, case_manager):
    device = TOTPDeviceFactory(user=case_manager)

    response = signed_in.post(f"{VERIFY}?next=/audit/", {"token": code_for(device)})

    assert response["Location"] == "/audit/"
    assert signed_in.get(reverse("core:dashboard")).status_code == 200


def test_next_pointing_to_another_site_is_ignored(signed_in, case_manager):
    device = TOTPDeviceFactory(user=case_manager)

    response = signed_in.post(f"{VERIFY}?next=https://evil.example/", {"token": code_for(device)})

    assert response["Location"] == reverse("core:dashboard")


def test_wrong_code_shows_an_error_and_keeps_the_gate_closed(signed_in, case_manager):
    device = TOTPDeviceFactory(user=case_manager)

    response = signed_in.post(VERIFY, {"token": wrong_code_for(device)})

    assert response.status_code == 200
    assert "That code is not correct" in response.content.decode()
    assert signed_in.get(reverse("core:dashboard")).status_code == 302


def test_wrong_and_right_codes_are_audited(signed_in, case_manager):
    device = TOTPDeviceFactory(user=case_manager)
    signed_in.post(VERIFY, {"token": "abc"})
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )

    signed_in.post(VERIFY, {"token": code_for(device)})

    summaries = list(
        AuditEntry.objects.filter(action=AuditAction.SECOND_FACTOR, actor=case_manager)
        .order_by("sequence")
        .values_list("summary", flat=True)
    )
    assert summaries == ["wrong code", "code accepted"]


def test_after_a_wrong_code_even_the_right_one_waits_for_the_throttle(signed_in, case_manager):
    device = TOTPDeviceFactory(user=case_manager)
    signed_in.post(VERIFY, {"token": wrong_code_for(device)})

    response = signed_in.post(VERIFY, {"token": code_for(device)})

    assert "Too many wrong codes" in response.content.decode()
    assert signed_in.get(reverse("core:dashboard")).status_code == 302


def test_a_code_cannot_be_used_twice(case_manager):
    device = TOTPDeviceFactory(user=case_manager)
    code = code_for(device)
    first, second = Client(), Client()
    first.force_login(case_manager)
    second.force_login(case_manager)
    first.post(VERIFY, {"token": code})

    response = second.post(VERIFY, {"token": code})

    assert response.status_code == 200
    assert "That code is not correct" in response.content.decode()


def test_signing_out_is_possible_before_the_second_factor(signed_in, case_manager):
    TOTPDeviceFactory(user=case_manager)

    response = signed_in.post(reverse("core:logout"))

    assert response.status_code == 302
    assert response["Location"] == reverse("core:login")
