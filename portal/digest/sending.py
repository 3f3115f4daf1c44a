"""The weekly run: each confirmed subscriber gets the offerings published since their last digest.

Each subscriber is claimed and their digest queued in the outbox in one transaction of its own, so
a run that stops halfway (or a second run the same day) does not send anyone the same digest
twice, and a mail server that refuses one is retried by the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from centres.coverage import TopicVocabulary
from centres.models import County
from offerings.models import Offering
from portal.digest.models import DigestSubscription

from . import emails
from .services import forget_expired_requests

# Subscribers read from the database at a time.
BATCH_SIZE = 200
# Offerings listed in one email; the rest are in the calendar it links to.
MAX_LISTED = 30


@dataclass
class DigestRun:
    sent: int = 0
    nothing_new: int = 0
    already_sent_today: int = 0
    forgotten: int = 0


def matching_offerings(
    subscription: DigestSubscription,
    *,
    since: datetime,
    until: datetime,
    vocabulary: TopicVocabulary,
):
    """Published offerings first published in (since, until], open to the subscriber's area and
    on their topics (all topics when they chose none), that one can still take part in; the
    first date as `next_starts_at`."""
    offerings = (
        Offering.objects.published()
        .filter(published_at__gt=since, published_at__lte=until)
        .open_to(subscription.counties())
    )
    if topic_ids := vocabulary.family_of(subscription.topics.all()):
        offerings = offerings.about_any_of(topic_ids)
    # Still to come: a coming date, or on request; the calendar's own rule.
    return offerings.in_calendar().select_related("centre")


def _due_subscriptions(today_starts: datetime):
    return (
        DigestSubscription.objects.confirmed()
        .not_sent_since(today_starts)
        .select_related("region", "municipality__county")
        .prefetch_related(
            "topics", Prefetch("region__counties", queryset=County.objects.order_by("number"))
        )
        .order_by("pk")
    )


def send_digests(*, now: datetime) -> DigestRun:
    run = DigestRun(forgotten=forget_expired_requests(now=now))
    # "The same day" is the day in Norway, whatever time zone the server runs in.
    norway = timezone.get_default_timezone()
    today_starts = datetime.combine(timezone.localdate(now, norway), time.min, tzinfo=norway)
    vocabulary = TopicVocabulary()
    due = _due_subscriptions(today_starts)
    run.already_sent_today = DigestSubscription.objects.confirmed().count() - due.count()
    last_pk = 0
    while batch := list(due.filter(pk__gt=last_pk)[:BATCH_SIZE]):
        last_pk = batch[-1].pk
        for subscription in batch:
            _send_one(
                subscription, now=now, today_starts=today_starts, vocabulary=vocabulary, run=run
            )
    return run


def _send_one(
    subscription: DigestSubscription,
    *,
    now: datetime,
    today_starts: datetime,
    vocabulary: TopicVocabulary,
    run: DigestRun,
) -> None:
    since = subscription.last_sent_at or subscription.confirmed_at
    listed = list(
        matching_offerings(subscription, since=since, until=now, vocabulary=vocabulary)[
            : MAX_LISTED + 1
        ]
    )
    if not listed:
        run.nothing_new += 1
        return
    more = 0
    if len(listed) > MAX_LISTED:
        more = (
            matching_offerings(subscription, since=since, until=now, vocabulary=vocabulary).count()
            - MAX_LISTED
        )
        listed = listed[:MAX_LISTED]
    with transaction.atomic():
        # Claimed by an update that only matches a subscriber not yet sent to today: a run
        # started meanwhile waits on the row lock and then finds nothing to claim.
        claimed = (
            DigestSubscription.objects.filter(pk=subscription.pk)
            .not_sent_since(today_starts)
            .update(last_sent_at=now)
        )
        if not claimed:
            run.already_sent_today += 1
            return
        # Queued with the claim: both commit, or neither; the outbox retries a failed send.
        emails.queue_digest(subscription=subscription, offerings=listed, more=more)
    run.sent += 1
