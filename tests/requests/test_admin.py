from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from requests import services
from requests.choices import EventKind, HelpRequestStatus
from requests.models import HelpRequest
from tests.factories import HelpRequestFactory, centre, municipality, portal_editor, staff_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
LIST_URL = "/admin/helprequests/helprequest/"


def page_url(help_request):
    return f"{LIST_URL}{help_request.pk}/change/"


def act_url(help_request, action):
    return f"{LIST_URL}{help_request.pk}/act/{action}/"


@pytest.fixture
def help_request():
    return HelpRequestFactory()  # Time + rus: KoRus Vest Stavanger, NAPHA, SANKS


@pytest.fixture
def stavanger_staff():
    return staff_member("korus-vest-stavanger")


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def listed(client, **params):
    return list(client.get(LIST_URL, params).context["cl"].result_list)


def test_staff_see_the_requests_routed_to_their_centre_and_no_others(client, stavanger_staff):
    routed_here = HelpRequestFactory()
    elsewhere = HelpRequestFactory(municipality=municipality("4601"))  # Bergen
    client.force_login(stavanger_staff)
    assert listed(client) == [routed_here]
    assert client.get(page_url(elsewhere)).status_code == 404


def test_portal_editors_see_every_request(client):
    requests = [HelpRequestFactory(), HelpRequestFactory(municipality=municipality("4601"))]
    client.force_login(portal_editor())
    assert set(listed(client)) == set(requests)


def test_the_new_queue_holds_requests_nobody_has_taken_yet(client, stavanger_staff, help_request):
    taken = HelpRequestFactory()
    services.take_lead(help_request=taken, centre=centre("napha"), by=stavanger_staff)
    client.force_login(stavanger_staff)
    assert listed(client, queue="new") == [help_request]


def test_the_mine_queue_holds_open_requests_my_centre_leads_or_partners_in(client, stavanger_staff):
    led, partnered, other = HelpRequestFactory(), HelpRequestFactory(), HelpRequestFactory()
    services.take_lead(help_request=led, centre=centre("korus-vest-stavanger"), by=stavanger_staff)
    services.take_lead(help_request=partnered, centre=centre("napha"), by=stavanger_staff)
    services.join_as_partner(
        help_request=partnered, centre=centre("korus-vest-stavanger"), by=stavanger_staff
    )
    finished = HelpRequestFactory()
    for step in (services.take_lead, services.start_work, services.complete):
        step(help_request=finished, centre=centre("korus-vest-stavanger"), by=stavanger_staff)
    client.force_login(stavanger_staff)
    assert set(listed(client, queue="mine")) == {led, partnered}
    assert other not in listed(client, queue="mine")


def test_the_overdue_queue_holds_unanswered_requests_older_than_ten_working_days(
    client, stavanger_staff
):
    old, recent, answered = HelpRequestFactory(), HelpRequestFactory(), HelpRequestFactory()
    three_weeks_ago = timezone.now() - timedelta(days=21)
    HelpRequest.objects.filter(pk__in=[old.pk, answered.pk]).update(submitted_at=three_weeks_ago)
    services.reply_to_requester(
        help_request=answered, centre=centre("napha"), by=stavanger_staff, text="Hei!"
    )
    HelpRequest.objects.filter(pk=recent.pk).update(submitted_at=timezone.now() - timedelta(days=9))
    client.force_login(stavanger_staff)
    assert listed(client, queue="overdue") == [old]


def test_taking_the_lead_from_the_request_page(client, stavanger_staff, help_request):
    client.force_login(stavanger_staff)
    response = client.post(
        act_url(help_request, "take-lead"), {"centre": centre("korus-vest-stavanger").pk}
    )
    assert response.status_code == 302
    assert messages_of(response) == ["Your centre now leads this request."]
    help_request.refresh_from_db()
    assert help_request.lead_centre.slug == "korus-vest-stavanger"


def test_the_slower_of_two_centres_taking_the_lead_is_told_who_won(
    client, stavanger_staff, help_request
):
    napha_staff = staff_member("napha")
    client.force_login(napha_staff)
    page = client.get(page_url(help_request))  # both looked at it while nobody led it
    assert "take-lead" in [item["action"].name for item in page.context["action_forms"]]
    services.take_lead(
        help_request=help_request, centre=centre("korus-vest-stavanger"), by=stavanger_staff
    )
    response = client.post(act_url(help_request, "take-lead"), {"centre": centre("napha").pk})
    assert response.status_code == 302
    assert messages_of(response) == [
        "KoRus Vest Stavanger took the lead on this request first. Your centre can join as partner."
    ]
    help_request.refresh_from_db()
    assert help_request.lead_centre.slug == "korus-vest-stavanger"


