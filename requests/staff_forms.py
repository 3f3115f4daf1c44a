"""The forms centre staff act on a request with, and what each one does.

Every action names the centre it is done for: staff of several candidate centres choose, staff
of one centre do not see the choice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from centres.models import Centre
from portal.core.validators import (
    has_visible_text,
    no_control_characters,
    no_identity_number,
    single_line,
)

from . import services
from .choices import HelpRequestStatus, OutcomeReason, Priority
from .models import HelpRequest

Status = HelpRequestStatus
TEXT_MAX_LENGTH = 5000


def _text_field(label: str, *, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX_LENGTH,
        help_text=help_text,
        widget=forms.Textarea({"rows": 4, "cols": 60}),
        validators=[has_visible_text, no_control_characters, no_identity_number],
    )


class ActionForm(forms.Form):
    centre = forms.ModelChoiceField(label=_("On behalf of"), queryset=Centre.objects.none())

    def __init__(self, *args, centres: list[Centre], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["centre"]
        field.queryset = Centre.objects.filter(pk__in=[centre.pk for centre in centres])
        if len(centres) == 1:
            field.initial = centres[0].pk
            field.widget = forms.HiddenInput()


class PriorityForm(ActionForm):
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    rationale = forms.CharField(
        label=_("Why"),
        max_length=300,
        required=False,
        help_text=_("A short reason all the centres can see."),
        validators=[no_control_characters, no_identity_number, single_line],
    )


class NoteForm(ActionForm):
    text = _text_field(
        _("Internal note"), help_text=_("Seen by the centres' staff only, never by the requester.")
    )


class ReplyForm(ActionForm):
    text = _text_field(
        _("Reply to the requester"),
        help_text=_("Shown on the requester's status page and sent to them by email."),
    )


class CompleteForm(ActionForm):
    message = _text_field(
        _("Message to the requester (optional)"),
        required=False,
        help_text=_("Shown on the requester's status page and sent to them by email."),
    )


class ReasonForm(ActionForm):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", "---------"), *OutcomeReason.choices]
    )
    explanation = _text_field(
        _("Explanation to the requester"),
        help_text=_("Shown on the requester's status page and sent to them by email."),
    )


class ReferForm(ReasonForm):
    to_centre = forms.ModelChoiceField(
        label=_("Refer to a centre in the portal"),
        queryset=Centre.objects.filter(accepts_requests=True).order_by("short_name"),
        required=False,
    )
    to_elsewhere = forms.CharField(
        label=_("… or to another service"),
        max_length=200,
        required=False,
        help_text=_("For example: Statped via PPT."),
        validators=[no_control_characters, no_identity_number, single_line],
    )
    field_order = ["centre", "to_centre", "to_elsewhere", "reason", "explanation"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        to_centre, to_elsewhere = cleaned.get("to_centre"), cleaned.get("to_elsewhere", "").strip()
        if bool(to_centre) == bool(to_elsewhere) and "to_elsewhere" not in self.errors:
            raise forms.ValidationError(
                _("Choose a centre or name another service, not both."), code="referral_target"
            )
        return cleaned


@dataclass(frozen=True)
class RequestAction:
    name: str
    label: str
    form_class: type[ActionForm]
    perform: Callable[..., Any]
    done_message: str
    # A status change is offered when the services allow it; the others to every involved centre.
    to_status: str | None = None

    def centres_for(
        self,
        help_request: HelpRequest,
        centres: list[Centre],
        *,
        candidates: set[int],
        partners: set[int],
    ) -> list[Centre]:
        """Of `centres` (those the user acts for), the ones that may do this now."""
        if self.name == "join":
            taken = {help_request.lead_centre_id, *partners}
            if help_request.status not in (Status.ACCEPTED, Status.IN_PROGRESS):
                return []
            return [centre for centre in centres if centre.pk not in taken]
        if self.to_status is not None:
            return [
                centre
                for centre in centres
                if services.transition_problem(
                    help_request, self.to_status, centre, candidates=candidates
                )
                is None
            ]
        if self.name == "priority" and not help_request.is_open:
            return []
        return centres


def _act(service):
    def perform(*, help_request, centre, by, data):
        fields = {key: value for key, value in data.items() if key != "centre"}
        return service(help_request=help_request, centre=centre, by=by, **fields)

    return perform


ACTIONS = [
    RequestAction(
        "take-lead",
        _("Take the lead"),
        ActionForm,
        _act(services.take_lead),
        _("Your centre now leads this request."),
        Status.ACCEPTED,
    ),
    RequestAction(
        "triage",
        _("Start triage"),
        ActionForm,
        _act(services.start_triage),
        _("The request is in triage."),
        Status.IN_TRIAGE,
    ),
    RequestAction(
        "join",
        _("Join as partner"),
        ActionForm,
        _act(services.join_as_partner),
        _("Your centre now works on this request as a partner."),
    ),
    RequestAction(
        "start-work",
        _("Start the work"),
        ActionForm,
        _act(services.start_work),
        _("The request is in progress."),
        Status.IN_PROGRESS,
    ),
    RequestAction(
        "complete",
        _("Mark as completed"),
        CompleteForm,
        _act(services.complete),
        _("The request is completed."),
        Status.COMPLETED,
    ),
    RequestAction(
        "priority",
        _("Set priority"),
        PriorityForm,
        _act(services.set_priority),
        _("The priority is saved."),
    ),
    RequestAction(
        "reply",
        _("Send reply"),
        ReplyForm,
        _act(services.reply_to_requester),
        _("The reply is sent to the requester."),
    ),
    RequestAction(
        "note",
        _("Add internal note"),
        NoteForm,
        _act(services.add_note),
        _("The note is saved."),
    ),
    RequestAction(
        "refer",
        _("Refer"),
        ReferForm,
        _act(services.refer),
        _("The request is referred."),
        Status.REFERRED,
    ),
    RequestAction(
        "decline",
        _("Decline"),
        ReasonForm,
        _act(services.decline),
        _("The request is declined."),
        Status.DECLINED,
    ),
]
ACTIONS_BY_NAME = {action.name: action for action in ACTIONS}
