import threading

import pytest
from django.core import mail
from django.db import connection

from centres.reference import load_reference_data
from portal.core.models import OutboxEmail
from requests import services
from requests.choices import EventKind, HelpRequestStatus, OutcomeReason, Priority
from requests.models import HelpRequest
from tests.factories import HelpRequestFactory, UserFactory, centre, staff_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
Status = HelpRequestStatus
STAVANGER, NAPHA, SANKS = "korus-vest-stavanger", "napha", "sanks"


@pytest.fixture
def help_request():
    return HelpRequestFactory()  # Time + rus: KoRus Vest Stavanger, NAPHA, SANKS


@pytest.fixture
def user():
    return UserFactory()


def _refer_outside(**arguments):
    services.refer(**arguments, reason="other-service", explanation="PPT", to_elsewhere="PPT")


def _decline(**arguments):
    services.decline(**arguments, reason="outside-mandate", explanation="Utenfor mandatet")


def in_state(help_request, status, user):
    """Bring the request to `status` the way centres would, KoRus Vest Stavanger leading."""
    stavanger = centre(STAVANGER)
    paths = {
        Status.RECEIVED: [],
        Status.IN_TRIAGE: [services.start_triage],
        Status.ACCEPTED: [services.take_lead],
        Status.IN_PROGRESS: [services.take_lead, services.start_work],
        Status.COMPLETED: [services.take_lead, services.start_work, services.complete],
        Status.REFERRED: [_refer_outside],
        Status.DECLINED: [_decline],
    }
    for step in paths[status]:
        step(help_request=help_request, centre=stavanger, by=user)
    help_request.refresh_from_db()
    return help_request


def test_submitting_numbers_the_request_per_year_and_logs_it(help_request):
    second = HelpRequestFactory()
    year = help_request.submitted_at.year
    assert help_request.reference == f"H-{year}-00001"
    assert second.reference == f"H-{year}-00002"
    assert help_request.status == Status.RECEIVED
    assert help_request.events.get().kind == EventKind.SUBMITTED


def test_status_tokens_are_long_and_different_for_every_request(help_request):
    second = HelpRequestFactory()
    assert len(help_request.status_token) >= 40
    assert help_request.status_token != second.status_token


# Every transition, allowed and refused

ALLOWED = [
    (Status.RECEIVED, services.start_triage, Status.IN_TRIAGE),
    (Status.RECEIVED, services.take_lead, Status.ACCEPTED),
    (Status.IN_TRIAGE, services.take_lead, Status.ACCEPTED),
    (Status.ACCEPTED, services.start_work, Status.IN_PROGRESS),
    (Status.IN_PROGRESS, services.complete, Status.COMPLETED),
]


@pytest.mark.parametrize(("start", "action", "end"), ALLOWED)
def test_an_allowed_transition_changes_the_status_and_is_logged_with_who(
    help_request, user, start, action, end
):
    in_state(help_request, start, user)
    action(help_request=help_request, centre=centre(STAVANGER), by=user)
    help_request.refresh_from_db()
    assert help_request.status == end
    last = help_request.events.last()
    assert (last.actor, last.centre.slug, last.from_status, last.to_status) == (
        user,
        STAVANGER,
        start,
        end,
    )
    assert last.visible_to_requester


REFUSED = [
    (Status.RECEIVED, services.start_work),
    (Status.RECEIVED, services.complete),
    (Status.IN_TRIAGE, services.start_triage),
    (Status.IN_TRIAGE, services.start_work),
    (Status.ACCEPTED, services.start_triage),
    (Status.ACCEPTED, services.complete),
    (Status.IN_PROGRESS, services.start_triage),
    (Status.IN_PROGRESS, services.start_work),
    (Status.COMPLETED, services.start_triage),
    (Status.COMPLETED, services.start_work),
    (Status.COMPLETED, services.complete),
    (Status.COMPLETED, services.take_lead),
    (Status.REFERRED, services.start_triage),
    (Status.REFERRED, services.take_lead),  # referred outside the portal: nobody here takes it
    (Status.REFERRED, services.start_work),
    (Status.REFERRED, services.complete),
    (Status.DECLINED, services.start_triage),
    (Status.DECLINED, services.take_lead),
    (Status.DECLINED, services.start_work),
    (Status.DECLINED, services.complete),
]


