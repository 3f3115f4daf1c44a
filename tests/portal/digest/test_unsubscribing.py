"""Unsubscribing: one click in the mail program (RFC 8058) or a button; the address is deleted."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from portal.digest import services
from portal.digest.emails import unsubscribe_url
from portal.digest.models import DigestSubscription
from portal.digest.tokens import unsubscribe_token

from .helpers import UNSUBSCRIBE_LINK, published_offering, sent_digests, subscriber

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def path_of(url: str) -> str:
    return url[url.index("/nyhetsbrev/") :]


@pytest.fixture
def subscription():
    return subscriber("kari@time.kommune.no")


@pytest.fixture
def link(subscription) -> str:
    return path_of(unsubscribe_url(subscription))


def test_every_digest_has_the_unsubscribe_link_and_the_one_click_headers(
    subscription, mailoutbox, settings
):
    published_offering()

    sent_digests(now=timezone.now())

    message = mailoutbox[0]
    url = unsubscribe_url(subscription)
    assert UNSUBSCRIBE_LINK.search(message.body).group() == url
    headers = message.message()
    assert headers["List-Unsubscribe"] == f"<{url}>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url.startswith(f"{settings.SITE_URL}/nyhetsbrev/avmeld/")


def test_opening_the_link_asks_for_confirmation_and_deletes_nothing(client, link):
    response = client.get(link)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="unsubscribe-digest"' in html
    assert "Time (1121)" in html
    assert "kari@time.kommune.no" not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert DigestSubscription.objects.count() == 1


def test_the_button_deletes_the_address_and_any_pending_change(client, subscription, link):
    subscriber(subscription.email, region_slug="vest", pending=True)
    other = subscriber("annen@example.no")

    response = client.post(link)

    assert response.status_code == 302
    assert response["Location"] == "/nyhetsbrev/avmeldt/"
    assert list(DigestSubscription.objects.all()) == [other]
    assert "You have unsubscribed" in client.get(response["Location"]).content.decode()


def test_the_one_click_post_from_a_mail_provider_works_without_a_csrf_token(link):
    mail_provider = Client(enforce_csrf_checks=True)

    response = mail_provider.post(
        link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 302
    assert DigestSubscription.objects.count() == 0


def test_only_the_unsubscribe_link_is_exempt_from_csrf():
    strict = Client(enforce_csrf_checks=True)

    assert strict.post("/nyhetsbrev/", {"email": "x@example.no"}).status_code == 403
    assert strict.post("/nyhetsbrev/bekreft/abc/").status_code == 403


def test_a_used_link_gets_a_friendly_page_the_second_time(client, link):
    client.post(link)

    for response in (client.get(link), client.post(link)):
        assert response.status_code == 404
        assert "Perhaps you have already unsubscribed" in response.content.decode()


def tampered(token: str) -> str:
    key, signature = token.split(":")
    return f"{key}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}"


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda s: tampered(unsubscribe_token(s.unsubscribe_key)), id="tampered"),
        pytest.param(lambda s: s.unsubscribe_key, id="key-without-signature"),
        pytest.param(lambda s: unsubscribe_token("someone-else"), id="signed-unknown-key"),
        pytest.param(lambda s: "x" * 5000, id="huge"),
        pytest.param(lambda s: "%00", id="nul"),
        pytest.param(lambda s: "%FF%FE", id="invalid-utf8"),
        pytest.param(lambda s: "::", id="colons"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_wrong_unsubscribe_link_is_not_found_and_deletes_nothing(
    client, subscription, make_token, method
):
    response = getattr(client, method)(f"/nyhetsbrev/avmeld/{make_token(subscription)}/")

    assert response.status_code == 404
    assert DigestSubscription.objects.count() == 1


def test_the_link_from_an_older_digest_still_works_after_the_choices_changed(
    client, subscription, link
):
    # A re-subscription, once confirmed, keeps the key the old emails carry.
    pending = services.request_subscription(
        email=subscription.email,
        region=None,
        municipality=subscription.municipality,
        topics=[],
        language="en",
    )
    services.confirm_subscription(subscription=pending)

    assert client.post(link).status_code == 302
    assert DigestSubscription.objects.count() == 0


def test_nothing_is_sent_after_unsubscribing(client, link, mailoutbox):
    client.post(link)
    published_offering()

    sent_digests(now=timezone.now() + timedelta(seconds=1))

    assert mailoutbox == []
