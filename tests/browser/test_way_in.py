"""The way in: from the public header to each role's work and out again, in Chromium (nb-NO) at
desktop and phone width, with no axe-core violations on any page on the way."""

import json
import re

import pytest

from portal.demo.loader import ensure_demo_logins

from .conftest import DEMO_PASSWORD, axe_violations

pytestmark = pytest.mark.browser
WIDTHS = [1280, 390]


@pytest.fixture
def site(demo_site):
    ensure_demo_logins(password=DEMO_PASSWORD)
    return demo_site.url


@pytest.fixture(params=WIDTHS, ids=[f"{width}px" for width in WIDTHS])
def screen(browser, request):
    width = request.param
    context = browser.new_context(
        locale="nb-NO", bypass_csp=True, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    yield page, width
    context.close()


class Findings:
    """axe-core violations and sideways scrolling, per page visited."""

    def __init__(self, page, width: int) -> None:
        self.page, self.width, self.found = page, width, {}

    def check(self, name: str) -> None:
        if violations := axe_violations(self.page):
            self.found[name] = violations
        scroll_width = self.page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > self.width:
            self.found[f"{name}: scrolls sideways"] = scroll_width

    def assert_none(self) -> None:
        assert self.found == {}, json.dumps(self.found, indent=1)


@pytest.mark.parametrize(
    ("username", "landing", "landing_heading"),
    [
        ("redaktor-rvts-nord", "/admin/", "Administrasjon"),
        ("radgiver-vestland", "/oversikt/", "Regional oversikt"),
    ],
    ids=["centre editor", "adviser"],
)
def test_logging_in_from_the_header_leads_to_the_work_and_out_again(
    site, screen, username, landing, landing_heading
):
    page, width = screen
    findings = Findings(page, width)

    page.goto(f"{site}/")
    assert page.locator("html").get_attribute("lang") == "nb"
    header = page.locator(".site-header")
    header.get_by_role("link", name="Logg inn").click()
    page.wait_for_url(f"{site}/konto/logg-inn/")
    assert page.locator("h1").inner_text() == "Logg inn"
    findings.check("login page")

    page.get_by_label("Brukernavn eller e-postadresse").fill(username)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{site}{landing}")
    assert landing_heading in page.locator("h1").first.inner_text()
    assert "ikke tillatelse" not in page.content()
    findings.check("landing page")

    page.goto(f"{site}/sentre/")
    header = page.locator(".site-header")
    assert f"Logget inn som {username}" in header.inner_text()
    assert header.get_by_role("link", name="Regional oversikt").is_visible()
    findings.check("a public page, logged in")

    header.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(f"{site}/konto/logg-inn/")
    assert "Du er logget ut." in page.locator("main").inner_text()
    assert page.locator(".site-header").get_by_role("link", name="Logg inn").is_visible()
    assert username not in page.locator(".site-header").inner_text()
    findings.check("logged out")

    findings.assert_none()


def test_a_link_that_needs_a_login_comes_back_to_it_afterwards(site, screen):
    page, _ = screen
    page.goto(f"{site}/oversikt/?county=46")
    page.wait_for_url(re.compile(r"/konto/logg-inn/\?next="))

    page.get_by_label("Brukernavn eller e-postadresse").fill("radgiver-vestland")
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()

    page.wait_for_url(f"{site}/oversikt/?county=46")


def test_a_wrong_password_is_announced_in_the_error_summary(site, screen):
    page, width = screen
    findings = Findings(page, width)
    page.goto(f"{site}/konto/logg-inn/")
    page.get_by_label("Brukernavn eller e-postadresse").fill("redaktor-rvts-nord")
    page.get_by_label("Passord").fill("ikke-passordet")
    page.get_by_role("button", name="Logg inn").click()

    page.wait_for_load_state()
    assert page.locator(".ds-error-summary").is_visible()
    assert page.url == f"{site}/konto/logg-inn/"
    findings.check("login page with an error")
    findings.assert_none()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_sites_own_pages_have_no_axe_violations(site, screen, language):
    page, width = screen
    page.context.add_cookies([{"name": "sprak", "value": language, "url": site}])
    findings = Findings(page, width)

    for name, path, status in [
        ("404 page", "/finnes-ikke/", 404),
        ("accessibility statement", "/tilgjengelighet/", 200),
        ("about the service", "/om-tjenesten/", 200),
    ]:
        response = page.goto(f"{site}{path}")
        assert response.status == status, path
        assert page.locator("html").get_attribute("lang") == language
        findings.check(name)

    findings.assert_none()


def test_a_browser_set_to_english_opens_the_site_in_bokmal(browser, site):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()

    page.goto(f"{site}/")

    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.locator("h1").inner_text() == "Finn kompetansesentre for kommunen din"
    context.close()
