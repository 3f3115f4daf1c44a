"""The weekly run: who gets which offerings, and never the same digest twice."""

from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from centres.models import County
from offerings.choices import OfferingStatus
from offerings.models import Offering
from portal.core.models import OutboxEmail
from portal.core.outbox import deliver, deliver_due
from portal.digest import sending
from portal.digest.models import DigestSubscription
from portal.digest.sending import send_digests

from .helpers import published_offering, sent_digests, subscriber

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

OSLO = timezone.get_default_timezone()


def received(mailoutbox) -> dict[str, str]:
    """Each recipient's digest body."""
    bodies = {}
    for message in mailoutbox:
        (address,) = message.to
        assert address not in bodies, f"{address} got two digests"
        bodies[address] = message.body
    return bodies


def titles_for(mailoutbox, address: str, offerings: list[Offering]) -> set[str]:
    body = received(mailoutbox).get(address, "")
    return {offering.title for offering in offerings if offering.title in body}


# Matching: area


def test_a_municipality_gets_what_is_open_to_it_and_a_region_what_is_open_anywhere_in_it(
    mailoutbox,
):
    for address, where in (
        ("time@example.no", {"municipality_number": "1121"}),
        ("bergen@example.no", {"municipality_number": "4601"}),
        ("vest@example.no", {"region_slug": "vest"}),
        ("nord@example.no", {"region_slug": "nord"}),
    ):
        subscriber(address, **where)
    bergen_digital = published_offering(centre_slug="korus-vest-bergen", online=True)
    stavanger_course = published_offering(centre_slug="korus-vest-stavanger")
    national_webinar = published_offering(centre_slug="napha", online=True)
    tromso_course = published_offering(centre_slug="rvts-nord", session_municipality="5501")
    offerings = [bergen_digital, stavanger_course, national_webinar, tromso_course]

    sent_digests(now=timezone.now())

    expected = {
        # KoRus Vest Bergen serves Vestland only and KoRus Vest Stavanger Rogaland only, so
        # each one's offerings are open there (and to the region Vest, which holds both); a
        # national centre's webinar is open to everyone.
        "time@example.no": {stavanger_course, national_webinar},
        "bergen@example.no": {bergen_digital, national_webinar},
        "vest@example.no": {bergen_digital, stavanger_course, national_webinar},
        "nord@example.no": {national_webinar, tromso_course},
    }
    for address, wanted in expected.items():
        assert titles_for(mailoutbox, address, offerings) == {o.title for o in wanted}, address


def test_an_offering_restricted_to_some_counties_goes_only_to_subscribers_there(mailoutbox):
    subscriber("time@example.no", municipality_number="1121")
    subscriber("bergen@example.no", municipality_number="4601")
    only_vestland = published_offering(centre_slug="napha", online=True)
    only_vestland.eligible_counties.set([County.objects.get(number="46")])

    sent_digests(now=timezone.now())

    assert list(received(mailoutbox)) == ["bergen@example.no"]


# Matching: topics


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        pytest.param((), {"general", "adults", "children", "rus"}, id="none-means-all"),
        pytest.param(("psykisk-helse",), {"general", "adults", "children"}, id="parent"),
        pytest.param(("psykisk-helse-voksne",), {"adults"}, id="subtopic-alone"),
        pytest.param(("rus", "psykisk-helse-barn-og-unge"), {"children", "rus"}, id="two"),
        pytest.param(("barnevern",), set(), id="no-match"),
    ],
)
def test_topics_match_and_a_main_topic_includes_its_subtopics(mailoutbox, chosen, expected):
    subscriber("kari@example.no", topics=chosen)
    offerings = {
        "general": published_offering(title="general", topics=("psykisk-helse",)),
        "adults": published_offering(title="adults", topics=("psykisk-helse-voksne",)),
        "children": published_offering(
            title="children", topics=("psykisk-helse-barn-og-unge", "folkehelse")
        ),
        "rus": published_offering(title="rus", topics=("rus", "spilleavhengighet")),
    }

    sent_digests(now=timezone.now())

    body = received(mailoutbox).get("kari@example.no", "")
    assert {name for name, offering in offerings.items() if f"\n{offering.title}\n" in body} == (
        expected
    )


# Only what is new and published


