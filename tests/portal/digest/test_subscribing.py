"""Subscribing with double opt-in: nothing is sent before the emailed link is used."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from portal.core.models import RateLimitHit
from portal.digest.models import DigestSubscription

from .helpers import CONFIRM_LINK, published_offering, sent_digests, subscriber

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

URL = "/nyhetsbrev/"
EMAIL = "kari.nordmann@time.kommune.no"
VALID = {"email": EMAIL, "region": "", "municipality": "1121", "topics": ["rus"], "website": ""}


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    """Tests post many times from one address; only the rate-limit tests lower this."""
    settings.DIGEST_RATE_LIMIT = 1000


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    """Post the form as a person would; the confirmation email goes out after the commit."""

    def post(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, {**VALID, **changes}, REMOTE_ADDR="203.0.113.5")

    return post


def confirmation_path(message) -> str:
    link = CONFIRM_LINK.search(message.body).group()
    return link[link.index("/nyhetsbrev/") :]


class FormState(HTMLParser):
    """The values and checked boxes of the rendered form."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.checked: dict[str, set[str]] = {}
        self.selected: dict[str, str] = {}
        self._select = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select and "selected" in attrs:
            self.selected[self._select] = attrs.get("value", "")
        elif tag == "input" and attrs.get("type") == "checkbox":
            if "checked" in attrs:
                self.checked.setdefault(attrs["name"], set()).add(attrs["value"])
        elif tag == "input" and attrs.get("name"):
            self.values[attrs["name"]] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


# The page


def test_the_subscription_page_explains_the_digest_and_links_to_the_privacy_statement(client):
    html = client.get(URL).content.decode()

    assert "Get an email once a week with the new courses and offerings" in html
    assert "Unsubscribing deletes the address" in html
    assert 'href="/personvern/"' in html
    assert 'id="digest-form"' in html


def test_a_link_can_prefill_the_area_and_topics_and_ignores_unknown_values(client):
    state = FormState(
        client.get(URL, {"municipality": "1121", "topic": ["rus", "nope\x00"]}).content.decode()
    )
    assert state.values["municipality"] == "Time (1121)"
    assert state.checked["topics"] == {"rus"}

    state = FormState(client.get(URL, {"region": "vest", "topic": "x" * 10_000}).content.decode())
    assert state.selected["region"] == "vest"
    assert "topics" not in state.checked


def test_the_subscription_page_needs_few_queries(client, django_assert_max_num_queries):
    client.get(URL)
    # Regions, topics and the municipality list for the field's suggestions.
    with django_assert_max_num_queries(3):
        assert client.get(URL).status_code == 200


# Double opt-in


def test_nothing_is_sent_but_the_confirmation_link_until_the_link_is_used(
    client, subscribe, mailoutbox
):
    published_offering(published_at=timezone.now() + timedelta(minutes=1))

    response = subscribe()

    assert response.status_code == 302
    assert response["Location"] == "/nyhetsbrev/sendt/"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [EMAIL]
    assert "Open this link and confirm to start the digest" in mailoutbox[0].body
    pending = DigestSubscription.objects.get()
    assert pending.confirmed_at is None
    assert pending.municipality.number == "1121"
    assert [t.slug for t in pending.topics.all()] == ["rus"]
    assert pending.language == "en"

    sent_digests(now=timezone.now() + timedelta(hours=1))
    assert len(mailoutbox) == 1


def test_the_confirmation_link_shows_the_choices_and_confirms_only_with_the_button(
    client, subscribe, mailoutbox
):
    subscribe()
    path = confirmation_path(mailoutbox[0])

    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Time (1121)" in html
    assert 'id="confirm-digest"' in html
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert DigestSubscription.objects.get().confirmed_at is None

    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == path
    assert DigestSubscription.objects.get().confirmed_at is not None

    html = client.get(path).content.decode()
    assert "Your digest is confirmed" in html
    assert "Once a week, an email listing the courses and offerings" in html
    assert "Time (1121)" in html


