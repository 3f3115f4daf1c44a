"""Everything that changes a request for help.

Each function checks that the acting centre may do what is asked in the request's current state,
locks the request's row while it changes it, writes an `Event` saying who did what, and queues the
emails, which go out after the commit. Refusals raise `ActionRefused` with a message for the user.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from centres.models import Centre, Municipality, OfferingType, ServiceArea, TargetGroup
from offerings.models import Offering

from . import notifications
from .choices import (
    CLOSED_STATUSES,
    CandidateReason,
    EventKind,
    HelpRequestStatus,
    OutcomeReason,
    Priority,
)
from .models import Candidate, Event, HelpRequest, ReferenceCounter
from .routing import Routing, responsible_contacts, route

Status = HelpRequestStatus
# Who acted: a member of staff, or None for the system (demo content, imports).
Actor = AbstractBaseUser | None

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {Status.IN_TRIAGE, Status.ACCEPTED, Status.REFERRED, Status.DECLINED},
    Status.IN_TRIAGE: {Status.ACCEPTED, Status.REFERRED, Status.DECLINED},
    Status.ACCEPTED: {Status.IN_PROGRESS, Status.REFERRED},
    Status.IN_PROGRESS: {Status.COMPLETED, Status.REFERRED},
    Status.COMPLETED: set(),
    # Referred to a centre in the portal: that centre may take it on.
    Status.REFERRED: {Status.ACCEPTED},
    Status.DECLINED: set(),
}

# A status the requester would call an answer; moving a request into triage is not one.
RESPONDING_STATUSES = {Status.ACCEPTED, Status.COMPLETED, Status.REFERRED, Status.DECLINED}


class ActionRefused(Exception):
    """The action is not allowed now; the message says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LeadAlreadyTaken(ActionRefused):
    pass


@dataclass(frozen=True)
class SubmittedRequest:
    help_request: HelpRequest
    candidates: list[Centre]


# Submitting


def next_reference(year: int) -> str:
    """`H-2026-00042`: numbered per year, without gaps or repeats even under parallel submits."""
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"H-{year}-{counter.last_number:05d}"


def submit_help_request(
    *,
    requester_name: str,
    requester_role: str,
    requester_email: str,
    requester_phone: str = "",
    municipality: Municipality,
    topics: Iterable[ServiceArea],
    target_groups: Iterable[TargetGroup] = (),
    help_wanted: Iterable[OfferingType],
    timeframe: str,
    staff_count: int,
    description: str,
    preferred_centre: Centre | None = None,
    about_offering: Offering | None = None,
    language: str = "nb",
) -> SubmittedRequest:
    topics = list(topics)
    now = timezone.now()
    with transaction.atomic():
        help_request = HelpRequest.objects.create(
            reference=next_reference(timezone.localdate(now).year),
            status_token=secrets.token_urlsafe(32),
            language=language,
            requester_name=requester_name,
            requester_role=requester_role,
            requester_email=requester_email,
            requester_phone=requester_phone,
            municipality=municipality,
            timeframe=timeframe,
            staff_count=staff_count,
            description=description,
            preferred_centre=preferred_centre,
            about_offering=about_offering,
            consent_given_at=now,
            submitted_at=now,
        )
        help_request.topics.set(topics)
        help_request.target_groups.set(list(target_groups))
        help_request.help_wanted.set(list(help_wanted))
        routing = route(municipality=municipality, topics=topics, preferred=preferred_centre)
        candidates = routing.centres
        Candidate.objects.bulk_create(
            Candidate(
                help_request=help_request,
                centre=centre,
                position=position,
                reason=_candidate_reason(centre, routing),
            )
            for position, centre in enumerate(candidates)
        )
        Event.objects.create(
            help_request=help_request,
            kind=EventKind.SUBMITTED,
            to_status=Status.RECEIVED,
            visible_to_requester=True,
            created_at=now,
        )
        notifications.tell_requester(
            help_request=help_request,
            template="requests/email/receipt",
            contacts=responsible_contacts(candidates, municipality, topics),
        )
        notifications.tell_centres(
            help_request=help_request, centres=candidates, template="requests/email/new_request"
        )
    return SubmittedRequest(help_request=help_request, candidates=candidates)


