"""The regional forums: reference data, the public pages, and who manages them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from centres.choices import DocumentKind
from centres.models import Centre, Forum
from centres.reference import load_reference_data
from offerings.models import Offering
from tests.centres.test_documents import publish_document
from tests.factories import (
    OfferingFactory,
    OfferingSessionFactory,
    adviser,
    centre,
    portal_editor,
    staff_member,
)
from tests.query_counts import Page

pytestmark = pytest.mark.django_db


def forum(slug: str) -> Forum:
    return Forum.objects.get(slug=slug)


def slugs(queryset) -> set[str]:
    return set(queryset.values_list("slug", flat=True))


# Reference data


def test_the_two_real_forums_are_loaded_with_their_members_and_offices():
    assert [f.slug for f in Forum.objects.all()] == ["nordflanken", "kompetansesenterforum-vest"]
    nord = forum("nordflanken")
    assert nord.region.slug == "nord"
    assert slugs(nord.member_centres) == {"rvts-nord", "korus-nord", "rkbu-nord"}
    assert slugs(nord.offices) == {"nordland", "troms-og-finnmark"}
    vest = forum("kompetansesenterforum-vest")
    assert vest.name == "Kompetansesenterforum Vest"
    assert vest.region.slug == "vest"
    assert slugs(vest.member_centres) == {
        "rvts-vest",
        "korus-vest-bergen",
        "korus-vest-stavanger",
        "rkbu-vest",
    }
    assert slugs(vest.offices) == {"vestland", "rogaland"}


def test_loading_again_keeps_what_editors_changed_on_a_forum():
    nord = forum("nordflanken")
    nord.description = "Redaktørens tekst"
    nord.save()
    nord.member_centres.remove(centre("korus-nord"))
    summary = load_reference_data()
    assert summary.forums == 2
    nord.refresh_from_db()
    assert nord.description == "Redaktørens tekst"
    assert "korus-nord" not in slugs(nord.member_centres)


def test_a_missing_forum_is_added_again():
    Forum.objects.filter(slug="kompetansesenterforum-vest").delete()
    load_reference_data()
    assert len(forum("kompetansesenterforum-vest").member_centres.all()) == 4


# The forum page


def upcoming_offering(organiser: str, *, co_hosts=(), title: str, **fields) -> Offering:
    offering = OfferingFactory(
        centre=centre(organiser), co_hosts=[centre(s) for s in co_hosts], title=title, **fields
    )
    OfferingSessionFactory(offering=offering)
    return offering


@pytest.fixture
def nord_offerings():
    return {
        "joint": upcoming_offering("rvts-nord", co_hosts=["rkbu-nord"], title="Felles fagdag"),
        "co_hosted_by_member": upcoming_offering(
            "nkvts", co_hosts=["korus-nord"], title="Nasjonal dag med KoRus Nord"
        ),
        "member_alone": upcoming_offering("korus-nord", title="KoRus Nord alene"),
        "with_outsider": upcoming_offering(
            "rvts-nord", co_hosts=["napha"], title="RVTS Nord med NAPHA"
        ),
        "draft": upcoming_offering(
            "rvts-nord", co_hosts=["rkbu-nord"], title="Utkast", status="draft"
        ),
        "other_region": upcoming_offering(
            "rvts-vest", co_hosts=["korus-vest-bergen"], title="Vestlandsdag"
        ),
        "on_request": OfferingFactory(
            centre=centre("rvts-nord"),
            co_hosts=[centre("korus-nord")],
            title="Veiledning på forespørsel",
            format="on-request",
        ),
    }


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_the_forum_page_shows_description_members_and_offices(client, in_english):
    html = client.get("/forum/nordflanken/").content.decode()
    assert "<h1" in html and "Nordflanken</h1>" in html
    assert "Regional collaboration forum, region Nord" in html
    assert "samarbeidsforumet for de regionale kompetansesentrene i Nord-Norge" in html
    members = section(html, "members-heading")
    for name in ["RVTS Nord", "KoRus Nord", "RKBU Nord"]:
        assert f">{name}</a>" in members
    assert 'href="/sentre/rvts-nord/"' in members
    assert "Statsforvalteren i Nordland" in members
    assert "Statsforvalteren i Troms og Finnmark" in members
    assert "RVTS Vest" not in members
    assert "Statsforvalteren i Vestland" not in members


def test_joint_offerings_are_by_a_member_with_another_member_co_hosting(
    client, in_english, nord_offerings
):
    html = client.get("/forum/nordflanken/").content.decode()
    joint = section(html, "joint-heading")
    assert "Felles fagdag" in joint
    for title in [
        "Nasjonal dag med KoRus Nord",
        "KoRus Nord alene",
        "RVTS Nord med NAPHA",
        "Utkast",
        "Vestlandsdag",
        "Veiledning på forespørsel",
    ]:
        assert title not in joint


def test_all_upcoming_offerings_of_the_members_are_listed_too(client, in_english, nord_offerings):
    html = client.get("/forum/nordflanken/").content.decode()
    upcoming = section(html, "upcoming-heading")
    for title in [
        "Felles fagdag",
        "Nasjonal dag med KoRus Nord",
        "KoRus Nord alene",
        "RVTS Nord med NAPHA",
    ]:
        assert title in upcoming
    for title in ["Utkast", "Vestlandsdag", "Veiledning på forespørsel"]:
        assert title not in upcoming
    assert 'href="/tilbud/?region=nord"' in upcoming


def test_past_and_cancelled_sessions_do_not_make_an_offering_upcoming(client, in_english):
    past = OfferingFactory(
        centre=centre("rvts-nord"), co_hosts=[centre("rkbu-nord")], title="Fagdag i fjor"
    )
    OfferingSessionFactory(offering=past, starts_at=timezone.now() - timedelta(days=30))
    cancelled = OfferingFactory(
        centre=centre("rvts-nord"), co_hosts=[centre("rkbu-nord")], title="Avlyst fagdag"
    )
    OfferingSessionFactory(offering=cancelled, is_cancelled=True)
    html = client.get("/forum/nordflanken/").content.decode()
    assert "Fagdag i fjor" not in html
    assert "Avlyst fagdag" not in html
    assert "No joint offerings are coming up." in html


def test_each_forum_lists_its_own_region(client, nord_offerings):
    html = client.get("/forum/kompetansesenterforum-vest/").content.decode()
    assert "Vestlandsdag" in section(html, "joint-heading")
    assert "Felles fagdag" not in html


def test_an_unknown_forum_is_not_found(client):
    assert client.get("/forum/finnes-ikke/").status_code == 404


def test_the_forum_list_shows_both_forums_with_their_members(client, in_english):
    html = client.get("/forum/").content.decode()
    assert 'href="/forum/nordflanken/"' in html
    assert 'href="/forum/kompetansesenterforum-vest/"' in html
    assert "KoRus Vest Stavanger" in html
    assert "Statsforvalteren i Rogaland" in html


def test_a_centre_page_links_to_its_forum(client, in_english):
    html = client.get("/sentre/korus-vest-stavanger/").content.decode()
    assert 'href="/forum/kompetansesenterforum-vest/">Kompetansesenterforum Vest</a>' in html
    # NAPHA is in no forum: no forum line among its facts (the footer links all forums).
    assert "<dt>Regional forum</dt>" not in client.get("/sentre/napha/").content.decode()


# Managed by portal editors only


FORUM_ADMIN = "/admin/centres/forum/"


def forum_form(**changes) -> dict:
    nord = forum("nordflanken")
    return {
        "name": nord.name,
        "slug": nord.slug,
        "region": nord.region_id,
        "description": nord.description,
        "member_centres": [c.pk for c in nord.member_centres.all()],
        "offices": [o.pk for o in nord.offices.all()],
        "website": "",
        "position": nord.position,
        **changes,
    }


@pytest.mark.parametrize("page", ["", "add/", "{pk}/change/", "{pk}/delete/"])
@pytest.mark.parametrize("who", ["centre staff", "adviser"])
def test_only_portal_editors_manage_forums(client, page, who):
    user = staff_member("rvts-nord") if who == "centre staff" else adviser("vestland")
    client.force_login(user)
    url = FORUM_ADMIN + page.format(pk=forum("nordflanken").pk)
    assert client.get(url).status_code == 403
    assert client.post(url, forum_form(description="Kapret")).status_code == 403
    assert forum("nordflanken").description != "Kapret"


def test_portal_editors_change_a_forums_members(client):
    client.force_login(portal_editor())
    nord = forum("nordflanken")
    members = [c.pk for c in nord.member_centres.all()] + [centre("sanks").pk]
    response = client.post(
        f"{FORUM_ADMIN}{nord.pk}/change/",
        forum_form(member_centres=members, website="nordflanken.example.no"),
    )
    assert response.status_code == 302
    nord.refresh_from_db()
    assert "sanks" in slugs(nord.member_centres)
    assert nord.website == "https://nordflanken.example.no"
    assert client.get(FORUM_ADMIN).status_code == 200


def test_the_admin_index_shows_forums_to_editors_only(client, in_english):
    client.force_login(staff_member("rvts-nord"))
    assert "Regional forums" not in client.get("/admin/").content.decode()
    client.force_login(portal_editor())
    assert "Regional forums" in client.get("/admin/").content.decode()


# Query counts: bounded, and the same at 1x and 10x the demo data


def add_documents(centre: Centre, numbers: range) -> None:
    kinds = DocumentKind.values
    for number in numbers:
        publish_document(
            centre,
            title=f"Dokument {number}",
            year=2000 + number % 25,
            kind=kinds[number % len(kinds)],
        )


BUDGETS = {
    Page("/forum/"): 3,
    Page("/forum/nordflanken/"): 7,
    Page("/forum/kompetansesenterforum-vest/"): 7,
    Page("/sentre/rvts-nord/"): 13,
}


def prepare() -> None:
    add_documents(centre("rvts-nord"), range(3))


def grow() -> None:
    add_documents(centre("rvts-nord"), range(3, 33))


@pytest.mark.query_budget
@pytest.mark.parametrize("page", BUDGETS, ids=str)
def test_page_query_count_is_the_same_at_1x_and_10x_demo_data(page, measured_queries):
    at_1x, at_10x = measured_queries[__name__, page]
    assert at_1x == at_10x
    assert at_10x <= BUDGETS[page]
