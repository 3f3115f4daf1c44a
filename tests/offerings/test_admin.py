import pytest

from centres.models import CentreMembership, Municipality, OfferingType
from offerings.choices import OfferingFormat, OfferingStatus
from offerings.models import Offering
from tests.factories import (
    ContactPersonFactory,
    OfferingFactory,
    OfferingSessionFactory,
    centre,
    staff_member,
    topic,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
ADD_URL = "/admin/offerings/offering/add/"


@pytest.fixture
def editor(client):
    user = staff_member("rvts-nord")
    client.force_login(user)
    return user


def new_offering_data(**changes):
    data = {
        "centre": centre("rvts-nord").pk,
        "title": "Traumebevisst praksis i skolen",
        "summary": "Et kurs for lærere.",
        "description": "",
        "offering_type": OfferingType.objects.get(slug="kurs").pk,
        "format": OfferingFormat.IN_PERSON,
        "service_areas": [topic("vold-og-traumer").pk],
        "price": "0",
        "sessions-TOTAL_FORMS": "2",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "_continue": "1",
    }
    for index, day in enumerate(["2030-03-04", "2030-03-05"]):
        data.update(
            {
                f"sessions-{index}-starts_at_0": day,
                f"sessions-{index}-starts_at_1": "09:00",
                f"sessions-{index}-ends_at_0": day,
                f"sessions-{index}-ends_at_1": "15:00",
                f"sessions-{index}-venue": "Tromsø rådhus",
                f"sessions-{index}-municipality": "",
                f"sessions-{index}-registration_deadline": "2030-02-20",
            }
        )
    tromso = Municipality.objects.get(number="5501").pk
    data["sessions-0-municipality"] = data["sessions-1-municipality"] = tromso
    data.update(changes)
    return data


def test_a_new_offering_with_two_sessions_is_saved_as_a_draft(client, editor):
    response = client.post(ADD_URL, new_offering_data())
    assert response.status_code == 302
    offering = Offering.objects.get(title="Traumebevisst praksis i skolen")
    assert offering.status == OfferingStatus.DRAFT
    assert offering.sessions.count() == 2
    assert offering.history.first().history_user == editor


def test_the_form_starts_with_the_staff_members_own_centre(client, editor):
    form = client.get(ADD_URL).context["adminform"].form
    assert form.initial["centre"] == centre("rvts-nord").pk


def test_session_errors_are_shown_and_nothing_typed_is_lost(client, editor):
    data = new_offering_data(**{"sessions-1-ends_at_1": "08:00", "sessions-1-venue": "Aulaen"})
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "The session must end after it starts." in content
    assert 'value="Aulaen"' in content
    assert not Offering.objects.filter(title="Traumebevisst praksis i skolen").exists()


def test_save_and_publish_publishes_and_shows_it_in_the_calendar(client, editor):
    response = client.post(ADD_URL, new_offering_data(_publish="1"))
    offering = Offering.objects.get(title="Traumebevisst praksis i skolen")
    assert response["Location"].endswith(f"/admin/offerings/offering/{offering.pk}/change/")
    assert offering.status == OfferingStatus.PUBLISHED
    assert offering.last_verified_by == editor
    assert "Traumebevisst praksis i skolen" in client.get("/tilbud/").content.decode()


def test_publishing_without_dates_explains_what_is_missing(client, editor):
    data = new_offering_data(_publish="1", **{"sessions-TOTAL_FORMS": "0"})
    response = client.post(ADD_URL, data, follow=True)
    offering = Offering.objects.get(title="Traumebevisst praksis i skolen")
    assert offering.status == OfferingStatus.DRAFT
    assert "has no dates" in response.content.decode()


def test_preview_shows_the_public_page_of_a_draft_to_its_staff_only(client, editor):
    draft = OfferingFactory(centre=centre("rvts-nord"), status=OfferingStatus.DRAFT)
    response = client.get(f"/admin/offerings/offering/{draft.pk}/preview/")
    assert response.status_code == 200
    assert "is not shown to the public" in response.content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_save_and_preview_goes_to_the_preview(client, editor):
    response = client.post(ADD_URL, new_offering_data(_preview="1"))
    offering = Offering.objects.get(title="Traumebevisst praksis i skolen")
    assert response["Location"] == f"/admin/offerings/offering/{offering.pk}/preview/"


def test_duplicate_makes_a_draft_copy_and_opens_it(client, editor):
    original = OfferingFactory(centre=centre("rvts-nord"))
    OfferingSessionFactory(offering=original)
    response = client.post(f"/admin/offerings/offering/{original.pk}/duplicate/", {"weeks": 26})
    copy = Offering.objects.exclude(pk=original.pk).get(title=original.title)
    assert response["Location"] == f"/admin/offerings/offering/{copy.pk}/change/"
    assert copy.status == OfferingStatus.DRAFT
    assert copy.sessions.count() == 1


def test_duplicate_refuses_a_negative_shift_and_keeps_the_page(client, editor):
    original = OfferingFactory(centre=centre("rvts-nord"))
    response = client.post(f"/admin/offerings/offering/{original.pk}/duplicate/", {"weeks": -3})
    assert response.status_code == 200
    assert response.context["form"].errors["weeks"]
    assert Offering.objects.filter(title=original.title).count() == 1


def test_a_contact_from_another_of_the_users_centres_is_refused(client):
    user = staff_member("rvts-nord")
    CentreMembership.objects.create(user=user, centre=centre("korus-vest-stavanger"))
    client.force_login(user)
    other_contact = ContactPersonFactory(centre=centre("korus-vest-stavanger"))
    response = client.post(ADD_URL, new_offering_data(contact=other_contact.pk))
    assert response.status_code == 200
    assert "own centre" in str(response.context["adminform"].form.errors["contact"])


def test_bulk_cancel_reports_what_could_not_change(client, editor):
    published = OfferingFactory(centre=centre("rvts-nord"))
    draft = OfferingFactory(centre=centre("rvts-nord"), status=OfferingStatus.DRAFT)
    response = client.post(
        "/admin/offerings/offering/",
        {"action": "cancel", "_selected_action": [published.pk, draft.pk]},
        follow=True,
    )
    published.refresh_from_db()
    draft.refresh_from_db()
    assert (published.status, draft.status) == ("cancelled", "draft")
    messages = [str(m) for m in response.context["messages"]]
    assert any("could not become" in m for m in messages)
