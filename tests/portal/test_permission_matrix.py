"""Every back-office URL of the centre-owned models, for every role.

Centre A is RVTS Nord, centre B is KoRus Vest Stavanger. The objects are A's; B's staff must not
read or change them, whatever URL they guess or POST they tamper with.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from centres.choices import MembershipRole
from centres.models import Centre, CentreMembership, ContactPerson, Forum
from offerings.choices import OfferingStatus
from offerings.models import Offering, OfferingSession
from tests.centres.test_documents import publish_document
from tests.factories import (
    ContactPersonFactory,
    HelpRequestFactory,
    OfferingFactory,
    OfferingSessionFactory,
    UserFactory,
    adviser,
    centre,
    municipality,
    portal_editor,
    staff_member,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff_a", "staff_b", "adviser", "portal_editor"]


@pytest.fixture
def world():
    a, b = centre("rvts-nord"), centre("korus-vest-stavanger")
    contact_a = ContactPersonFactory(centre=a)
    offering_a = OfferingFactory(centre=a, contact=contact_a)
    session_a = OfferingSessionFactory(offering=offering_a)
    offering_b = OfferingFactory(centre=b, co_hosts=[a])
    OfferingSessionFactory(offering=offering_b)
    # Tromsø and violence go to RVTS Nord (and NKVTS), not to KoRus Vest Stavanger.
    request_a = HelpRequestFactory(municipality=municipality("5501"), topics=["vold-og-traumer"])
    return {
        "request_a": request_a,
        "document_a": publish_document(a),
        "forum": Forum.objects.get(slug="nordflanken"),
        "centre_a": a,
        "centre_b": b,
        "contact_a": contact_a,
        "offering_a": offering_a,
        "session_a": session_a,
        "offering_b": offering_b,
        "users": {
            "staff_a": staff_member("rvts-nord", MembershipRole.LEAD),
            "staff_b": staff_member("korus-vest-stavanger", MembershipRole.LEAD),
            "adviser": adviser("vestland"),
            "portal_editor": portal_editor(),
        },
    }


def log_in(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


# Expected status per role, in the order of ROLES. "login" is the redirect to the login page.
ALLOWED = ["login", 200, 200, 403, 200]
OWN_ONLY = ["login", 200, 404, 403, 200]
EDITORS_ONLY = ["login", 403, 403, 403, 200]
HISTORY = ["login", 200, 404, 404, 200]


def autocomplete(app_label, model_name, field_name):
    return (
        f"/admin/autocomplete/?app_label={app_label}&model_name={model_name}"
        f"&field_name={field_name}&term="
    )


MATRIX = [
    # Centres: staff see their own; structure (add, delete) belongs to portal editors.
    ("centre changelist", lambda w: "/admin/centres/centre/", ALLOWED),
    ("centre add", lambda w: "/admin/centres/centre/add/", EDITORS_ONLY),
    ("centre change", lambda w: f"/admin/centres/centre/{w['centre_a'].pk}/change/", OWN_ONLY),
    (
        "centre delete",
        lambda w: f"/admin/centres/centre/{w['centre_a'].pk}/delete/",
        EDITORS_ONLY,
    ),
    ("centre history", lambda w: f"/admin/centres/centre/{w['centre_a'].pk}/history/", HISTORY),
    (
        "centre invite",
        lambda w: f"/admin/centres/centre/{w['centre_a'].pk}/invite/",
        OWN_ONLY,
    ),
    ("centre autocomplete", lambda w: autocomplete("offerings", "offering", "centre"), ALLOWED),
    # Contact persons.
    ("contact changelist", lambda w: "/admin/centres/contactperson/", ALLOWED),
    ("contact add", lambda w: "/admin/centres/contactperson/add/", ALLOWED),
    (
        "contact change",
        lambda w: f"/admin/centres/contactperson/{w['contact_a'].pk}/change/",
        OWN_ONLY,
    ),
    (
        "contact delete",
        lambda w: f"/admin/centres/contactperson/{w['contact_a'].pk}/delete/",
        OWN_ONLY,
    ),
    (
        "contact history",
        lambda w: f"/admin/centres/contactperson/{w['contact_a'].pk}/history/",
        HISTORY,
    ),
    ("contact autocomplete", lambda w: autocomplete("offerings", "offering", "contact"), ALLOWED),
    # Offerings, with their sessions inline.
    ("offering changelist", lambda w: "/admin/offerings/offering/", ALLOWED),
    ("offering add", lambda w: "/admin/offerings/offering/add/", ALLOWED),
    (
        "offering change",
        lambda w: f"/admin/offerings/offering/{w['offering_a'].pk}/change/",
        OWN_ONLY,
    ),
    (
        "offering delete",
        lambda w: f"/admin/offerings/offering/{w['offering_a'].pk}/delete/",
        OWN_ONLY,
    ),
    (
        "offering history",
        lambda w: f"/admin/offerings/offering/{w['offering_a'].pk}/history/",
        HISTORY,
    ),
    (
        "offering preview",
        lambda w: f"/admin/offerings/offering/{w['offering_a'].pk}/preview/",
        ["login", 302, 404, 403, 302],
    ),
    (
        "offering duplicate",
        lambda w: f"/admin/offerings/offering/{w['offering_a'].pk}/duplicate/",
        OWN_ONLY,
    ),
    (
        "offering autocomplete",
        lambda w: autocomplete("offerings", "offeringsession", "offering"),
        ALLOWED,
    ),
    # Requests for help: the staff of the centres a request was routed to, and nobody else.
    ("request changelist", lambda w: "/admin/helprequests/helprequest/", ALLOWED),
    (
        "request page",
        lambda w: f"/admin/helprequests/helprequest/{w['request_a'].pk}/change/",
        OWN_ONLY,
    ),
    (
        "request history",
        lambda w: f"/admin/helprequests/helprequest/{w['request_a'].pk}/history/",
        HISTORY,
    ),
    (
        "request action (read with GET)",
        lambda w: f"/admin/helprequests/helprequest/{w['request_a'].pk}/act/take-lead/",
        ["login", 405, 404, 403, 405],
    ),
    (
        "request add",
        lambda w: "/admin/helprequests/helprequest/add/",
        ["login", 403, 403, 403, 403],
    ),
    (
        "request delete",
        lambda w: f"/admin/helprequests/helprequest/{w['request_a'].pk}/delete/",
        ["login", 403, 403, 403, 403],
    ),
    # The public side: the form is open to all, the status page to whoever holds the link.
    ("request form", lambda w: "/henvendelse/ny/", [200, 200, 200, 200, 200]),
    (
        "request status page",
        lambda w: f"/henvendelse/status/{w['request_a'].status_token}/",
        [200, 200, 200, 200, 200],
    ),
    (
        "request receipt",
        lambda w: f"/henvendelse/mottatt/{w['request_a'].status_token}/",
        [200, 200, 200, 200, 200],
    ),
    (
        "request status page with a wrong token",
        lambda w: f"/henvendelse/status/{w['request_a'].status_token[:-2]}xx/",
        [404, 404, 404, 404, 404],
    ),
    # Centre documents: staff publish their own centre's; anyone downloads a published one.
    ("document changelist", lambda w: "/admin/centres/centredocument/", ALLOWED),
    ("document add", lambda w: "/admin/centres/centredocument/add/", ALLOWED),
    (
        "document change",
        lambda w: f"/admin/centres/centredocument/{w['document_a'].pk}/change/",
        OWN_ONLY,
    ),
    (
        "document delete",
        lambda w: f"/admin/centres/centredocument/{w['document_a'].pk}/delete/",
        OWN_ONLY,
    ),
    (
        "document history",
        lambda w: f"/admin/centres/centredocument/{w['document_a'].pk}/history/",
        HISTORY,
    ),
    (
        "document download",
        lambda w: f"/sentre/rvts-nord/dokumenter/{w['document_a'].pk}/",
        [200, 200, 200, 200, 200],
    ),
    (
        "document under another centre",
        lambda w: f"/sentre/korus-vest-stavanger/dokumenter/{w['document_a'].pk}/",
        [404, 404, 404, 404, 404],
    ),
    # Regional forums: public pages, managed by portal editors.
    ("forum page", lambda w: f"/forum/{w['forum'].slug}/", [200, 200, 200, 200, 200]),
    ("forum changelist", lambda w: "/admin/centres/forum/", EDITORS_ONLY),
    ("forum add", lambda w: "/admin/centres/forum/add/", EDITORS_ONLY),
    ("forum change", lambda w: f"/admin/centres/forum/{w['forum'].pk}/change/", EDITORS_ONLY),
    # Feeds, open data and the digest: open to everyone, showing published content only.
    ("calendar feed", lambda w: "/tilbud/kalender.ics", [200, 200, 200, 200, 200]),
    ("atom feed", lambda w: "/tilbud/feed/", [200, 200, 200, 200, 200]),
    ("api index", lambda w: "/api/v1/", [200, 200, 200, 200, 200]),
    ("api services", lambda w: "/api/v1/services/", [200, 200, 200, 200, 200]),
    ("digest form", lambda w: "/nyhetsbrev/", [200, 200, 200, 200, 200]),
    # The health endpoint: for load balancers; it tells nobody anything about the data.
    ("health", lambda w: "/helse/", [200, 200, 200, 200, 200]),
    # The regional overview: anyone with an office, a centre or the editor role; aggregates only.
    ("overview", lambda w: "/oversikt/", ["login", 200, 200, 200, 200]),
    ("overview csv", lambda w: "/oversikt/reach.csv", ["login", 200, 200, 200, 200]),
    # Logging in and out: one login page for everyone; afterwards each role lands on its own
    # page, an adviser never on the back-office (its start page sends them to the overview).
    ("login page", lambda w: "/konto/logg-inn/", [200, 200, 200, 200, 200]),
    ("admin login address", lambda w: "/admin/login/", [302, 302, 302, 302, 302]),
    ("log out (read with GET)", lambda w: "/konto/logg-ut/", [405, 405, 405, 405, 405]),
    ("start page after login", lambda w: "/konto/", ["login", 302, 302, 302, 302]),
    ("back-office start page", lambda w: "/admin/", ["login", 200, 200, 302, 200]),
    # The site's own pages.
    ("about the service", lambda w: "/om-tjenesten/", [200, 200, 200, 200, 200]),
    ("accessibility statement", lambda w: "/tilgjengelighet/", [200, 200, 200, 200, 200]),
    ("privacy", lambda w: "/personvern/", [200, 200, 200, 200, 200]),
    ("contact", lambda w: "/kontakt/", [200, 200, 200, 200, 200]),
    # Reference data and accounts: portal editors only.
    ("county changelist", lambda w: "/admin/centres/county/", EDITORS_ONLY),
    ("municipality changelist", lambda w: "/admin/centres/municipality/", EDITORS_ONLY),
    ("topic changelist", lambda w: "/admin/centres/servicearea/", EDITORS_ONLY),
    ("membership changelist", lambda w: "/admin/centres/centremembership/", EDITORS_ONLY),
    ("adviser changelist", lambda w: "/admin/centres/adviserassignment/", EDITORS_ONLY),
]

# The portal editor in the matrix has only the portal-editor permission, not Django's user
# permissions, so the user admin stays closed to them; superusers manage accounts.
MATRIX_ACCOUNTS = [
    ("user changelist", lambda w: "/admin/auth/user/", ["login", 403, 403, 403, 403])
]


def expected_and_actual(client, world, role, url_of, expected_per_role):
    log_in(client, world, role)
    response = client.get(url_of(world))
    # A download (FileResponse) holds its file open until closed.
    response.close()
    expected = expected_per_role[ROLES.index(role)]
    if expected == "login":
        # The admin sends to its own login address, which leads to the site's login page.
        login_pages = ("/admin/login/", reverse("login"))
        return expected, (
            "login"
            if response.status_code == 302 and response["Location"].startswith(login_pages)
            else response.status_code
        )
    return expected, response.status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "url_of", "expected_per_role"),
    MATRIX + MATRIX_ACCOUNTS,
    ids=[name for name, _, _ in MATRIX + MATRIX_ACCOUNTS],
)
def test_each_role_gets_what_the_policy_allows(
    client, world, role, name, url_of, expected_per_role
):
    expected, actual = expected_and_actual(client, world, role, url_of, expected_per_role)
    assert actual == expected, f"{name} as {role}"


def test_the_changelists_list_only_the_users_own_objects(client, world):
    log_in(client, world, "staff_b")
    offerings = client.get("/admin/offerings/offering/").context["cl"].result_list
    assert world["offering_a"] not in offerings
    assert world["offering_b"] in offerings
    centres = client.get("/admin/centres/centre/").context["cl"].result_list
    assert list(centres) == [world["centre_b"]]
    contacts = client.get("/admin/centres/contactperson/").context["cl"].result_list
    assert {c.centre_id for c in contacts} <= {world["centre_b"].pk}


def test_search_and_filters_do_not_reach_other_centres(client, world):
    log_in(client, world, "staff_b")
    found = client.get("/admin/offerings/offering/", {"q": world["offering_a"].title}).context["cl"]
    assert world["offering_a"] not in found.result_list
    by_centre = client.get(
        "/admin/offerings/offering/", {"centre__id__exact": world["centre_a"].pk}
    ).context["cl"]
    assert world["offering_a"] not in by_centre.result_list
    centre_choices = [
        choice["display"]
        for spec in by_centre.filter_specs
        if spec.title == Offering._meta.get_field("centre").verbose_name
        for choice in spec.choices(by_centre)
    ]
    assert "RVTS Nord" not in centre_choices


def test_autocomplete_answers_with_the_users_own_objects_only(client, world):
    log_in(client, world, "staff_b")
    contacts = client.get(autocomplete("offerings", "offering", "contact")).json()["results"]
    assert str(world["contact_a"].pk) not in {row["id"] for row in contacts}
    centres = client.get(autocomplete("offerings", "offering", "centre")).json()["results"]
    assert {row["text"] for row in centres} == {"KoRus Vest Stavanger"}
    offerings = client.get(autocomplete("offerings", "offeringsession", "offering")).json()
    assert str(world["offering_a"].pk) not in {row["id"] for row in offerings["results"]}


def test_choices_in_the_offering_form_are_the_users_own(client, world):
    log_in(client, world, "staff_b")
    form = client.get("/admin/offerings/offering/add/").context["adminform"].form
    assert list(form.fields["centre"].queryset) == [world["centre_b"]]
    assert world["contact_a"] not in form.fields["contact"].queryset


# Tampering: POSTs that name another centre's objects.


def offering_post_data(offering, **changes):
    data = {
        "centre": offering.centre_id,
        "title": offering.title,
        "summary": offering.summary,
        "description": offering.description,
        "offering_type": offering.offering_type_id,
        "format": offering.format,
        "service_areas": [t.pk for t in offering.service_areas.all()],
        "price": "0",
        "price_note": "",
        "registration_url": "",
        "contact": offering.contact_id or "",
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "_continue": "1",
    }
    data.update(changes)
    return data


def test_a_post_to_another_centres_offering_changes_nothing(client, world):
    log_in(client, world, "staff_b")
    offering = world["offering_a"]
    response = client.post(
        f"/admin/offerings/offering/{offering.pk}/change/",
        offering_post_data(offering, title="Kapret"),
    )
    assert response.status_code == 404
    offering.refresh_from_db()
    assert offering.title != "Kapret"


def test_an_offering_cannot_be_created_for_another_centre(client, world):
    log_in(client, world, "staff_b")
    data = offering_post_data(world["offering_a"], title="Tilbud i feil senter", contact="")
    response = client.post("/admin/offerings/offering/add/", data)
    assert response.status_code == 200
    assert "centre" in response.context["adminform"].form.errors
    assert not Offering.objects.filter(title="Tilbud i feil senter").exists()


def test_an_own_offering_cannot_be_moved_to_another_centre(client, world):
    log_in(client, world, "staff_b")
    own = OfferingFactory(centre=world["centre_b"])
    response = client.post(
        f"/admin/offerings/offering/{own.pk}/change/",
        offering_post_data(own, centre=world["centre_a"].pk, contact=""),
    )
    assert response.status_code == 200
    assert "centre" in response.context["adminform"].form.errors
    own.refresh_from_db()
    assert own.centre == world["centre_b"]


def test_a_contact_cannot_be_moved_to_another_centre(client, world):
    log_in(client, world, "staff_b")
    own = ContactPersonFactory(centre=world["centre_b"])
    response = client.post(
        f"/admin/centres/contactperson/{own.pk}/change/",
        {
            "centre": world["centre_a"].pk,
            "name": own.name,
            "role": own.role,
            "email": own.email,
            "position": 0,
        },
    )
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.centre == world["centre_b"]


def test_a_session_of_another_centres_offering_cannot_be_edited_through_an_own_offering(
    client, world
):
    log_in(client, world, "staff_b")
    own = OfferingFactory(centre=world["centre_b"])
    foreign_session = world["session_a"]
    data = offering_post_data(
        own,
        **{
            "sessions-TOTAL_FORMS": "1",
            "sessions-INITIAL_FORMS": "1",
            "sessions-0-id": foreign_session.pk,
            "sessions-0-offering": own.pk,
            "sessions-0-starts_at_0": "2030-01-01",
            "sessions-0-starts_at_1": "09:00",
            "sessions-0-ends_at_0": "2030-01-01",
            "sessions-0-ends_at_1": "15:00",
            "sessions-0-venue": "Kapret",
            "sessions-0-municipality": foreign_session.municipality_id,
        },
    )
    client.post(f"/admin/offerings/offering/{own.pk}/change/", data)
    foreign_session.refresh_from_db()
    assert foreign_session.offering == world["offering_a"]
    assert foreign_session.venue != "Kapret"


def test_a_session_cannot_be_added_to_another_centres_offering(client, world):
    log_in(client, world, "staff_b")
    offering = world["offering_a"]
    data = offering_post_data(
        offering,
        **{
            "sessions-TOTAL_FORMS": "1",
            "sessions-0-offering": offering.pk,
            "sessions-0-starts_at_0": "2030-01-01",
            "sessions-0-starts_at_1": "09:00",
            "sessions-0-ends_at_0": "2030-01-01",
            "sessions-0-ends_at_1": "15:00",
            "sessions-0-venue": "Kapret",
            "sessions-0-municipality": world["session_a"].municipality_id,
        },
    )
    response = client.post(f"/admin/offerings/offering/{offering.pk}/change/", data)
    assert response.status_code == 404
    assert offering.sessions.count() == 1


@pytest.mark.parametrize(
    ("path", "model", "key"),
    [
        ("/admin/offerings/offering/", Offering, "offering_a"),
        ("/admin/centres/contactperson/", ContactPerson, "contact_a"),
    ],
)
def test_bulk_delete_with_foreign_ids_deletes_nothing_foreign(client, world, path, model, key):
    log_in(client, world, "staff_b")
    target = world[key]
    client.post(
        path,
        {"action": "delete_selected", "_selected_action": [target.pk], "post": "yes"},
    )
    assert model.objects.filter(pk=target.pk).exists()


def test_bulk_actions_with_foreign_ids_change_nothing_foreign(client, world):
    log_in(client, world, "staff_b")
    offering = world["offering_a"]
    client.post(
        "/admin/offerings/offering/",
        {"action": "archive", "_selected_action": [offering.pk]},
    )
    client.post(
        "/admin/centres/centre/",
        {"action": "mark_verified", "_selected_action": [world["centre_a"].pk]},
    )
    offering.refresh_from_db()
    assert offering.status == OfferingStatus.PUBLISHED
    assert Centre.objects.get(pk=world["centre_a"].pk).last_verified_by is None


# Co-hosted offerings: the owner edits, co-hosts only look.


def test_a_co_host_sees_the_offering_read_only(client, world):
    log_in(client, world, "staff_a")
    offering = world["offering_b"]
    response = client.get(f"/admin/offerings/offering/{offering.pk}/change/")
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert b'name="_publish"' not in response.content


def test_a_co_host_cannot_change_delete_or_publish_the_offering(client, world):
    log_in(client, world, "staff_a")
    offering = world["offering_b"]
    response = client.post(
        f"/admin/offerings/offering/{offering.pk}/change/",
        offering_post_data(offering, title="Endret av medarrangør"),
    )
    assert response.status_code == 403
    assert client.get(f"/admin/offerings/offering/{offering.pk}/delete/").status_code == 403
    assert client.get(f"/admin/offerings/offering/{offering.pk}/duplicate/").status_code == 403
    for action in ["delete_selected", "archive", "unpublish"]:
        client.post(
            "/admin/offerings/offering/",
            {"action": action, "_selected_action": [offering.pk], "post": "yes"},
        )
    offering.refresh_from_db()
    assert offering.title != "Endret av medarrangør"
    assert offering.status == OfferingStatus.PUBLISHED


def test_old_versions_can_be_read_but_not_reverted(client, world):
    log_in(client, world, "staff_a")
    offering = world["offering_a"]
    client.post(
        f"/admin/offerings/offering/{offering.pk}/change/",
        offering_post_data(offering, title="Ny tittel"),
    )
    version = offering.history.earliest("history_date")
    url = f"/admin/offerings/offering/{offering.pk}/history/{version.history_id}/"
    assert client.get(url).status_code == 200
    assert client.post(url, offering_post_data(offering)).status_code == 403
    log_in(client, world, "staff_b")
    assert client.get(url).status_code == 404


def test_removing_a_membership_takes_effect_at_the_next_request(client, world):
    user = world["users"]["staff_a"]
    log_in(client, world, "staff_a")
    url = f"/admin/offerings/offering/{world['offering_a'].pk}/change/"
    assert client.get(url).status_code == 200
    CentreMembership.objects.filter(user=user).delete()
    assert client.get(url).status_code == 403


def test_a_staff_user_without_a_membership_sees_an_empty_back_office(client, world):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["app_list"] == []


def test_sessions_are_only_reachable_through_their_offering():
    from django.contrib import admin

    assert OfferingSession not in admin.site._registry


@pytest.mark.parametrize(
    ("role", "expected"), [("staff_a", 302), ("staff_b", 404), ("adviser", 404)]
)
def test_the_view_on_site_redirect_is_scoped_too(client, world, role, expected):
    log_in(client, world, role)
    content_type = ContentType.objects.get_for_model(Offering)
    response = client.get(f"/admin/r/{content_type.pk}/{world['offering_a'].pk}/")
    assert response.status_code == expected


@pytest.mark.parametrize("suffix", ["abc/history/", "abc/history/1/"])
def test_a_malformed_id_on_a_history_page_is_not_found(client, world, suffix):
    log_in(client, world, "staff_a")
    assert client.get(f"/admin/offerings/offering/{suffix}").status_code == 404
