from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.apps import apps
from django.db import models


class HelpRequestQuerySet(models.QuerySet):
    def open(self) -> HelpRequestQuerySet:
        return self.filter(status__in=self.model.OPEN_STATUSES)

    def closed(self) -> HelpRequestQuerySet:
        return self.filter(status__in=self.model.CLOSED_STATUSES)

    def routed_to(self, centre_ids: Iterable[int]) -> HelpRequestQuerySet:
        """Requests any of these centres is a candidate for (leads and partners are candidates)."""
        candidate = apps.get_model("helprequests", "Candidate")
        routed = candidate.objects.filter(centre_id__in=list(centre_ids))
        return self.filter(pk__in=routed.values("help_request_id"))

    def awaiting_triage(self) -> HelpRequestQuerySet:
        return self.filter(status__in=[self.model.Status.RECEIVED, self.model.Status.IN_TRIAGE])

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