def test_staff_of_another_centre_cannot_act_by_posting_to_the_request(client, help_request):
    client.force_login(staff_member("korus-vest-bergen"))
    response = client.post(
        act_url(help_request, "take-lead"), {"centre": centre("korus-vest-bergen").pk}
    )
    assert response.status_code == 404
    help_request.refresh_from_db()
    assert help_request.lead_centre is None


def test_staff_cannot_act_for_a_centre_they_do_not_belong_to(client, stavanger_staff, help_request):
    client.force_login(stavanger_staff)
    response = client.post(act_url(help_request, "take-lead"), {"centre": centre("napha").pk})
    assert response.status_code == 200
    assert "centre" in response.context["action_forms"][0]["form"].errors
    help_request.refresh_from_db()
    assert help_request.lead_centre is None


def test_an_unknown_action_is_not_found(client, stavanger_staff, help_request):
    client.force_login(stavanger_staff)
    assert client.post(act_url(help_request, "delete-everything"), {}).status_code == 404


def test_an_invalid_reply_keeps_the_text_and_says_what_is_wrong(
    client, stavanger_staff, help_request
):
    client.force_login(stavanger_staff)
    text = "Vi kan hjelpe. Ring 010181 12345 hvis det haster."  # not a valid number: kept
    response = client.post(
        act_url(help_request, "reply"),
        {"centre": centre("korus-vest-stavanger").pk, "text": text + "\x07"},
    )
    assert response.status_code == 200
    assert "control characters" in response.content.decode()
    assert "Vi kan hjelpe." in response.content.decode()
    assert not help_request.events.filter(kind=EventKind.REPLY).exists()


def test_a_reply_to_the_requester_is_logged_and_shown_on_the_page(
    client, stavanger_staff, help_request
):
    client.force_login(stavanger_staff)
    client.post(
        act_url(help_request, "reply"),
        {"centre": centre("korus-vest-stavanger").pk, "text": "Vi ringer deg i morgen."},
    )
    page = client.get(page_url(help_request)).content.decode()
    assert "Vi ringer deg i morgen." in page
    assert "shown to the requester" in page


def test_an_internal_note_is_marked_as_internal_on_the_page(client, stavanger_staff, help_request):
    client.force_login(stavanger_staff)
    client.post(
        act_url(help_request, "note"),
        {"centre": centre("korus-vest-stavanger").pk, "text": "Tas opp i triagemøtet."},
    )
    page = client.get(page_url(help_request)).content.decode()
    assert "Tas opp i triagemøtet." in page
    assert "internal – not shown to the requester" in page


def test_setting_the_priority_from_the_request_page(client, stavanger_staff, help_request):
    client.force_login(stavanger_staff)
    client.post(
        act_url(help_request, "priority"),
        {
            "centre": centre("korus-vest-stavanger").pk,
            "priority": "high",
            "rationale": "Hele barnevernet",
        },
    )
    help_request.refresh_from_db()
    assert (help_request.priority, help_request.priority_rationale) == ("high", "Hele barnevernet")


def test_referring_needs_exactly_one_target(client, stavanger_staff, help_request):
    client.force_login(stavanger_staff)
    response = client.post(
        act_url(help_request, "refer"),
        {"centre": centre("korus-vest-stavanger").pk, "reason": "other", "explanation": "Se PPT"},
    )
    assert response.status_code == 200
    assert "not both" in response.content.decode()
    help_request.refresh_from_db()
    assert help_request.status == HelpRequestStatus.RECEIVED


def test_the_page_offers_only_what_the_users_centre_may_do_now(
    client, stavanger_staff, help_request
):
    services.take_lead(help_request=help_request, centre=centre("napha"), by=stavanger_staff)
    client.force_login(stavanger_staff)
    offered = [
        item["action"].name for item in client.get(page_url(help_request)).context["action_forms"]
    ]
    assert offered == ["join", "priority", "reply", "note"]


def test_staff_of_several_candidate_centres_choose_which_one_they_act_for(client, help_request):
    user = staff_member("korus-vest-stavanger")
    user.centre_memberships.create(centre=centre("napha"))
    client.force_login(user)
    form = client.get(page_url(help_request)).context["action_forms"][0]["form"]
    assert {c.slug for c in form.fields["centre"].queryset} == {"korus-vest-stavanger", "napha"}
    assert not form.fields["centre"].widget.is_hidden


def test_the_back_office_start_page_counts_the_users_queues(client, stavanger_staff):
    waiting = HelpRequestFactory()
    HelpRequest.objects.filter(pk=waiting.pk).update(
        submitted_at=timezone.now() - timedelta(days=30)
    )
    led = HelpRequestFactory()
    services.take_lead(help_request=led, centre=centre("korus-vest-stavanger"), by=stavanger_staff)
    HelpRequestFactory(municipality=municipality("4601"))  # Bergen: not theirs
    client.force_login(stavanger_staff)
    queues = client.get("/admin/").context["request_queues"]
    assert (queues.new, queues.mine, queues.overdue) == (1, 1, 1)
