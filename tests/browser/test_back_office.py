import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from centres.models import Municipality, OfferingType, ServiceArea
from offerings.choices import OfferingStatus
from offerings.models import Offering
from portal.demo.loader import ensure_demo_logins

from .conftest import DEMO_PASSWORD, axe_violations, log_in

pytestmark = pytest.mark.browser
PASSWORD = DEMO_PASSWORD
TITLE = "Traumebevisst praksis i skolen – nettleserprøve"


@pytest.fixture
def back_office(demo_site):
    ensure_demo_logins(password=PASSWORD)
    return demo_site.url


def fill_session(page, index: int, day, municipality: Municipality) -> None:
    prefix = f"#id_sessions-{index}"
    page.fill(f"{prefix}-starts_at_0", day.isoformat())
    page.fill(f"{prefix}-starts_at_1", "09:00")
    page.fill(f"{prefix}-ends_at_0", day.isoformat())
    page.fill(f"{prefix}-ends_at_1", "15:00")
    page.fill(f"{prefix}-venue", "Tromsø rådhus")
    page.select_option(f"{prefix}-municipality", str(municipality.pk))


def create_draft_with_two_sessions(page, base_url: str) -> Offering:
    page.goto(f"{base_url}/admin/offerings/offering/add/")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Et kurs for lærere og ansatte i skolehelsetjenesten.")
    page.select_option("#id_offering_type", str(OfferingType.objects.get(slug="kurs").pk))
    page.select_option("#id_format", "in-person")
    topic = ServiceArea.objects.get(slug="vold-og-traumer")
    page.check(f"input[name=service_areas][value='{topic.pk}']")
    tromso = Municipality.objects.get(number="5501")
    first_day = timezone.localdate() + timedelta(days=60)
    for index in range(2):
        page.locator(".add-row a").click()
        fill_session(page, index, first_day + timedelta(days=index), tromso)
    page.click("input[name=_continue]")
    page.wait_for_url(re.compile(r"/admin/offerings/offering/\d+/change/"))
    return Offering.objects.get(title=TITLE)


def english_context(browser, base_url: str):
    """A browser whose person chose English with the language switch (the browser's own
    language does not change the site's)."""
    context = browser.new_context(locale="en-GB")
    context.add_cookies([{"name": "sprak", "value": "en", "url": base_url}])
    return context


def test_centre_staff_create_preview_publish_and_duplicate_an_offering(browser, back_office):
    context = english_context(browser, back_office)
    page = context.new_page()
    log_in(page, back_office, "redaktor-rvts-nord")

    offering = create_draft_with_two_sessions(page, back_office)
    assert offering.status == OfferingStatus.DRAFT
    assert offering.sessions.count() == 2
    assert offering.centre.slug == "rvts-nord"

    page.click("input[name=_preview]")
    page.wait_for_url(f"{back_office}/admin/offerings/offering/{offering.pk}/preview/")
    assert page.locator("h1").inner_text() == TITLE
    assert page.get_by_text("is not shown to the public").is_visible()

    page.get_by_role("link", name="Back to editing").click()
    page.click("input[name=_publish]")
    page.wait_for_url(f"{back_office}/admin/offerings/offering/{offering.pk}/change/")
    assert page.locator(".messagelist").inner_text().strip().endswith("is published.")
    offering.refresh_from_db()
    assert offering.status == OfferingStatus.PUBLISHED

    page.goto(f"{back_office}/tilbud/?q=nettleserprøve")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(rf"/tilbud/{offering.pk}-"))

    page.goto(f"{back_office}/admin/offerings/offering/{offering.pk}/change/")
    page.get_by_role("link", name="Duplicate").click()
    page.fill("#id_weeks", "26")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/offerings/offering/\d+/change/"))
    copy = Offering.objects.exclude(pk=offering.pk).get(title=TITLE)
    assert copy.status == OfferingStatus.DRAFT
    assert copy.sessions.count() == 2
    context.close()

    other = english_context(browser, back_office)
    stranger = other.new_page()
    log_in(stranger, back_office, "redaktor-korus-vest-stavanger")
    response = stranger.goto(f"{back_office}/admin/offerings/offering/{offering.pk}/change/")
    assert response.status == 404
    stranger.goto(f"{back_office}/admin/offerings/offering/?q=nettleserprøve")
    assert stranger.get_by_role("link", name=TITLE).count() == 0
    other.close()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_admin_as_centre_staff_has_no_axe_violations(browser, back_office, language):
    context = browser.new_context(locale="nb-NO", bypass_csp=True)
    context.add_cookies([{"name": "sprak", "value": language, "url": back_office}])
    page = context.new_page()
    log_in(page, back_office, "redaktor-rvts-nord")
    offering = Offering.objects.filter(centre__slug="rvts-nord", sessions__isnull=False).first()
    found = {}
    for path in [
        "/admin/",
        "/admin/offerings/offering/",
        f"/admin/offerings/offering/{offering.pk}/change/",
        "/admin/offerings/offering/add/",
        "/admin/centres/centre/",
        f"/admin/centres/centre/{offering.centre_id}/change/",
        "/admin/centres/contactperson/",
        "/admin/helprequests/helprequest/",
        f"/admin/offerings/offering/{offering.pk}/history/",
    ]:
        page.goto(f"{back_office}{path}")
        assert page.locator("html").get_attribute("lang") == language
        if violations := axe_violations(page):
            found[path] = violations
    context.close()
    assert found == {}, json.dumps(found, indent=1)
