"""The regional digest in a real browser: subscribe, confirm through the emailed link, receive a
digest, unsubscribe through its link; axe-core on every page of the way.

The live server runs in a thread of the test process with the locmem mail backend, so the emails
it sends are in `django.core.mail.outbox`. Their links start with SITE_URL, not the live server's
address, so the tests open the path of each link on the live server.
"""

import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from centres.coverage import topic_family
from centres.models import ServiceArea
from offerings.models import Offering
from portal.digest.models import DigestSubscription
from tests.factories import municipality
from tests.portal.digest.helpers import sent_digests

from .conftest import axe_violations

pytestmark = pytest.mark.browser
EMAIL = "kari.nettleser@time.kommune.no"
FORM = "#digest-form"
SUBMIT = "#digest-form-submit"
ERROR_SUMMARY = "#digest-form-errors"
LINK = re.compile(r"https?://\S+?(/nyhetsbrev/(?:bekreft|avmeld)/[^/\s]+/)")


def assert_no_axe_violations(page, where: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{where}: {json.dumps(violations, indent=1)}"


def emailed_path(message) -> str:
    return LINK.search(message.body).group(1)


def test_subscribe_confirm_through_the_emailed_link_get_a_digest_and_unsubscribe(page, demo_site):
    base_url = demo_site.url
    assert mail.outbox == []

    page.goto(f"{base_url}/nyhetsbrev/")
    assert page.locator(ERROR_SUMMARY).count() == 0
    assert_no_axe_violations(page, "empty subscription form")

    # Sent with a broken address and two areas: errors are summarised, nothing typed is lost.
    page.fill("#id_email", "kari@")
    page.select_option("#id_region", "vest")
    page.fill("#id_municipality", "Time")
    page.check(f"{FORM} input[name=topics][value=rus]")
    with page.expect_navigation():
        page.click(SUBMIT)
    summary = page.locator(ERROR_SUMMARY)
    assert summary.is_visible()
    assert summary.locator("a[href='#id_email']").count() == 1
    assert summary.locator("a[href='#id_municipality']").count() == 1
    assert page.get_attribute("#id_email", "aria-invalid") == "true"
    assert page.input_value("#id_municipality") == "Time"
    assert page.is_checked(f"{FORM} input[name=topics][value=rus]")
    assert DigestSubscription.objects.count() == 0
    assert_no_axe_violations(page, "subscription form with errors")

    # Sent complete: a page that says to check the email, and one email with the link.
    page.fill("#id_email", EMAIL)
    page.select_option("#id_region", "")
    with page.expect_navigation():
        page.click(SUBMIT)
    page.wait_for_url(f"{base_url}/nyhetsbrev/sendt/")
    assert page.locator("[role=status] h1").count() == 1
    assert_no_axe_violations(page, "check your email")
    (confirmation,) = mail.outbox
    assert confirmation.to == [EMAIL]
    assert DigestSubscription.objects.get().confirmed_at is None

    # The link shows the choices; the button confirms.
    confirm_path = emailed_path(confirmation)
    page.goto(f"{base_url}{confirm_path}")
    assert page.locator("main").get_by_text("Time (1121)").count() == 1
    assert_no_axe_violations(page, "confirmation page")
    with page.expect_navigation():
        page.click("#confirm-digest")
    assert page.url == f"{base_url}{confirm_path}"
    assert page.locator("[role=status]").is_visible()
    assert page.locator("#confirm-digest").count() == 0
    assert DigestSubscription.objects.get().confirmed_at is not None
    assert_no_axe_violations(page, "confirmed page")

    # A rus offering open to Time is published: the weekly run sends it.
    new = (
        Offering.objects.published()
        .open_to([municipality("1121").county])
        .about_any_of(topic_family([ServiceArea.objects.get(slug="rus")]))
        .in_calendar()
        .order_by("pk")
        .first()
    )
    Offering.objects.filter(pk=new.pk).update(published_at=timezone.now())
    assert sent_digests(now=timezone.now() + timedelta(seconds=1)).sent == 1
    digest = mail.outbox[-1]
    assert new.title in digest.body

    # Its unsubscribe link asks first, then deletes the address.
    unsubscribe_path = emailed_path(digest)
    assert unsubscribe_path.startswith("/nyhetsbrev/avmeld/")
    page.goto(f"{base_url}{unsubscribe_path}")
    assert_no_axe_violations(page, "unsubscribe page")
    assert DigestSubscription.objects.count() == 1
    with page.expect_navigation():
        page.click("#unsubscribe-digest")
    page.wait_for_url(f"{base_url}/nyhetsbrev/avmeldt/")
    assert page.locator("[role=status]").is_visible()
    assert DigestSubscription.objects.count() == 0
    assert_no_axe_violations(page, "unsubscribed page")

    # The used link now explains itself instead of failing.
    response = page.goto(f"{base_url}{unsubscribe_path}")
    assert response.status == 404
    assert page.locator("main h1").count() == 1
    assert_no_axe_violations(page, "link that no longer works")