@pytest.mark.parametrize(("start", "action"), REFUSED)
def test_a_transition_the_flow_does_not_allow_is_refused_and_changes_nothing(
    help_request, user, start, action
):
    in_state(help_request, start, user)
    events = help_request.events.count()
    with pytest.raises(services.ActionRefused):
        action(help_request=help_request, centre=centre(STAVANGER), by=user)
    help_request.refresh_from_db()
    assert help_request.status == start
    assert help_request.events.count() == events


@pytest.mark.parametrize(
    "start", [Status.RECEIVED, Status.IN_TRIAGE, Status.ACCEPTED, Status.IN_PROGRESS]
)
def test_a_request_can_be_referred_to_a_service_outside_with_a_reason(help_request, user, start):
    in_state(help_request, start, user)
    services.refer(
        help_request=help_request,
        centre=centre(STAVANGER),
        by=user,
        reason=OutcomeReason.OTHER_SERVICE,
        explanation="Dette gjelder spesialpedagogikk.",
        to_elsewhere="Statped via PPT",
    )
    help_request.refresh_from_db()
    assert help_request.status == Status.REFERRED
    assert help_request.referred_to_elsewhere == "Statped via PPT"
    assert help_request.closed_at is not None


def test_a_centre_a_request_is_referred_to_can_take_it_on_and_nobody_else_can(help_request, user):
    in_state(help_request, Status.ACCEPTED, user)
    services.refer(
        help_request=help_request,
        centre=centre(STAVANGER),
        by=user,
        reason=OutcomeReason.OTHER_CENTRE,
        explanation="RVTS Vest kan dette bedre.",
        to_centre=centre("rvts-vest"),
    )
    help_request.refresh_from_db()
    assert centre("rvts-vest").pk in services.candidate_ids(help_request)
    assert (help_request.status, help_request.lead_centre) == (Status.REFERRED, None)
    with pytest.raises(services.ActionRefused, match="Only the centre the request was referred"):
        services.take_lead(help_request=help_request, centre=centre(NAPHA), by=user)
    services.take_lead(help_request=help_request, centre=centre("rvts-vest"), by=user)
    help_request.refresh_from_db()
    assert (help_request.status, help_request.lead_centre.slug) == (Status.ACCEPTED, "rvts-vest")
    assert help_request.closed_at is None


@pytest.mark.parametrize(
    ("reason", "explanation", "to_centre", "to_elsewhere"),
    [
        ("", "Forklaring", None, "Statped"),
        ("not-a-reason", "Forklaring", None, "Statped"),
        ("other", "   ", None, "Statped"),
        ("other", "Forklaring", None, ""),
        ("other", "Forklaring", "rvts-vest", "Statped"),
        ("other", "Forklaring", STAVANGER, ""),
    ],
)
def test_a_referral_without_a_reason_or_a_single_target_is_refused(
    help_request, user, reason, explanation, to_centre, to_elsewhere
):
    with pytest.raises(services.ActionRefused):
        services.refer(
            help_request=help_request,
            centre=centre(STAVANGER),
            by=user,
            reason=reason,
            explanation=explanation,
            to_centre=centre(to_centre) if to_centre else None,
            to_elsewhere=to_elsewhere,
        )
    help_request.refresh_from_db()
    assert help_request.status == Status.RECEIVED


@pytest.mark.parametrize("start", [Status.RECEIVED, Status.IN_TRIAGE])
def test_a_request_can_be_declined_with_a_reason_before_anyone_leads_it(help_request, user, start):
    in_state(help_request, start, user)
    services.decline(
        help_request=help_request,
        centre=centre(NAPHA),
        by=user,
        reason=OutcomeReason.OUTSIDE_MANDATE,
        explanation="Utenfor vårt mandat.",
    )
    help_request.refresh_from_db()
    assert (help_request.status, help_request.outcome_reason) == (
        Status.DECLINED,
        "outside-mandate",
    )


@pytest.mark.parametrize("start", [Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED])
def test_a_request_cannot_be_declined_once_a_centre_leads_it(help_request, user, start):
    in_state(help_request, start, user)
    with pytest.raises(services.ActionRefused):
        services.decline(
            help_request=help_request,
            centre=centre(STAVANGER),
            by=user,
            reason="other",
            explanation="Nei.",
        )


