import csv
import io

import pytest

from centres.choices import MembershipRole
from tests.factories import UserFactory, adviser, portal_editor, staff_member

from .conftest import REQUESTER_NAMES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
PERIOD = {"from": "2026-01-01", "to": "2026-06-30"}
TABLES = [
    "coverage",
    "reach",
    "requests-topic",
    "requests-kind",
    "requests-status",
    "response-times",
    "outcomes",
    "requests-quarter",
    "offerings-topic",
    "offerings-type",
    "offerings-format",
    "offerings-cost",
    "offerings-centre",
]


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/oversikt/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/logg-inn/?next=/oversikt/"


def test_a_logged_in_user_without_an_office_or_centre_is_refused(client):
    client.force_login(UserFactory())
    assert client.get("/oversikt/").status_code == 403
    assert client.get("/oversikt/reach.csv").status_code == 403


def test_an_adviser_sees_the_counties_of_their_office(client):
    client.force_login(adviser("rogaland"))
    response = client.get("/oversikt/", PERIOD)
    assert response.status_code == 200
    assert [c.number for c in response.context["scope"].counties] == ["11"]
    assert "Statsforvalteren i Rogaland" in response.content.decode()


def test_an_adviser_of_vestland_cannot_get_nordlands_figures_by_url(client, world):
    client.force_login(adviser("vestland"))
    for params in (
        {"county": "18"},
        {"office": "nordland"},
        {"county": "18", "office": "nordland"},
    ):
        response = client.get("/oversikt/", {**PERIOD, **params})
        assert response.status_code == 200
        selection = response.context["figures"].selection
        assert [county.number for county in selection.counties] == ["46"]
        assert "Bodø" not in response.content.decode()
    assert "county" in response.context["form"].errors
    exported = client.get("/oversikt/reach.csv", {**PERIOD, "county": "18"})
    places = {row[0] for row in csv_rows(exported)[1:]}
    assert "Bergen" in places
    assert "Bodø" not in places


def test_centre_staff_see_their_centres_catchment(client):
    client.force_login(staff_member("korus-vest-stavanger", MembershipRole.EDITOR))
    scope = client.get("/oversikt/").context["scope"]
    assert [county.number for county in scope.counties] == ["11"]


def test_staff_of_a_national_centre_see_the_whole_country(client):
    client.force_login(staff_member("napha"))
    assert len(client.get("/oversikt/").context["scope"].counties) == 15


def test_portal_editors_choose_an_office_or_the_whole_country(client):
    client.force_login(portal_editor())
    assert len(client.get("/oversikt/").context["scope"].counties) == 15
    nordland = client.get("/oversikt/", {"office": "nordland"}).context["scope"]
    assert [county.number for county in nordland.counties] == ["18"]


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-13-01"},
        {"from": "2026-06-30", "to": "2026-01-01"},
        {"from": "1900-01-01", "to": "2026-01-01"},
        {"topic": "no-such-topic"},
        {"county": "<script>"},
        {"to": "x" * 1000},
        {"from": "9999-12-30", "to": "9999-12-31"},
        {"from": "0001-01-01", "to": "0001-01-02"},
    ],
)
def test_bad_filters_are_form_errors_never_a_500(client, params):
    client.force_login(adviser("vestland"))
    response = client.get("/oversikt/", params)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_the_filters_travel_in_the_url_to_every_csv_link(client, world):
    client.force_login(adviser("rogaland"))
    page = client.get("/oversikt/", {**PERIOD, "topic": "rus"}).content.decode()
    for key in TABLES:
        assert f"/oversikt/{key}.csv?from=2026-01-01&amp;to=2026-06-30&amp;topic=rus" in page


@pytest.mark.parametrize("key", TABLES)
def test_every_table_exports_as_csv_with_a_byte_order_mark(client, world, key):
    client.force_login(adviser("rogaland"))
    response = client.get(f"/oversikt/{key}.csv", PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert len(rows) > 1


def test_an_unknown_table_is_not_found(client):
    client.force_login(adviser("rogaland"))
    assert client.get("/oversikt/nothing.csv").status_code == 404


def test_no_requester_detail_or_free_text_appears_in_the_page_or_any_export(client, world):
    from requests import services
    from requests.models import HelpRequest

    # Every free-text and contact field a request can carry, filled with marked text.
    staff = UserFactory()
    HelpRequest.objects.update(requester_phone="+47 99 88 77 66", requester_role="HEMMELIG-ROLLE")
    for help_request in HelpRequest.objects.filter(status="received"):
        first_candidate = help_request.candidates.first().centre
        for write in (services.add_note, services.reply_to_requester):
            write(
                help_request=help_request,
                centre=first_candidate,
                by=staff,
                text="HEMMELIG-TEKST",
            )
        services.set_priority(
            help_request=help_request,
            centre=first_candidate,
            by=staff,
            priority="high",
            rationale="HEMMELIG-BEGRUNNELSE",
        )
    HelpRequest.objects.filter(status="referred").update(referred_to_elsewhere="HEMMELIG-STED")
    secrets = [
        *REQUESTER_NAMES,
        "hemmelig",
        "kommune.example.no",
        "99 88 77 66",
        "Til PPT",
        "Utenfor",
    ]
    pages = []
    for user, extra in ((adviser("rogaland"), {}), (portal_editor(), {"office": ""})):
        client.force_login(user)
        pages += [
            client.get("/oversikt/", {**PERIOD, **extra}),
            client.get("/oversikt/", {**PERIOD, **extra, "county": "11"}),
            client.get("/oversikt/", {**PERIOD, **extra, "topic": "rus"}),
        ]
        pages += [client.get(f"/oversikt/{key}.csv", {**PERIOD, **extra}) for key in TABLES]
    for response in pages:
        assert response.status_code == 200
        content = response.content.decode().lower()
        for secret in secrets:
            assert secret.lower() not in content, secret


def test_small_counts_are_shown_as_less_than_three_in_page_and_csv(client, world):
    client.force_login(adviser("rogaland"))
    page = client.get("/oversikt/", PERIOD).content.decode()
    assert "&lt; 3" in page
    rows = csv_rows(client.get("/oversikt/requests-quarter.csv", PERIOD))
    assert rows[1:] == [["2026 Q1", "hidden"], ["2026 Q2", "< 3"]]


def test_a_period_is_counted_in_whole_months(client):
    client.force_login(adviser("vestland"))
    selection = (
        client.get("/oversikt/", {"from": "2026-01-15", "to": "2026-06-03"})
        .context["figures"]
        .selection
    )
    assert (selection.start.isoformat(), selection.end.isoformat()) == ("2026-01-01", "2026-06-30")


def test_the_default_period_is_the_last_twelve_whole_months(client):
    client.force_login(adviser("vestland"))
    selection = client.get("/oversikt/").context["figures"].selection
    assert selection.start.day == 1
    assert (selection.end.year - selection.start.year) * 12 + selection.end.month - (
        selection.start.month
    ) == 11
