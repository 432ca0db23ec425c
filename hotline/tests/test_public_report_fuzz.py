"""Bad input, fuzzed: whatever a browser or a bot sends to the public report form (huge text,
NUL characters, any Unicode, missing or extra fields), the answer is an accepted report (302)
or a page with a message (400 or 429), never a 500 and never a half-written report."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from hotline.models import Contact, OnlineReport

pytestmark = pytest.mark.django_db

FIELDS = ["what_happened", "where", "when", "name", "phone", "email", "website", "body"]
# The test client (like a browser) cannot send lone surrogates: they are not encodable.
characters = st.characters(blacklist_categories=("Cs",))
short_text = st.text(alphabet=characters, max_size=300)
huge_text = st.builds(lambda char, count: char * count, characters, st.integers(9_000, 30_000))
awkward = st.sampled_from(
    ["", " ", "\x00", "a\x00b", "\r\n", "<script>alert(1)</script>", "' OR 1=1 --", "é" * 301]
)
values = st.one_of(short_text, huge_text, awkward)
FUZZ = hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def hotline_org(organisation, settings):
    settings.ONLINE_REPORT_RATE_PER_HOUR = 1_000_000
    settings.ONLINE_REPORT_SIGN_IN_RATE_PER_HOUR = 1_000_000
    organisation.accepts_online_reports = True
    organisation.save()
    return organisation


def assert_accepted_or_refused_with_a_message(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code in (302, 400, 429), response.status_code
    if response.status_code != 302:
        assert 'class="errorlist"' in response.content.decode()
    assert OnlineReport.objects.count() == Contact.objects.count()


@FUZZ
@given(data=st.dictionaries(st.sampled_from(FIELDS), values, max_size=len(FIELDS)))
def test_any_form_fields_are_accepted_or_refused_with_a_message(hotline_org, data):
    response = Client().post(reverse("hotline:public_report"), data)

    assert_accepted_or_refused_with_a_message(response)


@FUZZ
@given(data=st.dictionaries(st.text(alphabet=characters, max_size=40), values, max_size=6))
def test_any_field_names_url_encoded_are_accepted_or_refused_with_a_message(hotline_org, data):
    response = Client().post(
        reverse("hotline:public_report"),
        urlencode(data),
        content_type="application/x-www-form-urlencoded",
    )

    assert_accepted_or_refused_with_a_message(response)


@FUZZ
@given(reference=values, passphrase=values)
def test_any_sign_in_is_refused_with_a_message(hotline_org, reference, passphrase):
    response = Client().post(
        reverse("hotline:report_sign_in"), {"reference": reference, "passphrase": passphrase}
    )

    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
