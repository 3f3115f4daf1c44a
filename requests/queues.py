"""The centres' queues of requests: new in my region, named by the requester, mine, and waiting
too long for a reply."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .choices import OPEN_STATUSES, ROUTED_REASONS, CandidateReason, Queue
from .working_days import working_days_before


def reply_overdue_cutoff() -> datetime:
    """Submitted before this and still unanswered: waiting more than the allowed working days."""
    today = timezone.localdate()
    cutoff_day = working_days_before(today, settings.HELP_REQUEST_REPLY_WORKING_DAYS)
    return timezone.make_aware(datetime.combine(cutoff_day, time.min))


def in_queue(queue: str | None, queryset: QuerySet, *, centre_ids: Collection[int]) -> QuerySet:
    """The requests of `queryset` in `queue`, as seen by the staff of `centre_ids` (a portal
    editor, with no centre, sees every centre's queue)."""
    if queue == Queue.NEW:
        new = queryset.awaiting_triage()
        return new.routed_to(centre_ids, reasons=ROUTED_REASONS) if centre_ids else new
    if queue == Queue.NAMED:
        named = queryset.filter(status__in=OPEN_STATUSES)
        reasons = [CandidateReason.NAMED]
        return named.routed_to(centre_ids, reasons=reasons) if centre_ids else named.none()
    if queue == Queue.MINE:
        return queryset.open().led_or_partnered_by(centre_ids)
    if queue == Queue.OVERDUE:
        return queryset.without_response_since(reply_overdue_cutoff())
    return queryset


@dataclass(frozen=True)
class QueueSizes:
    new: int
    named: int
    mine: int
    overdue: int

    @property
    def total(self) -> int:
        return self.new + self.named + self.mine + self.overdue


def queue_sizes(visible: QuerySet, *, centre_ids: Collection[int]) -> QueueSizes:
    """How many of the `visible` requests wait in each queue of the staff of `centre_ids`."""
    # One query for all the counts: each queue is a subquery of the visible requests.
    counts = visible.aggregate(
        **{
            queue.value: Count(
                "pk", filter=Q(pk__in=in_queue(queue, visible, centre_ids=centre_ids).values("pk"))
            )
            for queue in Queue
        }
    )
    return QueueSizes(**counts)
