"""Requests for help (henvendelser) in a real browser: the requester's form, receipt and status
page, and centre staff acting on the request in the admin."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from portal.core.validators import no_identity_number
from portal.demo.loader import ensure_demo_logins
from requests.choices import HelpRequestStatus, Priority
from requests.models import HelpRequest
from requests.staff_forms import ACTIONS_BY_NAME

from .conftest import DEMO_PASSWORD, axe_violations, log_in

pytestmark = pytest.mark.browser
PASSWORD = DEMO_PASSWORD
STAFF = "redaktor-korus-vest-stavanger"
LEAD_CENTRE = "KoRus Vest Stavanger"
FORM = "#help-request-form"
SUBMIT = "#help-request-form-submit"
ERROR_SUMMARY = "#help-request-form-errors"
REFERENCE = re.compile(r"H-\d{4}-\d{5}")

NAME = "Kari Nettleser"
DESCRIPTION = "Vi ønsker veiledning i tidlig innsats for ansatte i helsestasjonen."
RATIONALE = "Mange ansatte berørt"
REPLY = "Takk for henvendelsen. Vi tar kontakt neste uke for å avtale et møte."
NOTE = "Intern merknad: sjekk kapasitet hos rådgiverne før møtet."


def assert_no_axe_violations(page, where: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{where}: {json.dumps(violations, indent=1)}"


def in_page_language(page, text) -> str:
    """A translatable string as the page shows it (Bokmål unless the page says otherwise)."""
    with translation.override(page.locator("html").get_attribute("lang")):
        return str(text)


def synthetic_identity_number() -> str:
    """A valid synthetic fødselsnummer (month + 80), born 1 January 1990."""
    k1_weights = (3, 7, 6, 1, 8, 9, 4, 5, 2)
    k2_weights = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

    def check_digit(digits: list[int], weights) -> int:
        digit = 11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        return 0 if digit == 11 else digit

    for individual in range(123, 500):
        digits = [int(c) for c in f"018190{individual:03d}"]
        k1 = check_digit(digits, k1_weights)
        if k1 == 10:
            continue
        k2 = check_digit([*digits, k1], k2_weights)
        if k2 == 10:
            continue
        return "".join(map(str, [*digits, k1, k2]))
    raise AssertionError("no valid individual number found")


def fill_valid_request(page, *, description: str = DESCRIPTION) -> None:
    """Everything the form needs, apart from what the finder link prefills."""
    page.fill("#id_requester_name", NAME)
    page.fill("#id_requester_role", "Helsesykepleier, Time helsestasjon")
    page.fill("#id_requester_email", "kari.nettleser@example.no")
    page.check(f"{FORM} input[name=help_wanted][value=veiledning]")
    page.check(f"{FORM} input[name=timeframe][value=within-3-months]")
    page.fill("#id_staff_count", "12")
    page.fill("#id_description", description)
    page.check("#id_consent")


def act(page, action: str, fields: dict[str, str] | None = None) -> None:
    """Fill in and send one action form on the staff request page; wait for the reload."""
    section = page.locator(f"section[aria-labelledby=action-{action}]")
    for selector, value in (fields or {}).items():
        field = section.locator(selector)
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    with page.expect_navigation():
        section.locator("input[type=submit]").click()
    message = in_page_language(page, ACTIONS_BY_NAME[action].done_message)
    assert page.locator(".messagelist .success").filter(has_text=message).count() == 1, (
        page.locator(".messagelist").all_inner_texts()
    )


def test_a_request_from_the_finder_is_received_handled_by_a_centre_and_followed_by_the_requester(
    browser, page, demo_site
):
    base_url = demo_site.url
    ensure_demo_logins(password=PASSWORD)
    demo_requests = HelpRequest.objects.count()

    # The finder's result links to the form, prefilled with municipality and topic.
    page.goto(f"{base_url}/?municipality=1121&topic=rus")
    page.click("#ask-for-help")
    page.wait_for_url(re.compile(r"/henvendelse/ny/\?"))
    assert page.input_value("#id_municipality") == "Time (1121)"
    assert page.is_checked(f"{FORM} input[name=topics][value=rus]")
    assert page.locator(f"{FORM} input[name=topics]:checked").count() == 1
    assert page.locator(ERROR_SUMMARY).count() == 0
    assert_no_axe_violations(page, "empty form")

    # Sent with required fields missing: errors are summarised, nothing typed is lost.
    page.fill("#id_requester_name", NAME)
    page.fill("#id_description", DESCRIPTION)
    with page.expect_navigation():
        page.click(SUBMIT)
    summary = page.locator(ERROR_SUMMARY)
    assert summary.is_visible()
    assert summary.locator("a[href='#id_requester_email']").count() == 1
    assert summary.locator("a[href='#id_consent']").count() == 1
    assert summary.locator("a[href='#id_requester_name']").count() == 0
    assert page.get_attribute("#id_requester_email", "aria-invalid") == "true"
    assert page.input_value("#id_requester_name") == NAME
    assert page.input_value("#id_description") == DESCRIPTION
    assert page.input_value("#id_municipality") == "Time (1121)"
    assert page.is_checked(f"{FORM} input[name=topics][value=rus]")
    assert HelpRequest.objects.count() == demo_requests
    assert_no_axe_violations(page, "form with errors")

    # Sent complete: the receipt gives the reference and the private status link.
    fill_valid_request(page)
    with page.expect_navigation():
        page.click(SUBMIT)
    page.wait_for_url(re.compile(r"/henvendelse/mottatt/[^/]+/$"))
    reference = REFERENCE.search(page.locator("[role=status]").inner_text())
    assert reference, page.locator("main").inner_text()
    reference = reference.group()
    status_link = page.locator(".status-link a")
    status_path = status_link.get_attribute("href")
    assert re.fullmatch(r"/henvendelse/status/[^/]+/", status_path)
    assert status_link.inner_text() == f"{base_url}{status_path}"
    assert page.locator("main li", has_text=LEAD_CENTRE).count() == 1
    assert_no_axe_violations(page, "receipt")

    saved = HelpRequest.objects.get(reference=reference)
    assert saved.municipality.number == "1121"
    assert [topic.slug for topic in saved.topics.all()] == ["rus"]
    assert [kind.slug for kind in saved.help_wanted.all()] == ["veiledning"]
    assert saved.status == HelpRequestStatus.RECEIVED

    # A lead at KoRus Vest Stavanger finds it, prioritises it, takes the lead and replies.
    log_in(page, base_url, STAFF)
    page.goto(f"{base_url}/admin/helprequests/helprequest/")
    with page.expect_navigation():
        page.get_by_role("link", name=reference, exact=True).click()
    assert page.url == f"{base_url}/admin/helprequests/helprequest/{saved.pk}/change/"
    act(page, "priority", {"#id_priority_priority": "high", "#id_priority_rationale": RATIONALE})
    act(page, "take-lead")
    act(page, "reply", {"#id_reply_text": REPLY})
    act(page, "note", {"#id_note_text": NOTE})
    log = page.locator(".request-log")
    assert log.get_by_text(NOTE).count() == 1 and log.get_by_text(REPLY).count() == 1
    assert_no_axe_violations(page, "staff request page")

    saved.refresh_from_db()
    assert saved.priority == Priority.HIGH
    assert saved.priority_rationale == RATIONALE
    assert saved.status == HelpRequestStatus.ACCEPTED
    assert saved.lead_centre.short_name == LEAD_CENTRE
    assert saved.first_response_at is not None
    assert saved.events.filter(kind="note", text=NOTE, visible_to_requester=False).count() == 1

    # The requester, not logged in, follows the link: reply and lead shown, the note is not.
    requester = browser.new_context(locale="nb-NO", bypass_csp=True)
    status_page = requester.new_page()
    status_page.goto(f"{base_url}{status_path}")
    main = status_page.locator("main")
    accepted = in_page_language(status_page, HelpRequestStatus.ACCEPTED.label)
    assert main.locator(".meta-list .ds-tag").inner_text().strip() == accepted
    assert reference in status_page.locator("h1").inner_text()
    assert main.locator(".request-log").get_by_text(REPLY).count() == 1
    assert main.locator(".meta-list dd", has_text=LEAD_CENTRE).count() == 1
    assert main.get_by_role("link", name=LEAD_CENTRE).count() == 1
    assert NOTE not in status_page.content()
    assert RATIONALE not in status_page.content()
    assert_no_axe_violations(status_page, "status page")
    requester.close()


def test_a_description_with_a_national_identity_number_is_refused_and_nothing_is_saved(
    page, demo_site
):
    number = synthetic_identity_number()
    with pytest.raises(ValidationError) as refused:  # the number we built is one it refuses
        no_identity_number(f"Gjelder {number}")
    before = HelpRequest.objects.count()

    page.goto(f"{demo_site.url}/henvendelse/ny/?municipality=1121&topic=rus")
    fill_valid_request(page, description=f"Det gjelder eleven med fødselsnummer {number}.")
    with page.expect_navigation():
        page.click(SUBMIT)

    assert "/henvendelse/ny/" in page.url
    error = page.locator("#id_description_error")
    assert error.is_visible()
    assert error.inner_text().strip() == in_page_language(page, refused.value.error_list[0].message)
    # Next to the description: in the same field, and announced with it.
    field = page.locator(".ds-field", has=page.locator("#id_description"))
    assert field.locator("#id_description_error").count() == 1
    assert "id_description_error" in page.get_attribute("#id_description", "aria-describedby")
    assert page.get_attribute("#id_description", "aria-invalid") == "true"
    assert page.locator(f"{ERROR_SUMMARY} a[href='#id_description']").count() == 1
    # Only the description is wrong; the rest of what was typed stays.
    assert page.locator(f"{ERROR_SUMMARY} li").count() == 1
    assert page.input_value("#id_requester_name") == NAME
    assert HelpRequest.objects.count() == before
