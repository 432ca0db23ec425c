"""What a visitor and a coordinator see in a real browser: language switching, sign-in, accessibility."""

import pytest

from core.models import Role
from core.tests.browser import assert_accessible
from core.tests.factories import PASSWORD, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_switches_to_cyrillic_and_both_public_pages_stay_accessible(page, live_server):
    page.goto(f"{live_server.url}/login/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)

    page.get_by_role("button", name="Ћирилица").click()
    page.wait_for_load_state()

    assert page.url.endswith("/login/")
    assert page.locator("html").get_attribute("lang") == "sr"
    assert page.get_by_role("button", name="Ћирилица").get_attribute("aria-current") == "true"
    assert_accessible(page)

    page.goto(f"{live_server.url}/programmes/")
    assert page.locator("html").get_attribute("lang") == "sr"
    assert_accessible(page)


def test_coordinator_signs_in_through_the_form_and_sees_the_dashboard(page, live_server):
    membership = MembershipFactory(role=Role.EDUCATION_COORDINATOR)

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(membership.user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard/")

    assert page.get_by_role("heading", level=1).inner_text() == "Dashboard"
    assert page.get_by_role("button", name=f"Sign out {membership.user.username}").is_visible()
    assert_accessible(page)


def test_accessibility_check_names_serious_violations(page):
    page.set_content(
        '<html lang="en"><body><main><img src="x.png"><button></button></main></body></html>'
    )

    with pytest.raises(pytest.fail.Exception, match=r"\[critical\] (image-alt|button-name)"):
        assert_accessible(page)
