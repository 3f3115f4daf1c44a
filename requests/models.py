"""Requests for help (henvendelser): one intake for all centres, handled jointly.

A request is routed to candidate centres when it is submitted; their staff see it, agree on a
priority, and one of them takes the lead. Every change goes through `requests.services`, which
writes an `Event` (the log the centres and the requester read) and queues notifications.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from centres.models import Centre, Municipality, OfferingType, ServiceArea, TargetGroup

from .choices import (
    LED_STATUSES,
    OPEN_STATUSES,
    STATUS_EXPLANATIONS,
    CandidateReason,
    EventKind,
    HelpRequestStatus,
    OutcomeReason,
    Priority,
    Timeframe,
)
from .querysets import HelpRequestQuerySet


class HelpRequest(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    # The secret in the requester's status link; every email to them repeats the link.
    status_token = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(
        _("language"), max_length=8, default="nb", help_text=_("The language emails are sent in.")
    )

    requester_name = models.CharField(_("name"), max_length=200)
    requester_role = models.CharField(_("role and unit"), max_length=200)
    requester_email = models.EmailField(_("work email"))
    requester_phone = models.CharField(_("phone"), max_length=30, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="help_requests",
        verbose_name=_("municipality"),
    )
    topics = models.ManyToManyField(
        ServiceArea, related_name="help_requests", verbose_name=_("topics")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="help_requests", verbose_name=_("target groups")
    )
    help_wanted = models.ManyToManyField(
        OfferingType, related_name="help_requests", verbose_name=_("kind of help wanted")
    )
    timeframe = models.CharField(_("desired timeframe"), max_length=30, choices=Timeframe.choices)
    staff_count = models.PositiveIntegerField(_("number of staff concerned"))
    description = models.TextField(_("description of the need"))
    preferred_centre = models.ForeignKey(
        Centre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("preferred centre"),
    )
    about_offering = models.ForeignKey(
        "offerings.Offering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("asked about offering"),
    )
    consent_given_at = models.DateTimeField(_("privacy statement accepted"))

    candidate_centres = models.ManyToManyField(
        Centre,
        through="Candidate",
        related_name="candidate_requests",
        verbose_name=_("candidate centres"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=HelpRequestStatus.choices,
        default=HelpRequestStatus.RECEIVED,
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    priority_rationale = models.CharField(_("reason for the priority"), max_length=300, blank=True)
    lead_centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_requests",
        verbose_name=_("lead centre"),
    )
    partner_centres = models.ManyToManyField(
        Centre, blank=True, related_name="partner_requests", verbose_name=_("partner centres")
    )
    outcome_reason = models.CharField(
        _("reason category"), max_length=30, choices=OutcomeReason.choices, blank=True
    )
    outcome_explanation = models.TextField(_("explanation"), blank=True)
    referred_to_centre = models.ForeignKey(
        Centre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred to centre"),
    )
    referred_to_elsewhere = models.CharField(
        _("referred to (outside the portal)"), max_length=200, blank=True
    )

    submitted_at = models.DateTimeField(_("submitted"), db_index=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("historical request for help"))

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("request for help")
        verbose_name_plural = _("requests for help")
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="helprequest_status_submitted"),
            models.Index(fields=["closed_at"], name="helprequest_closed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(staff_count__gte=1), name="helprequest_staff_count_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=LED_STATUSES) | Q(lead_centre__isnull=False),
                name="helprequest_accepted_has_lead",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[HelpRequestStatus.REFERRED, HelpRequestStatus.DECLINED])
                | ~Q(outcome_reason=""),
                name="helprequest_referred_or_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_referred(self) -> bool:
        return self.status == HelpRequestStatus.REFERRED

    @property
    def status_explanation(self) -> str:
        return STATUS_EXPLANATIONS[self.status]


class Candidate(models.Model):
    """A centre the request was routed to; `position` keeps the named centre first."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="candidates"
    )
    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, related_name="+", verbose_name=_("centre")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    reason = models.CharField(
        _("why it received the request"),
        max_length=20,
        choices=CandidateReason.choices,
        default=CandidateReason.COVERS,
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("candidate centre")
        verbose_name_plural = _("candidate centres")
        constraints = [
            models.UniqueConstraint(
                fields=["help_request", "centre"], name="candidate_unique_request_centre"
            )
        ]

    def __str__(self) -> str:
        return f"{self.help_request} → {self.centre}"


class Event(models.Model):
    """One line of a request's log: who did what, when, and what they wrote."""

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    centre = models.ForeignKey(
        Centre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=HelpRequestStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=20, choices=HelpRequestStatus.choices, blank=True
    )
    text = models.TextField(_("text"), blank=True)
    visible_to_requester = models.BooleanField(_("shown to the requester"), default=False)
    created_at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=EventKind.NOTE) | Q(visible_to_requester=False),
                name="event_note_never_shown_to_requester",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.help_request} {self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_note(self) -> bool:
        return self.kind == EventKind.NOTE

    @property
    def is_reply(self) -> bool:
        return self.kind == EventKind.REPLY

    @property
    def is_submission(self) -> bool:
        return self.kind == EventKind.SUBMITTED

    @property
    def is_status_change(self) -> bool:
        return self.kind == EventKind.STATUS_CHANGED


class ReferenceCounter(models.Model):
    """The last reference number given out in a year; one row a year, locked while counting."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"
