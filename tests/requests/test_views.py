import pytest

from requests import services
from requests.choices import CandidateReason
from requests.models import HelpRequest
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


NAMED_OUTSIDE = {
    "requester_name": "Kari Nordmann",
    "requester_role": "Helsesykepleier, Time helsestasjon",
    "requester_email": "kari.nordmann@time.kommune.no",
    "municipality": "1121",
    "topics": ["rus"],
    "help_wanted": ["veiledning"],
    "timeframe": "within-3-months",
    "staff_count": "12",
    "description": "Vi trenger veiledning om rus blant ungdom.",
    "preferred_centre": "rvts-nord",
    "consent": "on",
}


def test_naming_a_centre_outside_the_coverage_is_explained_once_and_then_sent_to_it_as_named(
    client,
):
    first = client.post("/henvendelse/ny/", NAMED_OUTSIDE)
    assert first.status_code == 200
    assert "RVTS Nord does not cover Time for Substance use and addiction" in first.content.decode()
    assert first.context["form"].data["confirmed_centre"] == "rvts-nord"
    confirmed = client.post("/henvendelse/ny/", {**NAMED_OUTSIDE, "confirmed_centre": "rvts-nord"})
    assert confirmed.status_code == 302
    help_request = HelpRequest.objects.get()
    reasons = {c.centre.slug: c.reason for c in help_request.candidates.all()}
    assert reasons["rvts-nord"] == CandidateReason.NAMED
    assert reasons["korus-vest-stavanger"] == CandidateReason.COVERS


def test_the_centre_choice_lists_the_covering_centres_first(client):
    form = client.get("/henvendelse/ny/", {"municipality": "1121", "topic": "rus"}).context["form"]
    groups = form.fields["preferred_centre"].choices
    covering = [slug for slug, _ in groups[1][1]]
    assert covering == ["korus-vest-stavanger", "napha", "sanks"]
    assert "rvts-nord" in [slug for slug, _ in groups[2][1]]


def test_the_receipt_names_each_centres_contact_for_the_request(client, help_request):
    page = client.get(f"/henvendelse/mottatt/{help_request.status_token}/")
    contacts = dict(page.context["contacts"])
    assert set(contacts) == {c.centre for c in help_request.candidates.all()}
    for centre_, contact in contacts.items():
        if contact is not None:
            assert contact.centre == centre_
            assert contact.email in page.content.decode()
