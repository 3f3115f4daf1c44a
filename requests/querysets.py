from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import models

from .choices import CLOSED_STATUSES, OPEN_STATUSES, HelpRequestStatus


class HelpRequestQuerySet(models.QuerySet):
    def open(self) -> HelpRequestQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self) -> HelpRequestQuerySet:
        return self.filter(status__in=CLOSED_STATUSES)

    def routed_to(
        self, centre_ids: Iterable[int], *, reasons: Iterable[str] | None = None
    ) -> HelpRequestQuerySet:
        """Requests any of these centres is a candidate for (leads and partners are candidates),
        for one of `reasons` when given."""
        routed = self._candidates().filter(centre_id__in=list(centre_ids))
        if reasons is not None:
            routed = routed.filter(reason__in=list(reasons))
        return self.filter(pk__in=routed.values("help_request_id"))

    def awaiting_triage(self) -> HelpRequestQuerySet:
        return self.filter(status__in=[HelpRequestStatus.RECEIVED, HelpRequestStatus.IN_TRIAGE])

    def led_or_partnered_by(self, centre_ids: Iterable[int]) -> HelpRequestQuerySet:
        centre_ids = list(centre_ids)
        partners = self.model.partner_centres.through.objects.filter(centre_id__in=centre_ids)
        return self.filter(
            models.Q(lead_centre_id__in=centre_ids)
            | models.Q(pk__in=partners.values("helprequest_id"))
        )

    def without_response_since(self, cutoff: datetime) -> HelpRequestQuerySet:
        """Open requests submitted before `cutoff` that nobody has answered yet."""
        return self.open().filter(first_response_at__isnull=True, submitted_at__lt=cutoff)

    def closed_before(self, cutoff: datetime) -> HelpRequestQuerySet:
        return self.closed().filter(closed_at__lt=cutoff)

    def with_status_token(self, token: str) -> HelpRequestQuerySet:
        return self.filter(status_token=token)

    def _candidates(self) -> models.QuerySet:
        return self.model.candidates.rel.related_model.objects.all()
