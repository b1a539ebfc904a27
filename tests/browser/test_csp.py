"""The admin, the API docs and the browsable API work in a real browser under the CSP header.

The policy allows only this origin's scripts, styles and images: a page that relied on an
inline script, an inline style or a CDN would break silently for users, so each page is loaded
in Chromium, used, and checked for Content-Security-Policy violations and for requests that
leave the server (the docs must work offline).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.browser.test_admin_curation import browser_page  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "csp-browser-pass-41"


@pytest.fixture
def watched(browser_page, live_server):  # noqa: F811
    """The page, with the CSP violations and the off-server requests it meets."""
    page = browser_page
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on(
        "request",
        lambda r: (
            problems.append(f"off-server request: {r.url}")
            if not r.url.startswith((live_server.url, "data:"))
            else None
        ),
    )
    return page, problems


def test_the_api_docs_render_every_operation_offline_under_the_policy(live_server, watched) -> None:
    page, problems = watched

    response = page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock", timeout=30_000)

    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.locator(".opblock").count() > 20
    assert page.locator(".opblock-summary-path", has_text="/api/v1/ingest-jobs/").count() >= 1
    page.locator(".opblock-summary", has_text="/api/v1/revisions/").first.click()
    page.wait_for_selector(".opblock-body", timeout=10_000)
    assert problems == []


def test_the_admin_logs_in_and_lists_documents_and_tokens_under_the_policy(
    live_server, watched, vocabulary, seeded
) -> None:
    page, problems = watched
    User.objects.create_superuser("csp-admin", password=PASSWORD)

    page.goto(f"{live_server.url}/admin/login/?next=/admin/corpus/document/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/corpus/document/")
    rows = page.locator("#result_list tbody tr").count()
    page.goto(f"{live_server.url}/admin/claims/apitoken/")

    assert rows > 0
    assert page.locator("#content h1").inner_text().startswith("Select")
    assert problems == []


def test_the_browsable_api_renders_under_the_policy(live_server, watched, vocabulary, seeded) -> None:
    page, problems = watched

    page.goto(f"{live_server.url}/api/v1/", wait_until="networkidle")

    # DRF's page sets a few `style` attributes, which the policy drops (a cosmetic loss); no
    # script of it is blocked, and the links to every endpoint are there.
    assert page.locator("a", has_text="/api/v1/ingest-jobs/").count() >= 1
    assert page.locator("a", has_text="/api/v1/revisions/").count() >= 1
    assert [p for p in problems if "script" in p.lower()] == []