def test_the_confirmed_subscriber_gets_the_next_digest(client, subscribe, mailoutbox):
    subscribe()
    client.post(confirmation_path(mailoutbox[0]))
    published_offering(title="Nytt rusfaglig kurs", published_at=timezone.now())

    sent_digests(now=timezone.now() + timedelta(seconds=1))

    assert len(mailoutbox) == 2
    assert mailoutbox[1].to == [EMAIL]
    assert "Nytt rusfaglig kurs" in mailoutbox[1].body


def test_only_a_token_that_is_stored_as_a_hash_is_in_the_database(subscribe, mailoutbox):
    subscribe()
    token = confirmation_path(mailoutbox[0]).split("/")[-2]
    stored = DigestSubscription.objects.values().get()
    assert token not in str(stored)


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_confirmation_link_gets_a_friendly_page_and_confirms_nothing(
    client, subscribe, mailoutbox, settings, method
):
    subscribe()
    path = confirmation_path(mailoutbox[0])
    max_age = timedelta(days=settings.DIGEST_CONFIRMATION_MAX_AGE_DAYS)
    DigestSubscription.objects.update(requested_at=timezone.now() - max_age - timedelta(minutes=1))

    response = getattr(client, method)(path)

    assert response.status_code == 404
    assert "The confirmation link has expired" in response.content.decode()
    assert DigestSubscription.objects.get().confirmed_at is None