def _candidate_reason(centre: Centre, routing: Routing) -> str:
    if (
        routing.named_outside_coverage is not None
        and centre.pk == routing.named_outside_coverage.pk
    ):
        return CandidateReason.NAMED
    return CandidateReason.COVERS_COUNTY if routing.fell_back else CandidateReason.COVERS


# What a centre is to a request


def candidate_ids(help_request: HelpRequest) -> set[int]:
    return set(
        Candidate.objects.filter(help_request=help_request).values_list("centre_id", flat=True)
    )


def partner_ids(help_request: HelpRequest) -> set[int]:
    return set(help_request.partner_centres.values_list("pk", flat=True))


def transition_problem(
    help_request: HelpRequest,
    to_status: str,
    centre: Centre,
    *,
    candidates: set[int] | None = None,
) -> str | None:
    """Why `centre` may not move the request to `to_status` now, or None if it may.

    `candidates` (the candidate centre ids) saves a query when asking for many centres.
    """
    if to_status not in ALLOWED_TRANSITIONS[help_request.status]:
        return _("A request that is “%(current)s” cannot become “%(wanted)s”.") % {
            "current": Status(help_request.status).label,
            "wanted": Status(to_status).label,
        }
    if candidates is None:
        candidates = candidate_ids(help_request)
    if centre.pk not in candidates:
        return _("%(centre)s is not one of the centres this request was sent to.") % {
            "centre": centre.short_name
        }
    if help_request.status == Status.REFERRED and centre.pk != help_request.referred_to_centre_id:
        return _("Only the centre the request was referred to can take it on.")
    needs_lead = help_request.lead_centre_id is not None and to_status != Status.IN_TRIAGE
    if needs_lead and centre.pk != help_request.lead_centre_id:
        return _("Only the lead centre, %(lead)s, can do this now.") % {
            "lead": help_request.lead_centre.short_name
        }
    return None


def _locked(help_request: HelpRequest) -> HelpRequest:
    # The row lock makes parallel actions on one request wait for each other (on SQLite the whole
    # database is locked for writing instead), so each sees the state the other left behind.
    # No select_related: a joined row read while waiting for the lock can be older than the
    # locked row itself, so the lead centre is read afterwards.
    return HelpRequest.objects.select_for_update().get(pk=help_request.pk)


def _log(
    help_request: HelpRequest,
    *,
    kind: str,
    by: Actor,
    centre: Centre | None,
    now: datetime,
    from_status: str = "",
    to_status: str = "",
    text: str = "",
    visible_to_requester: bool = False,
) -> Event:
    return Event.objects.create(
        help_request=help_request,
        kind=kind,
        actor=by,
        centre=centre,
        from_status=from_status,
        to_status=to_status,
        text=text,
        visible_to_requester=visible_to_requester,
        created_at=now,
    )


def _change_status(
    help_request: HelpRequest,
    *,
    to_status: str,
    centre: Centre,
    by: Actor,
    text: str = "",
    event_kind: str = EventKind.STATUS_CHANGED,
    **changes,
) -> HelpRequest:
    """Check, change and log a status change on a locked row, and tell the requester."""
    problem = transition_problem(help_request, to_status, centre)
    if problem:
        raise ActionRefused(problem)
    now = timezone.now()
    from_status = help_request.status
    help_request.status = to_status
    help_request.closed_at = now if to_status in CLOSED_STATUSES else None
    if to_status in RESPONDING_STATUSES and help_request.first_response_at is None:
        help_request.first_response_at = now
    for field, value in changes.items():
        setattr(help_request, field, value)
    help_request._change_reason = f"{from_status} → {to_status}"
    help_request.save()
    _log(
        help_request,
        kind=event_kind,
        by=by,
        centre=centre,
        now=now,
        from_status=from_status,
        to_status=to_status,
        text=text,
        visible_to_requester=True,
    )
    notifications.tell_requester(
        help_request=help_request, template="requests/email/status_changed", text=text
    )
    return help_request


