"""A curator in a real browser: log in, open a Dari proposal, see it right-to-left, accept it.

Drives Debian's Chromium through Playwright. Without /usr/bin/chromium the test is skipped,
unless SANAD_REQUIRE_BROWSER=1 (set by `.ci/run`, which installs Chromium), where it fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from claims.models import Claim, Revision
from tests.concurrency.conftest import starter_vocabulary  # noqa: F401  (a fixture)

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "browser-test-pass-91"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page():
    if not CHROMIUM.exists():
        if os.environ.get("SANAD_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (SANAD_REQUIRE_BROWSER=1) but /usr/bin/chromium is missing")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # between browser steps are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        page = browser.new_page()
        try:
            yield page
        finally:
            browser.close()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


# The starter vocabulary put back: an earlier transactional test (they run last, in file order)
# may have flushed what the migrations created.
@pytest.mark.usefixtures("starter_vocabulary")
def test_curator_accepts_a_dari_proposal(live_server, browser_page, seeded) -> None:
    from claims.accounts import groups_ensure
    from claims.proposals import document_propose

    dari = seeded["001_51bef3fb1244b05f.txt"]
    document_propose(document=dari)
    claim = Claim.objects.filter(document=dari, status="proposed", property__slug="member_count").first()
    assert claim is not None
    curator_group, _ = groups_ensure()
    user = User.objects.create_user("dari-curator", password=PASSWORD, is_staff=True)
    user.groups.add(curator_group)
    page = browser_page

    page.goto(f"{live_server.url}/admin/login/?next=/admin/claims/claim/{claim.pk}/change/")
    page.fill("#id_username", "dari-curator")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"**/admin/claims/claim/{claim.pk}/change/")

    mark = page.locator(".field-evidence_display mark").first
    block = page.locator(".field-evidence_display .sanad-evidence").first
    assert mark.inner_text() == claim.evidence.get().quote
    assert mark.is_visible()
    assert block.get_attribute("dir") == "auto"
    assert block.evaluate("el => getComputedStyle(el).direction") == "rtl"

    page.select_option("#id_status", "accepted")
    page.click("input[name=_continue]")
    page.wait_for_load_state()

    assert page.locator("#id_status").input_value() == "accepted"
    history = page.locator(".field-history table").inner_text()
    assert "dari-curator" in history
    assert "status: proposed → accepted" in history
    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("accepted", 2)
    assert Revision.objects.filter(model="claim", object_id=claim.pk, action="update").count() == 1