@pytest.mark.parametrize(
    "token",
    ["x", "a" * 43, "a" * 500, "%00", "%FF%FE", "æøå", "..%2F..%2Fetc", "a:b", "%20"],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_wrong_confirmation_link_is_not_found_and_never_a_server_error(
    client, subscribe, token, method
):
    subscribe()

    response = getattr(client, method)(f"/nyhetsbrev/bekreft/{token}/")

    assert response.status_code == 404
    assert DigestSubscription.objects.get().confirmed_at is None


def test_expired_requests_are_deleted_when_someone_subscribes(subscribe, settings):
    stale = subscriber("gammel@example.no", pending=True)
    max_age = timedelta(days=settings.DIGEST_CONFIRMATION_MAX_AGE_DAYS)
    DigestSubscription.objects.filter(pk=stale.pk).update(
        requested_at=timezone.now() - max_age - timedelta(minutes=1)
    )
    kept = subscriber("ny@example.no", pending=True)

    subscribe()

    assert set(DigestSubscription.objects.values_list("email", flat=True)) == {EMAIL, kept.email}


# Subscribing again


def test_subscribing_again_at_once_updates_the_choices_without_another_email(
    client, subscribe, mailoutbox
):
    subscribe()
    subscribe(email=EMAIL.upper(), municipality="", region="vest", topics=[])

    pending = DigestSubscription.objects.get()
    assert pending.region.slug == "vest" and pending.municipality is None
    assert list(pending.topics.all()) == []
    # One link only, so the form cannot flood somebody's inbox; it confirms the newest choices.
    assert len(mailoutbox) == 1
    assert client.get(confirmation_path(mailoutbox[0])).status_code == 200


def test_subscribing_again_later_replaces_the_pending_request_and_only_the_newest_link_works(
    client, subscribe, mailoutbox
):
    subscribe()
    DigestSubscription.objects.update(requested_at=timezone.now() - timedelta(minutes=11))
    subscribe(email=EMAIL.upper(), municipality="", region="vest", topics=[])

    assert DigestSubscription.objects.count() == 1
    assert client.get(confirmation_path(mailoutbox[0])).status_code == 404
    assert client.get(confirmation_path(mailoutbox[1])).status_code == 200


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(
    client, subscribe, mailoutbox
):
    unknown = subscribe(email="ny@example.no")
    subscriber(EMAIL)
    known = subscribe()

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert len(mailoutbox) == 2  # both get a confirmation link, and nothing else


def test_a_new_request_changes_a_confirmed_subscription_only_once_it_is_confirmed(
    client, subscribe, mailoutbox
):
    earlier = subscriber(EMAIL, region_slug="nord", last_sent_at=timezone.now())

    subscribe(topics=["psykisk-helse"])
    assert DigestSubscription.objects.confirmed().get().region.slug == "nord"
    assert DigestSubscription.objects.count() == 2

    client.post(confirmation_path(mailoutbox[0]))

    current = DigestSubscription.objects.get()
    assert current.confirmed_at is not None
    assert current.municipality.number == "1121" and current.region is None
    assert [t.slug for t in current.topics.all()] == ["psykisk-helse"]
    # The unsubscribe link of the digests already sent still works; today's is not sent twice.
    assert current.unsubscribe_key == earlier.unsubscribe_key
    assert current.last_sent_at == earlier.last_sent_at


# Abuse: rate limit and honeypot


def test_too_many_subscriptions_from_one_address_get_429_and_keep_what_was_typed(
    subscribe, settings, mailoutbox
):
    settings.DIGEST_RATE_LIMIT = 2
    subscribe(email="en@example.no")
    subscribe(email="to@example.no")

    response = subscribe(email="tre@example.no", topics=["rus", "barnevern"])

    assert response.status_code == 429
    html = response.content.decode()
    assert "Many subscriptions have been sent from your network in a short time" in html
    assert "wait 60 minutes" in html
    state = FormState(html)
    assert state.values["email"] == "tre@example.no"
    assert state.values["municipality"] == "Time (1121)"
    assert state.checked["topics"] == {"rus", "barnevern"}
    assert DigestSubscription.objects.filter(email="tre@example.no").count() == 0
    assert len(mailoutbox) == 2
    assert set(RateLimitHit.objects.values_list("scope", flat=True)) == {"digest"}


def test_filling_in_the_hidden_field_is_refused_and_sends_nothing(subscribe, mailoutbox):
    response = subscribe(website="https://spam.example")

    assert response.status_code == 200
    form = response.context["form"]
    assert [e.code for e in form.non_field_errors().as_data()] == ["honeypot"]
    assert "Leave this field empty" in response.content.decode()
    assert DigestSubscription.objects.count() == 0
    assert mailoutbox == []


# Bad input


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        pytest.param({"email": ""}, "email", "required", id="no-email"),
        pytest.param({"email": "kari"}, "email", "invalid", id="not-an-email"),
        pytest.param({"email": "kari@"}, "email", "invalid", id="no-domain"),
        pytest.param({"email": "a" * 300 + "@example.no"}, "email", "max_length", id="long"),
        pytest.param({"email": "kari@example.no\x00"}, "email", "invalid", id="nul-email"),
        pytest.param({"email": "<script>@example.no"}, "email", "invalid", id="script"),
        pytest.param({"municipality": "Atlantis"}, "municipality", "unknown", id="unknown"),
        pytest.param({"municipality": "9999"}, "municipality", "unknown", id="unknown-number"),
        pytest.param(
            {"municipality": "x" * 100_000}, "municipality", "max_length", id="huge-municipality"
        ),
        pytest.param(
            {"municipality": "Time\x00"},
            "municipality",
            "null_characters_not_allowed",
            id="nul-municipality",
        ),
        pytest.param({"municipality": ""}, "region", "no_area", id="no-area"),
        pytest.param({"region": "vest"}, "municipality", "both", id="both-areas"),
        pytest.param(
            {"municipality": "", "region": "atlantis"}, "region", "invalid_choice", id="region"
        ),
        pytest.param(
            {"municipality": "", "region": "vest\x00"},
            "region",
            "null_characters_not_allowed",
            id="nul-region",
        ),
        pytest.param({"topics": ["nope"]}, "topics", "invalid_choice", id="unknown-topic"),
        pytest.param({"topics": ["1"]}, "topics", "invalid_choice", id="pk-not-slug"),
        pytest.param({"topics": ["x" * 100_000]}, "topics", "invalid_choice", id="huge-topic"),
        pytest.param(
            {"topics": ["rus\x00"]}, "topics", "null_characters_not_allowed", id="nul-topic"
        ),
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_saved_or_sent(
    subscribe, mailoutbox, changes, field, code
):
    response = subscribe(**changes)

    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert field in errors, errors
    assert code in [error.code for error in errors[field]]
    assert f'href="#id_{field}"' in response.content.decode()
    assert DigestSubscription.objects.count() == 0
    assert mailoutbox == []


def test_a_malformed_body_is_never_a_server_error(client):
    response = client.post(
        URL,
        "email=%FF&topics=%FE&&=&municipality",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert DigestSubscription.objects.count() == 0