# Transitions


def start_triage(*, help_request: HelpRequest, centre: Centre, by: Actor) -> HelpRequest:
    with transaction.atomic():
        locked = _locked(help_request)
        return _change_status(locked, to_status=Status.IN_TRIAGE, centre=centre, by=by)


def take_lead(*, help_request: HelpRequest, centre: Centre, by: Actor) -> HelpRequest:
    """The centre takes responsibility; of two centres trying at once, exactly one wins."""
    with transaction.atomic():
        locked = _locked(help_request)
        if locked.lead_centre_id is not None:
            raise LeadAlreadyTaken(lead_taken_message(locked))
        changed = _change_status(
            locked,
            to_status=Status.ACCEPTED,
            centre=centre,
            by=by,
            event_kind=EventKind.LEAD_TAKEN,
            lead_centre=centre,
        )
        changed.partner_centres.remove(centre)
        return changed


def lead_taken_message(help_request: HelpRequest) -> str:
    return _("%(lead)s took the lead on this request first. Your centre can join as partner.") % {
        "lead": help_request.lead_centre.short_name
    }


def join_as_partner(*, help_request: HelpRequest, centre: Centre, by: Actor) -> HelpRequest:
    with transaction.atomic():
        locked = _locked(help_request)
        if locked.status not in (Status.ACCEPTED, Status.IN_PROGRESS):
            raise ActionRefused(
                _("Centres can join as partners once a lead centre has accepted the request.")
            )
        if centre.pk not in candidate_ids(locked):
            raise ActionRefused(
                _("%(centre)s is not one of the centres this request was sent to.")
                % {"centre": centre.short_name}
            )
        if centre.pk == locked.lead_centre_id or centre.pk in partner_ids(locked):
            raise ActionRefused(
                _("%(centre)s already works on this request.") % {"centre": centre.short_name}
            )
        locked.partner_centres.add(centre)
        _log(locked, kind=EventKind.PARTNER_JOINED, by=by, centre=centre, now=timezone.now())
        return locked


def start_work(*, help_request: HelpRequest, centre: Centre, by: Actor) -> HelpRequest:
    with transaction.atomic():
        locked = _locked(help_request)
        return _change_status(locked, to_status=Status.IN_PROGRESS, centre=centre, by=by)


def complete(
    *, help_request: HelpRequest, centre: Centre, by: Actor, message: str = ""
) -> HelpRequest:
    with transaction.atomic():
        locked = _locked(help_request)
        return _change_status(
            locked, to_status=Status.COMPLETED, centre=centre, by=by, text=message
        )


def refer(
    *,
    help_request: HelpRequest,
    centre: Centre,
    by: Actor,
    reason: str,
    explanation: str,
    to_centre: Centre | None = None,
    to_elsewhere: str = "",
) -> HelpRequest:
    """Send the request on, to another centre in the portal or to a service outside it."""
    if bool(to_centre) == bool(to_elsewhere.strip()):
        raise ActionRefused(_("Say where the request is referred to: a centre or another service."))
    if to_centre is not None and to_centre.pk == centre.pk:
        raise ActionRefused(_("A centre cannot refer a request to itself."))
    _require_reason(reason, explanation)
    changes = {
        "outcome_reason": reason,
        "outcome_explanation": explanation,
        "referred_to_centre": to_centre,
        "referred_to_elsewhere": to_elsewhere.strip(),
    }
    if to_centre is not None:
        # The receiving centre decides afresh whether to lead it.
        changes["lead_centre"] = None
    with transaction.atomic():
        locked = _locked(help_request)
        changed = _change_status(
            locked, to_status=Status.REFERRED, centre=centre, by=by, text=explanation, **changes
        )
        if to_centre is not None:
            changed.partner_centres.clear()
            # The receiving centre sees the request and its history from now on.
            Candidate.objects.get_or_create(
                help_request=changed,
                centre=to_centre,
                defaults={"position": 1000, "reason": CandidateReason.REFERRED},
            )
            notifications.tell_centres(
                help_request=changed,
                centres=[to_centre],
                template="requests/email/referred_to_you",
                from_centre=centre,
            )
        return changed


