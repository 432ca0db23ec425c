"""In a real browser: on a closed case the case manager downloads everything held about the
person, then erases the person by typing the case code; the overview no longer names them. The
"Data rights" tab passes axe-core before and after."""

import json
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cases.models import Person
from cases.services.persons import set_identity
from cases.tests.test_rights_export import close, fill_case
from core.tests.browser import assert_accessible, sign_in_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_case_manager_exports_and_then_erases_the_person(page, live_server, case, case_manager):
    set_identity(case.person, given_name="Ђорђе", family_name="Đorđević", aliases="Djordjevic")
    fill_case(case, case_manager)
    close(case)

    sign_in_with_second_factor(page, live_server.url, case_manager)
    page.goto(live_server.url + reverse("cases:rights", args=[case.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("The person's data rights")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all data of the person").click()
    download = download_info.value
    assert download.suggested_filename == f"{case.code}-data.json"
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert (data["person"]["given_name"], data["person"]["family_name"]) == ("Ђорђе", "Đorđević")

    page.get_by_role("button", name="Erase the person's data").click()
    expect(page.get_by_text("Type the case code to confirm the erasure.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Type the case code to confirm").fill(case.code)
    page.get_by_role("button", name="Erase the person's data").click()

    page.wait_for_url(f"**{reverse('cases:case_detail', args=[case.pk])}")
    expect(page.get_by_text("The person's data was erased.")).to_be_visible()
    main = page.locator("main")
    expect(main).not_to_contain_text("Ђорђе")
    expect(main).not_to_contain_text("Đorđević")
    assert Person.objects.get().anonymised_at is not None

    page.goto(live_server.url + reverse("cases:rights", args=[case.pk]))
    expect(page.get_by_text("only codes for the statistics are kept")).to_be_visible()
    assert_accessible(page)
