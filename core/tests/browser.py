"""Browser-test fixtures: Playwright (sync API) driving Debian's Chromium, axe-core for accessibility.

Loaded by the root conftest through `pytest_plugins`. Browser tests use pytest-django's
`live_server` and are marked `@pytest.mark.browser`:

    @pytest.mark.browser
    def test_something(page, live_server):
        page.goto(live_server.url + "/programmes/")
        assert_accessible(page)

Playwright's own browser download does not work here, so the browser is `/usr/bin/chromium`
(installed by `make test`); tests are skipped when it is missing.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Keep failures quick: a missing element should fail a test in seconds, not half a minute.
TIMEOUT_MS = 10_000
BLOCKING_IMPACTS = frozenset({"serious", "critical"})

# Playwright's sync API runs an asyncio event loop in the test thread; Django then sees an
# "async context" and refuses the ORM calls that live_server's set-up and our factories make
# (SynchronousOnlyOperation). Nothing here runs Django code concurrently with that loop, so
# the check guards against nothing in these tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (per xdist worker)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page in a fresh context (no cookies carried between tests), in English."""
    context = browser.new_context(locale="en")
    context.set_default_timeout(TIMEOUT_MS)
    new_page = context.new_page()
    yield new_page
    context.close()


def accessibility_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now, of serious or critical impact."""
    from axe_playwright_python.sync_playwright import Axe

    # Axe.run injects axe-core with page.evaluate (the DevTools protocol), which the page's
    # CSP (script-src 'self') does not apply to, so the strict policy stays on during the check.
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def assert_accessible(page: Any) -> None:
    """Fail with a readable list when axe-core finds a serious or critical violation."""
    violations = accessibility_violations(page)
    if violations:
        lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
        for violation in violations:
            targets = ", ".join(
                " ".join(str(t) for t in node.get("target", []))
                for node in violation.get("nodes", [])[:5]
            )
            lines.append(
                f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({targets})"
            )
        pytest.fail("\n".join(lines), pytrace=False)


def sign_in_as(page: Any, base_url: str, username: str) -> None:
    """Sign in through the real form (factories' password) and wait for the dashboard."""
    from core.tests.factories import PASSWORD

    page.goto(f"{base_url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    # The header holds the language switcher and sign-out forms; the page's own form is in <main>.
    page.click("main form button[type=submit]")
    page.wait_for_url("**/dashboard/")


def sign_in_with_second_factor(page: Any, base_url: str, user: Any) -> None:
    """Sign in a role that needs TOTP (SOS consultant, case manager): password, then the code
    the user's confirmed device shows now (a device is created if the user has none)."""
    from django_otp.oath import totp

    from core.tests.factories import PASSWORD, TOTPDeviceFactory

    device = user.totpdevice_set.filter(confirmed=True).first() or TOTPDeviceFactory(user=user)
    page.goto(f"{base_url}/login/")
    page.fill("input[name=username]", user.get_username())
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/second-factor/**")
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.fill("input[name=token]", f"{code:0{device.digits}d}")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/dashboard/")