def test_closed_requests_cannot_be_referred(help_request, user):
    in_state(help_request, Status.COMPLETED, user)
    with pytest.raises(services.ActionRefused):
        services.refer(
            help_request=help_request,
            centre=centre(STAVANGER),
            by=user,
            reason="other",
            explanation="Likevel.",
            to_elsewhere="NAV",
        )


# Who may act


def test_a_centre_the_request_was_not_sent_to_cannot_act_on_it(help_request, user):
    with pytest.raises(services.ActionRefused, match="not one of the centres"):
        services.take_lead(help_request=help_request, centre=centre("korus-vest-bergen"), by=user)
    with pytest.raises(services.ActionRefused):
        services.add_note(
            help_request=help_request, centre=centre("korus-vest-bergen"), by=user, text="Hei"
        )


def test_only_the_lead_centre_moves_an_accepted_request_on(help_request, user):
    in_state(help_request, Status.ACCEPTED, user)
    with pytest.raises(services.ActionRefused, match="Only the lead centre"):
        services.start_work(help_request=help_request, centre=centre(NAPHA), by=user)


def test_a_second_centre_taking_the_lead_is_told_who_won(help_request, user):
    services.take_lead(help_request=help_request, centre=centre(STAVANGER), by=user)
    with pytest.raises(services.LeadAlreadyTaken, match="KoRus Vest Stavanger took the lead"):
        services.take_lead(help_request=help_request, centre=centre(NAPHA), by=user)
    help_request.refresh_from_db()
    assert help_request.lead_centre.slug == STAVANGER


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_centres_taking_the_lead_at_the_same_moment_exactly_one_wins():
    # A transactional test starts from whatever an earlier one flushed: bring the data back.
    load_reference_data()
    user = UserFactory()
    help_request = HelpRequestFactory()
    start = threading.Barrier(2)
    outcomes = {}

    def try_lead(slug):
        start.wait()
        try:
            services.take_lead(help_request=help_request, centre=centre(slug), by=user)
            outcomes[slug] = "won"
        except services.LeadAlreadyTaken:
            outcomes[slug] = "told"
        finally:
            connection.close()

    threads = [threading.Thread(target=try_lead, args=(slug,)) for slug in (STAVANGER, NAPHA)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["told", "won"]
    help_request.refresh_from_db()
    assert outcomes[help_request.lead_centre.slug] == "won"
    assert help_request.events.filter(kind=EventKind.LEAD_TAKEN).count() == 1


def test_a_candidate_centre_can_join_the_lead_as_partner_once(help_request, user):
    in_state(help_request, Status.ACCEPTED, user)
    services.join_as_partner(help_request=help_request, centre=centre(NAPHA), by=user)
    assert services.partner_ids(help_request) == {centre(NAPHA).pk}
    with pytest.raises(services.ActionRefused, match="already works"):
        services.join_as_partner(help_request=help_request, centre=centre(NAPHA), by=user)
    with pytest.raises(services.ActionRefused, match="already works"):
        services.join_as_partner(help_request=help_request, centre=centre(STAVANGER), by=user)


def test_nobody_joins_as_partner_before_a_lead_accepts(help_request, user):
    with pytest.raises(services.ActionRefused):
        services.join_as_partner(help_request=help_request, centre=centre(NAPHA), by=user)


# Priority, notes and replies


def test_the_shared_priority_is_set_with_a_rationale_and_logged(help_request, user):
    services.set_priority(
        help_request=help_request,
        centre=centre(NAPHA),
        by=user,
        priority=Priority.HIGH,
        rationale="Mange ansatte berørt",
    )
    help_request.refresh_from_db()
    assert (help_request.priority, help_request.priority_rationale) == (
        "high",
        "Mange ansatte berørt",
    )
    assert help_request.events.last().kind == EventKind.PRIORITY_SET
    assert not help_request.events.last().visible_to_requester


def test_an_unknown_priority_is_refused(help_request, user):
    with pytest.raises(services.ActionRefused):
        services.set_priority(
            help_request=help_request,
            centre=centre(NAPHA),
            by=user,
            priority="urgent",
            rationale="",
        )


def test_internal_notes_are_never_shown_to_the_requester(help_request, user):
    note = services.add_note(
        help_request=help_request, centre=centre(NAPHA), by=user, text="Vi tok den i møtet."
    )
    assert not note.visible_to_requester
    assert help_request.first_response_at is None


def test_a_reply_is_shown_to_the_requester_and_counts_as_the_first_response(help_request, user):
    reply = services.reply_to_requester(
        help_request=help_request, centre=centre(SANKS), by=user, text="Vi ringer deg."
    )
    help_request.refresh_from_db()
    assert reply.visible_to_requester
    assert help_request.first_response_at == reply.created_at


def test_triage_alone_is_not_a_first_response_but_accepting_is(help_request, user):
    in_state(help_request, Status.IN_TRIAGE, user)
    assert help_request.first_response_at is None
    services.take_lead(help_request=help_request, centre=centre(STAVANGER), by=user)
    help_request.refresh_from_db()
    assert help_request.first_response_at is not None


def test_nothing_can_be_written_on_an_anonymised_request(help_request, user):
    HelpRequest.objects.filter(pk=help_request.pk).update(anonymised_at=help_request.submitted_at)
    help_request.refresh_from_db()
    for write in (services.add_note, services.reply_to_requester):
        with pytest.raises(services.ActionRefused, match="anonymised"):
            write(help_request=help_request, centre=centre(NAPHA), by=user, text="For sent")


@pytest.mark.parametrize("text", ["", "   \n"])
def test_empty_notes_and_replies_are_refused(help_request, user, text):
    with pytest.raises(services.ActionRefused):
        services.add_note(help_request=help_request, centre=centre(NAPHA), by=user, text=text)
    with pytest.raises(services.ActionRefused):
        services.reply_to_requester(
            help_request=help_request, centre=centre(NAPHA), by=user, text=text
        )


# Notifications


def test_a_new_request_mails_the_requester_and_every_candidate_centres_staff_after_commit(
    django_capture_on_commit_callbacks,
):
    staff_member(STAVANGER, email="stavanger@example.no")
    staff_member(NAPHA, email="napha@example.no")
    staff_member("korus-vest-bergen", email="bergen@example.no")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        help_request = HelpRequestFactory(requester_email="kari@time.example.no")
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["kari@time.example.no", "napha@example.no", "stavanger@example.no"]
    receipt = next(m for m in mail.outbox if m.to == ["kari@time.example.no"])
    assert help_request.reference in receipt.subject
    assert f"/henvendelse/status/{help_request.status_token}/" in receipt.body


def test_staff_mail_holds_no_requester_details(django_capture_on_commit_callbacks):
    staff_member(STAVANGER, email="stavanger@example.no")
    with django_capture_on_commit_callbacks(execute=True):
        help_request = HelpRequestFactory(requester_name="Kari Nordmann")
    staff_mail = next(m for m in mail.outbox if m.to == ["stavanger@example.no"])
    assert "Kari Nordmann" not in staff_mail.body
    assert help_request.requester_email not in staff_mail.body
    assert "/admin/helprequests/helprequest/" in staff_mail.body


def test_a_reply_and_a_status_change_are_mailed_to_the_requester(
    help_request, user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.take_lead(help_request=help_request, centre=centre(STAVANGER), by=user)
        services.reply_to_requester(
            help_request=help_request, centre=centre(STAVANGER), by=user, text="Vi ringer i morgen."
        )
    to_requester = [m for m in mail.outbox if m.to == [help_request.requester_email]]
    assert "Akseptert" in to_requester[0].subject  # in the language the requester used
    assert "Vi ringer i morgen." in to_requester[1].body


def test_an_internal_note_is_not_mailed_to_the_requester(
    help_request, user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.add_note(help_request=help_request, centre=centre(NAPHA), by=user, text="Intern")
    assert mail.outbox == []


def test_a_refused_action_queues_and_sends_nothing(
    help_request, user, django_capture_on_commit_callbacks
):
    queued = OutboxEmail.objects.count()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.ActionRefused),
    ):
        services.start_work(help_request=help_request, centre=centre(STAVANGER), by=user)
    assert mail.outbox == []
    assert OutboxEmail.objects.count() == queued
