import re

import pytest

from offerings.models import Offering

from .conftest import axe_violations

pytestmark = pytest.mark.browser


def find_time_and_rus(page, base_url: str) -> None:
    page.goto(f"{base_url}/")
    page.fill("#id_municipality", "Time")
    page.select_option("#id_topic", "rus")
    page.click("#finder-form-submit")
    page.wait_for_url(re.compile(r"municipality=1121"))


def run_journey(page, base_url: str) -> None:
    find_time_and_rus(page, base_url)
    assert "topic=rus" in page.url
    results = page.locator("#result-heading").locator("xpath=..")
    assert results.get_by_role("link", name="KoRus Vest Stavanger", exact=True).is_visible()
    assert results.get_by_role("link", name="KoRus Vest Bergen", exact=True).count() == 0

    card = page.locator("article", has=page.get_by_role("link", name="KoRus Vest Stavanger"))
    offering_link = card.locator(".offering-links a").first
    title = offering_link.inner_text()
    offering_link.click()
    page.wait_for_url(re.compile(r"/tilbud/\d+-"))
    assert page.locator("h1").inner_text() == title

    page.go_back()
    page.wait_for_url(re.compile(r"municipality=1121"))
    assert page.get_by_role("link", name="KoRus Vest Stavanger", exact=True).first.is_visible()


def test_finder_journey_from_home_to_an_offering_and_back(page, demo_site):
    run_journey(page, demo_site.url)


def test_the_same_journey_works_without_javascript(page_without_javascript, demo_site):
    run_journey(page_without_javascript, demo_site.url)


def test_the_finder_remembers_the_municipality_on_the_next_visit(page, demo_site):
    find_time_and_rus(page, demo_site.url)
    page.goto(f"{demo_site.url}/")
    assert page.input_value("#id_municipality") == "Time (1121)"


def test_language_switch_changes_the_interface(page, demo_site):
    page.goto(f"{demo_site.url}/sentre/")
    page.select_option("#language-select", "en")
    page.click(".language-switch button")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Centres"
    assert page.locator("html").get_attribute("lang") == "en"


def public_pages(base_url: str) -> dict[str, str]:
    offering = Offering.objects.published().filter(sessions__isnull=False).first()
    return {
        "home": "/",
        "finder result": "/?municipality=1121&topic=rus",
        "finder error": "/?municipality=Atlantis",
        "centre list": "/sentre/",
        "centre page": "/sentre/korus-vest-stavanger/",
        "calendar": "/tilbud/",
        "calendar without results": "/tilbud/?q=ingenting+her",
        "calendar with errors": "/tilbud/?from=2026-13-45&municipality=abc",
        "offering page": offering.get_absolute_url(),
        "privacy": "/personvern/",
        "contact": "/kontakt/",
    }


def switch_language(page, base_url: str, language: str) -> None:
    page.goto(f"{base_url}/personvern/")
    page.select_option("#language-select", language)
    page.click(".language-switch button")
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_public_pages_have_no_axe_violations(page, demo_site, language):
    switch_language(page, demo_site.url, language)
    failures = {}
    for name, path in public_pages(demo_site.url).items():
        page.goto(f"{demo_site.url}{path}")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").count() == 1, name
        assert page.locator("main").count() == 1, name
        violations = axe_violations(page)
        if violations:
            failures[name] = violations
    assert failures == {}


def test_the_accessibility_check_catches_a_known_violation(page, demo_site):
    """Guards the guard: an unlabeled input and an image without alt must be reported."""
    page.goto(f"{demo_site.url}/personvern/")
    page.evaluate(
        """() => {
            const main = document.querySelector('main');
            main.insertAdjacentHTML('beforeend', '<input type="text"><img src="/x.png">');
        }"""
    )
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"label", "image-alt"} <= found


def test_pages_reflow_without_sideways_scrolling_at_320_pixels(browser, demo_site):
    """WCAG 1.4.10: content fits a 320 CSS pixel wide screen."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    too_wide = {}
    for name, path in public_pages(demo_site.url).items():
        page.goto(f"{demo_site.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[name] = width
    context.close()
    assert too_wide == {}