def test_only_offerings_first_published_since_the_last_digest_are_sent(mailoutbox):
    now = timezone.now()
    subscriber(
        "kari@example.no",
        confirmed_at=now - timedelta(days=30),
        last_sent_at=now - timedelta(days=7),
    )
    new = published_offering(title="Nytt", published_at=now - timedelta(days=2))
    before_last = published_offering(title="Gammelt", published_at=now - timedelta(days=8))
    draft = published_offering(title="Utkast", status=OfferingStatus.DRAFT)
    cancelled = published_offering(title="Avlyst", status=OfferingStatus.CANCELLED)
    never_dated = published_offering(title="Uten dato")
    Offering.objects.filter(pk=never_dated.pk).update(published_at=None)
    all_past = published_offering(title="Forbi", starts_at=now - timedelta(days=1))

    sent_digests(now=now)

    offerings = [new, before_last, draft, cancelled, never_dated, all_past]
    assert titles_for(mailoutbox, "kari@example.no", offerings) == {"Nytt"}


def test_the_first_digest_has_what_was_published_since_the_subscription_was_confirmed(
    mailoutbox,
):
    now = timezone.now()
    subscriber("kari@example.no", confirmed_at=now - timedelta(days=3))
    after = published_offering(title="Etter", published_at=now - timedelta(days=2))
    before = published_offering(title="Før", published_at=now - timedelta(days=4))

    sent_digests(now=now)

    assert titles_for(mailoutbox, "kari@example.no", [after, before]) == {"Etter"}


def test_nothing_is_sent_when_nothing_matches(mailoutbox):
    subscription = subscriber("kari@example.no", topics=("barnevern",))
    published_offering(topics=("rus",))

    run = sent_digests(now=timezone.now())

    assert mailoutbox == []
    assert (run.sent, run.nothing_new) == (0, 1)
    subscription.refresh_from_db()
    assert subscription.last_sent_at is None


def test_pending_subscriptions_get_nothing_and_expired_ones_are_deleted(mailoutbox, settings):
    now = timezone.now()
    subscriber("fersk@example.no", pending=True)
    expired = subscriber("gammel@example.no", pending=True)
    max_age = timedelta(days=settings.DIGEST_CONFIRMATION_MAX_AGE_DAYS)
    DigestSubscription.objects.filter(pk=expired.pk).update(
        requested_at=now - max_age - timedelta(minutes=1)
    )
    published_offering()

    run = sent_digests(now=now)

    assert mailoutbox == []
    assert run.forgotten == 1
    assert list(DigestSubscription.objects.values_list("email", flat=True)) == ["fersk@example.no"]


# Never twice the same day


def at_oslo(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=OSLO)


def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_only_what_is_new(mailoutbox):
    today = timezone.localdate()
    subscriber("kari@example.no", confirmed_at=at_oslo(today, 0) - timedelta(days=7))
    first = published_offering(title="Første", published_at=at_oslo(today, 0) - timedelta(days=1))

    assert sent_digests(now=at_oslo(today, 12)).sent == 1
    second = published_offering(title="Andre", published_at=at_oslo(today, 13))
    rerun = sent_digests(now=at_oslo(today, 23, 30))
    next_day = sent_digests(now=at_oslo(today, 23, 30) + timedelta(hours=1))

    assert (rerun.sent, rerun.already_sent_today) == (0, 1)
    assert next_day.sent == 1
    assert len(mailoutbox) == 2
    assert first.title in mailoutbox[0].body and second.title not in mailoutbox[0].body
    assert second.title in mailoutbox[1].body and first.title not in mailoutbox[1].body


def test_the_same_day_is_the_day_in_norway_not_in_utc(mailoutbox):
    today = timezone.localdate()
    # Half past midnight in Oslo is still yesterday in UTC.
    sent_early = at_oslo(today, 0, 30)
    subscriber(
        "kari@example.no", confirmed_at=sent_early - timedelta(days=7), last_sent_at=sent_early
    )
    published_offering(published_at=at_oslo(today, 1))

    run = sent_digests(now=at_oslo(today, 10))

    assert (run.sent, run.already_sent_today) == (0, 1)
    assert mailoutbox == []