def decline(
    *,
    help_request: HelpRequest,
    centre: Centre,
    by: Actor,
    reason: str,
    explanation: str,
) -> HelpRequest:
    _require_reason(reason, explanation)
    with transaction.atomic():
        locked = _locked(help_request)
        return _change_status(
            locked,
            to_status=Status.DECLINED,
            centre=centre,
            by=by,
            text=explanation,
            outcome_reason=reason,
            outcome_explanation=explanation,
        )


def _require_reason(reason: str, explanation: str) -> None:
    if reason not in OutcomeReason.values:
        raise ActionRefused(_("Choose a reason."))
    if not explanation.strip():
        raise ActionRefused(_("Explain the reason to the requester."))


# Working together on a request


def _require_involved(help_request: HelpRequest, centre: Centre) -> None:
    if help_request.anonymised_at is not None:
        # Text written now would outlive the retention period that has already run out.
        raise ActionRefused(_("This request has been anonymised; nothing more can be added."))
    if centre.pk not in candidate_ids(help_request):
        raise ActionRefused(
            _("%(centre)s is not one of the centres this request was sent to.")
            % {"centre": centre.short_name}
        )


def set_priority(
    *,
    help_request: HelpRequest,
    centre: Centre,
    by: Actor,
    priority: str,
    rationale: str,
) -> HelpRequest:
    if priority not in Priority.values:
        raise ActionRefused(_("Choose a priority."))
    with transaction.atomic():
        locked = _locked(help_request)
        _require_involved(locked, centre)
        if not locked.is_open:
            raise ActionRefused(_("The priority of a closed request cannot be changed."))
        locked.priority = priority
        locked.priority_rationale = rationale.strip()
        locked.save(update_fields=["priority", "priority_rationale"])
        _log(
            locked,
            kind=EventKind.PRIORITY_SET,
            by=by,
            centre=centre,
            now=timezone.now(),
            text=f"{Priority(priority).label}: {locked.priority_rationale}".rstrip(": "),
        )
        return locked


def add_note(*, help_request: HelpRequest, centre: Centre, by: Actor, text: str) -> Event:
    """An internal note between the centres; the requester never sees it."""
    if not text.strip():
        raise ActionRefused(_("Write the note."))
    with transaction.atomic():
        locked = _locked(help_request)
        _require_involved(locked, centre)
        return _log(
            locked, kind=EventKind.NOTE, by=by, centre=centre, now=timezone.now(), text=text
        )


def reply_to_requester(*, help_request: HelpRequest, centre: Centre, by: Actor, text: str) -> Event:
    """A message to the requester: shown on their status page and sent by email."""
    if not text.strip():
        raise ActionRefused(_("Write the reply."))
    with transaction.atomic():
        locked = _locked(help_request)
        _require_involved(locked, centre)
        now = timezone.now()
        if locked.first_response_at is None:
            locked.first_response_at = now
            locked.save(update_fields=["first_response_at"])
        event = _log(
            locked,
            kind=EventKind.REPLY,
            by=by,
            centre=centre,
            now=now,
            text=text,
            visible_to_requester=True,
        )
        notifications.tell_requester(
            help_request=locked, template="requests/email/reply", reply=event
        )
        return event
