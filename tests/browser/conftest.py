"""Real Chromium through Playwright. Skips loudly without a browser; CI makes that a failure."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from centres.reference import load_reference_data
from portal.demo.loader import load_demo_content

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def _missing_browser_reason() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if not AXE_SCRIPT.exists():
        return f"no axe-core at {AXE_SCRIPT} (npm ci)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing_browser_reason()
    if reason:
        message = f"BROWSER TESTS NOT RUN: {reason}"
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the tests still use the ORM
    # synchronously to set up data, which Django would otherwise refuse.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def demo_site(transactional_db, live_server):
    """A live server with the reference data and demo content (flushed after each test)."""
    load_reference_data()
    load_demo_content()
    return live_server


def _new_page(browser, *, javascript: bool):
    # bypass_csp lets the test inject axe-core; the site itself never runs inline script.
    context = browser.new_context(locale="nb-NO", java_script_enabled=javascript, bypass_csp=True)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    context, page = _new_page(browser, javascript=True)
    yield page
    context.close()


@pytest.fixture
def page_without_javascript(browser):
    context, page = _new_page(browser, javascript=False)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page and return its WCAG 2.0, 2.1 and 2.2 A/AA violations."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


DEMO_PASSWORD = "et-langt-demo-passord"


def log_in(page, base_url: str, username: str, *, lands_on: str = "/admin/") -> None:
    """Log a demo account in (after `ensure_demo_logins(DEMO_PASSWORD)`) through the back-office's
    address, which leads to the login page; wait for the role's landing page."""
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("#login-form-submit")
    page.wait_for_url(f"{base_url}{lands_on}")