def test_a_digest_the_mail_server_refuses_is_retried_by_the_outbox_never_queued_twice(
    mailoutbox, settings
):
    settings.EMAIL_BACKEND = "tests.portal.digest.helpers.FailsForOneAddressBackend"
    subscriber("kari@example.no")
    subscriber("refused@example.no")
    published_offering()
    # Midday in Norway, so that five minutes later is still the same day.
    now = at_oslo(timezone.localdate(), 12)

    run = sent_digests(now=now)

    assert run.sent == 2
    assert list(received(mailoutbox)) == ["kari@example.no"]
    refused = OutboxEmail.objects.get(recipient="refused@example.no")
    assert (refused.sent_at, refused.attempts) == (None, 1)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    rerun = sent_digests(now=now + timedelta(minutes=5))
    assert (rerun.sent, rerun.already_sent_today) == (0, 2)
    OutboxEmail.objects.update(next_attempt_at=timezone.now())
    deliver_due()
    assert [message.to for message in mailoutbox] == [["kari@example.no"], ["refused@example.no"]]


# The email


def test_the_digest_lists_title_centre_first_date_and_an_absolute_link(mailoutbox, settings):
    settings.SITE_URL = "https://kompetanse.example.no"
    subscriber("kari@example.no")
    starts = at_oslo(timezone.localdate() + timedelta(days=40), 9)
    offering = published_offering(
        title="Motiverende samtale <og> rus & psykisk helse", starts_at=starts
    )

    sent_digests(now=timezone.now())

    (message,) = mailoutbox
    assert message.subject == "New offering for Time (1121)"
    body = message.body
    assert "\nMotiverende samtale <og> rus & psykisk helse\n" in body  # plain text, not escaped
    assert "KoRus Vest Stavanger" in body
    assert f"First date: {date_format(starts, 'DATE_FORMAT')}\n" in body
    assert f"https://kompetanse.example.no{offering.get_absolute_url()}" in body
    assert "https://kompetanse.example.no/tilbud/?municipality=1121" in body


def test_the_digest_is_in_the_language_chosen_when_subscribing(mailoutbox):
    subscriber("english@example.no", language="en")
    subscriber("bokmal@example.no", language="nb", municipality_number="1103")
    published_offering()

    sent_digests(now=timezone.now())

    subjects = {message.to[0]: message.subject for message in mailoutbox}
    assert subjects["english@example.no"] == "New offering for Time (1121)"
    assert "Stavanger (1103)" in subjects["bokmal@example.no"]


def test_a_long_digest_lists_the_first_offerings_and_links_to_the_rest(mailoutbox, monkeypatch):
    monkeypatch.setattr(sending, "MAX_LISTED", 2)
    subscriber("kari@example.no")
    for day in (10, 20, 30):
        published_offering(
            title=f"Kurs om {day} dager", starts_at=timezone.now() + timedelta(days=day)
        )

    sent_digests(now=timezone.now())

    body = mailoutbox[0].body
    assert "Kurs om 10 dager" in body and "Kurs om 20 dager" in body
    assert "Kurs om 30 dager" not in body
    assert "And 1 more in the course calendar for your area" in body


# The command


def test_the_command_prints_counts_and_no_addresses(mailoutbox):
    subscriber("kari@example.no")
    subscriber("ola@example.no", topics=("barnevern",))
    published_offering()
    out = StringIO()

    call_command("send_digest", stdout=out)

    assert out.getvalue().startswith("Digests sent: 1; nothing new: 1; already sent today: 0;")
    assert "@" not in out.getvalue()


# Queries


def queries_for_a_run() -> int:
    DigestSubscription.objects.update(last_sent_at=None)
    with CaptureQueriesContext(connection) as captured:
        send_digests(now=timezone.now())
    deliver(OutboxEmail.objects.unsent())
    return len(captured)


def test_the_run_needs_a_few_queries_per_subscriber_whatever_the_number_of_offerings(
    mailoutbox,
):
    subscriber("kari@example.no", topics=("psykisk-helse",))
    published_offering(topics=("psykisk-helse-voksne",))
    one_offering = queries_for_a_run()

    for _ in range(9):
        published_offering(topics=("psykisk-helse-voksne",), online=True, centre_slug="napha")
    ten_offerings = queries_for_a_run()

    for number, region in (("4601", None), ("5501", None), (None, "vest"), (None, "nord")):
        subscriber(
            f"{number or region}@example.no",
            municipality_number=number,
            region_slug=region,
            topics=("rus", "psykisk-helse"),
        )
    five_subscribers = queries_for_a_run()

    assert ten_offerings == one_offering
    # Per subscriber: the offerings, claiming the row (an UPDATE) and queuing the email (an
    # INSERT), in a savepoint inside the test's transaction; once per batch, the counties of the
    # regions subscribed to.
    assert five_subscribers - one_offering <= 4 * 5 + 1
    assert len(mailoutbox) == 1 + 1 + 5
