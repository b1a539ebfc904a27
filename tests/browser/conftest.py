"""A real browser for the review workspace's tests: Debian's Chromium through Playwright.

Pages are served under the Content-Security-Policy the API work sets for the whole site (only
this origin's scripts, styles and images), added to every page here by the browser's request
routing, so a script or style the policy would block fails these tests whatever the server's
settings. Screenshots go to `$SANAD_BROWSER_OUTPUT` when set, else to the test run's temporary
folder (printed at the end of the run), never into the repository.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.concurrency.conftest import starter_vocabulary  # noqa: F401  (a fixture)

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Collects what the page's scripts and the policy report, for the tests to assert on.
_WATCH = """
window.__problems = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__problems.push(`CSP ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def vocabulary(starter_vocabulary) -> None:  # noqa: F811  (the imported fixture)
    """The vocabulary the data migrations create, put back (see `starter_vocabulary`)."""


@pytest.fixture(scope="session")
def browser_output(tmp_path_factory) -> Path:
    configured = os.environ.get("SANAD_BROWSER_OUTPUT")
    folder = Path(configured) if configured else tmp_path_factory.mktemp("browser")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def chromium() -> Iterator:
    if not CHROMIUM.exists():
        if os.environ.get("SANAD_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (SANAD_REQUIRE_BROWSER=1) but /usr/bin/chromium is missing")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


class WatchedPage:
    """A page that records console errors, uncaught exceptions and CSP violations."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.add_init_script(_WATCH)
        page.route("**/*", self._with_policy)

    @staticmethod
    def _with_policy(route) -> None:
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch(max_redirects=0)  # the browser follows redirects itself
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})

    def problems(self) -> list[str]:
        """Everything wrong so far: console errors, exceptions, policy violations on this page."""
        return self.errors + self.page.evaluate("window.__problems || []")


@pytest.fixture
def open_page(chromium):
    """`open_page(width, height)`: a new watched page of that viewport."""
    contexts = []

    def make(width: int = 1440, height: int = 900) -> WatchedPage:
        context = chromium.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        return WatchedPage(context.new_page())

    yield make
    for context in contexts:
        context.close()


def log_in(page, base_url: str, username: str, password: str, next_path: str) -> None:
    page.goto(f"{base_url}/admin/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_load_state()
