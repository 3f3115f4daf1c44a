import pytest

from tests.factories import ContactPersonFactory, OfferingFactory, OfferingSessionFactory, centre

pytestmark = pytest.mark.django_db


def centre_names(response) -> str:
    return response.content.decode()


def test_centre_list_shows_every_centre_grouped_by_region(client):
    html = client.get("/sentre/").content.decode()
    assert "19 centres" in html or "19 sentre" in html
    assert 'id="region-vest"' in html
    assert 'id="region-national"' in html


@pytest.mark.parametrize(
    ("params", "present", "absent"),
    [
        ({"region": "vest", "topic": "rus"}, ["KoRus Vest Stavanger", "NAPHA"], ["KoRus Nord"]),
        ({"county": "11", "topic": "rus"}, ["KoRus Vest Stavanger"], ["KoRus Vest Bergen"]),
        ({"network": "rvts"}, ["RVTS Nord", "RVTS Øst"], ["KoRus Oslo", "NAPHA"]),
        ({"q": "barn unge"}, ["RKBU Nord"], ["KoRus Oslo"]),
    ],
)
def test_centre_filters(client, params, present, absent):
    html = client.get("/sentre/", params).content.decode()
    for name in present:
        assert name in html
    for name in absent:
        assert f">{name}</a>" not in html


@pytest.mark.parametrize(
    "params", [{"region": "atlantis"}, {"county": "99"}, {"network": "x"}, {"q": "x" * 10_000}]
)
def test_bad_centre_filter_values_are_form_errors(client, params):
    response = client.get("/sentre/", params)
    assert response.status_code == 200
    assert "ds-error-summary" in response.content.decode()


def test_centre_page_shows_profile_catchment_contacts_and_upcoming_offerings(client):
    korus = centre("korus-vest-stavanger")
    ContactPersonFactory(centre=korus, name="Ola Nordmann", role="Rådgiver")
    ContactPersonFactory(centre=korus, name="Skjult Person", is_public=False)
    upcoming = OfferingSessionFactory(offering__centre=korus, offering__title="MI grunnkurs")
    co_hosted = OfferingFactory(
        centre=centre("rvts-vest"), title="Felles konferanse", co_hosts=[korus], format="on-request"
    )
    draft = OfferingSessionFactory(offering__centre=korus, offering__status="draft").offering
    html = client.get(korus.get_absolute_url()).content.decode()
    assert "Rogaland A-senter" in html
    assert "Rogaland" in html
    assert "Ola Nordmann" in html
    assert "Skjult Person" not in html
    assert upcoming.offering.title in html
    assert co_hosted.title in html
    assert draft.title not in html


def test_national_centre_page_says_it_covers_the_whole_country(client, in_english):
    html = client.get("/sentre/napha/").content.decode()
    assert "The whole country" in html


def test_unknown_centre_is_404(client):
    assert client.get("/sentre/finnes-ikke/").status_code == 404


def test_filtering_by_region_groups_only_under_that_region(client):
    html = client.get("/sentre/", {"region": "sor"}).content.decode()
    assert 'id="region-sor"' in html
    assert 'id="region-ost"' not in html
    html = client.get("/sentre/", {"county": "03"}).content.decode()
    assert 'id="region-ost"' in html
    assert 'id="region-sor"' not in html
