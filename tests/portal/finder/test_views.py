import pytest
from django.urls import reverse

from tests.factories import OfferingSessionFactory, municipality

pytestmark = pytest.mark.django_db


def test_home_without_choice_shows_the_finder_form(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="finder-form"' in html
    assert 'list="municipality-options"' in html
    assert '<option value="Time (1121)">' in html


def test_time_and_rus_shows_korus_vest_stavanger_and_not_bergen(client):
    response = client.get("/", {"municipality": "1121", "topic": "rus"})
    html = response.content.decode()
    assert "KoRus Vest Stavanger" in html
    assert "KoRus Vest Bergen" not in html


def test_alta_and_violence_shows_rvts_nord(client):
    html = client.get("/", {"municipality": "5601", "topic": "vold-og-traumer"}).content.decode()
    assert "RVTS Nord" in html
    assert "RVTS Vest" not in html


@pytest.mark.parametrize("typed", ["Time", "time", "Time (1121)", " 1121 "])
def test_typed_name_or_label_redirects_to_the_shareable_number_url(client, typed):
    response = client.get("/", {"municipality": typed, "topic": "rus", "target_group": ""})
    assert response.status_code == 302
    assert response["Location"] == "/?municipality=1121&topic=rus"


def test_sami_parallel_name_finds_the_municipality(client):
    response = client.get("/", {"municipality": "Karasjok"})
    assert response["Location"] == "/?municipality=5610"


def test_result_remembers_the_municipality_in_a_cookie(client):
    response = client.get("/", {"municipality": "1121"})
    cookie = response.cookies["kommune"]
    assert cookie.value == "1121"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_remembered_municipality_is_prefilled_on_the_next_visit(client):
    client.cookies["kommune"] = "1121"
    html = client.get("/").content.decode()
    assert 'value="Time (1121)"' in html
    assert 'href="?municipality=1121"' in html


def test_tampered_cookie_is_ignored(client):
    client.cookies["kommune"] = "<script>"
    response = client.get("/")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"municipality": "abc"}, "We could not find a municipality"),
        ({"municipality": "9999"}, "We could not find a municipality"),
        ({"municipality": ""}, "Choose the municipality you work in."),
        ({"municipality": "Herøy"}, "Several municipalities match"),
        ({"municipality": "1121", "topic": "finnes-ikke"}, "Topic"),
        ({"municipality": "x" * 10_000}, "at most 100 characters"),
    ],
)
def test_bad_finder_input_is_a_form_error_not_a_crash(client, params, message, in_english):
    response = client.get("/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ds-error-summary" in html
    assert message in html
    assert 'aria-invalid="true"' in html


def test_unknown_name_suggests_close_municipalities(client, in_english):
    html = client.get("/", {"municipality": "Stavang"}).content.decode()
    assert "Stavanger (1103)" in html


def test_bad_input_is_kept_in_the_form(client):
    html = client.get("/", {"municipality": "Tiime", "topic": "rus"}).content.decode()
    assert 'value="Tiime"' in html
    assert '<option value="rus" selected>' in html


def test_result_lists_upcoming_offerings_open_to_the_municipality(client):
    session = OfferingSessionFactory(
        municipality=municipality("1103"), offering__title="MI i Sandnes"
    )
    html = client.get("/", {"municipality": "1121", "topic": "rus"}).content.decode()
    assert "MI i Sandnes" in html
    assert session.offering.get_absolute_url() in html


def test_static_pages_answer(client):
    for name in ("privacy", "contact"):
        assert client.get(reverse(name)).status_code == 200


def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("Time kommune", "1121"),
        ("Tromso", "5501"),
        ("bodo", "1804"),
        ("Aurskog Holand", "3226"),
        ("Evenášši", "1853"),
    ],
)
def test_municipality_can_be_typed_the_way_people_write_it(client, typed, number):
    assert client.get("/", {"municipality": typed})["Location"] == f"/?municipality={number}"


@pytest.mark.parametrize(
    ("typed", "suggested"), [("Tiime", "Time (1121)"), ("Atla", "Alta (5601)")]
)
def test_misspelled_municipality_gets_close_suggestions(client, typed, suggested):
    html = client.get("/", {"municipality": typed}).content.decode()
    assert suggested in html


def test_label_whose_name_and_number_disagree_is_refused(client):
    response = client.get("/", {"municipality": "Oslo (1121)"})
    assert response.status_code == 200
    assert "ds-error-summary" in response.content.decode()


def test_null_characters_are_a_form_error(client):
    response = client.get("/", {"municipality": "Ti\x00me"})
    assert response.status_code == 200
    assert "ds-error-summary" in response.content.decode()


def test_ambiguous_municipality_offers_each_choice_as_a_link_keeping_the_topic(client):
    html = client.get("/", {"municipality": "Herøy", "topic": "rus"}).content.decode()
    assert 'href="?municipality=1818&amp;topic=rus"' in html
    assert 'href="?municipality=1515&amp;topic=rus"' in html


def test_chosen_target_group_is_named_and_kept_in_the_calendar_link(client):
    html = client.get(
        "/", {"municipality": "5601", "topic": "barnevern", "target_group": "barneverntjenesten"}
    ).content.decode()
    assert "– Barneverntjenesten" in html
    assert "target_group=barneverntjenesten" in html


@pytest.mark.parametrize(
    "url",
    [
        "/admin/helprequests/helprequest/?status=%00",
        "/admin/offerings/offering/?status=%00",
        "/admin/centres/centre/?%00=1",
    ],
)
def test_a_nul_character_in_a_back_office_query_is_a_bad_request_never_a_500(admin_client, url):
    # PostgreSQL refuses NUL in a query parameter; the admin's list filters would pass it on.
    response = admin_client.get(url)
    assert response.status_code == 400
    assert "400.html" in [template.name for template in response.templates]


@pytest.mark.parametrize("url", ["/tilbud/?type=%00", "/sentre/?q=%00", "/tilbud/?%00=1"])
def test_a_nul_character_in_a_public_query_is_never_a_500(client, url):
    assert client.get(url).status_code in (200, 302)
