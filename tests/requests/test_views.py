import pytest

from requests import services
from tests.factories import HelpRequestFactory, UserFactory, centre

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def help_request():
    return HelpRequestFactory()


def status_page(client, help_request):
    return client.get(f"/henvendelse/status/{help_request.status_token}/")


def test_the_status_page_shows_the_status_and_the_replies_but_not_the_internal_notes(
    client, help_request
):
    staff = UserFactory()
    stavanger = centre("korus-vest-stavanger")
    services.take_lead(help_request=help_request, centre=stavanger, by=staff)
    services.add_note(help_request=help_request, centre=stavanger, by=staff, text="INTERNT-NOTAT")
    services.reply_to_requester(
        help_request=help_request, centre=stavanger, by=staff, text="Vi kontakter deg."
    )
    services.set_priority(
        help_request=help_request, centre=stavanger, by=staff, priority="low", rationale="HEMMELIG"
    )
    page = status_page(client, help_request).content.decode()
    assert help_request.reference in page
    assert "Accepted" in page
    assert "Vi kontakter deg." in page
    assert "KoRus Vest Stavanger" in page
    assert "INTERNT-NOTAT" not in page
    assert "HEMMELIG" not in page


def test_the_status_page_does_not_repeat_the_requesters_contact_details_or_description(
    client, help_request
):
    page = status_page(client, help_request).content.decode()
    assert help_request.requester_email not in page
    assert help_request.requester_name not in page
    assert help_request.description not in page


def test_the_status_page_is_kept_out_of_search_engines_caches_and_referrers(client, help_request):
    response = status_page(client, help_request)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("token", ["x", "a" * 43, "a" * 500, "%00", "..%2F..%2Fetc"])
def test_a_wrong_token_is_not_found(client, help_request, token):
    assert client.get(f"/henvendelse/status/{token}/").status_code == 404
    assert client.get(f"/henvendelse/mottatt/{token}/").status_code == 404


def test_the_receipt_gives_the_reference_the_status_link_and_the_centres(client, help_request):
    page = client.get(f"/henvendelse/mottatt/{help_request.status_token}/").content.decode()
    assert help_request.reference in page
    assert f"/henvendelse/status/{help_request.status_token}/" in page
    for name in ("KoRus Vest Stavanger", "NAPHA", "SANKS"):
        assert name in page


def test_the_finder_links_to_a_request_prefilled_with_its_choices(client):
    page = client.get("/", {"municipality": "1121", "topic": "rus"}).content.decode()
    assert "/henvendelse/ny/?municipality=1121&amp;topic=rus" in page


def test_an_offering_page_asks_about_the_offering(client):
    from tests.factories import OfferingFactory

    offering = OfferingFactory(centre=centre("napha"))
    page = client.get(offering.get_absolute_url()).content.decode()
    assert f"/henvendelse/ny/?offering={offering.pk}" in page
    form = client.get("/henvendelse/ny/", {"offering": offering.pk}).context["form"]
    assert form.initial["preferred_centre"] == centre("napha")
    assert form.initial["offering"] == offering


def test_the_privacy_page_says_how_long_requests_are_kept(client, settings):
    settings.HELP_REQUEST_RETENTION_DAYS = 400
    page = client.get("/personvern/").content.decode()
    assert "Requests for help" in page
    assert "400 days" in page
