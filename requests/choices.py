"""The requests' fixed values, used everywhere instead of strings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HelpRequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_TRIAGE = "in-triage", _("In triage")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in-progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    REFERRED = "referred", _("Referred")
    DECLINED = "declined", _("Declined")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low")


class Timeframe(models.TextChoices):
    AS_SOON_AS_POSSIBLE = "as-soon-as-possible", _("As soon as possible")
    WITHIN_3_MONTHS = "within-3-months", _("Within three months")
    WITHIN_6_MONTHS = "within-6-months", _("Within six months")
    WITHIN_A_YEAR = "within-a-year", _("Within a year")
    FLEXIBLE = "flexible", _("No particular time")


class OutcomeReason(models.TextChoices):
    # Categories, so that the regional overview can count why requests went elsewhere
    # without reading anybody's free text.
    OUTSIDE_MANDATE = "outside-mandate", _("Outside the centres' mandate")
    OTHER_SERVICE = "other-service", _("Another service is better placed")
    OTHER_CENTRE = "other-centre", _("Another centre is better placed")
    NO_CAPACITY = "no-capacity", _("No capacity in the timeframe")
    NEEDS_MORE_INFORMATION = "needs-more-information", _("Not enough information")
    DUPLICATE = "duplicate", _("Duplicate of another request")
    OTHER = "other", _("Other")


class CandidateReason(models.TextChoices):
    """Why a centre received a request; the queues and the request page say so."""

    COVERS = "covers", _("Covers the municipality and topics")
    COVERS_COUNTY = "covers-county", _("Covers the county (nobody works on the topics there)")
    NAMED = "named", _("Named by the requester")
    REFERRED = "referred", _("Referred by another centre")


class Queue(models.TextChoices):
    """The centres' work queues in the back-office."""

    NEW = "new", _("New in my region")
    NAMED = "named", _("Named by the requester")
    MINE = "mine", _("Mine (lead or partner)")
    OVERDUE = "overdue", _("Waiting for a reply")


# A centre that covers the municipality and topics (or, failing that, the county) finds the
# request among "new in my region"; a centre the requester named outside that coverage finds it
# under "named by the requester" instead.
ROUTED_REASONS = (CandidateReason.COVERS, CandidateReason.COVERS_COUNTY)


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    STATUS_CHANGED = "status-changed", _("Status changed")
    LEAD_TAKEN = "lead-taken", _("Took the lead")
    PARTNER_JOINED = "partner-joined", _("Joined as partner")
    PRIORITY_SET = "priority-set", _("Priority set")
    NOTE = "note", _("Internal note")
    REPLY = "reply", _("Reply to the requester")


OPEN_STATUSES = (
    HelpRequestStatus.RECEIVED,
    HelpRequestStatus.IN_TRIAGE,
    HelpRequestStatus.ACCEPTED,
    HelpRequestStatus.IN_PROGRESS,
)
CLOSED_STATUSES = (
    HelpRequestStatus.COMPLETED,
    HelpRequestStatus.REFERRED,
    HelpRequestStatus.DECLINED,
)
# A lead centre is responsible from acceptance on.
LED_STATUSES = (
    HelpRequestStatus.ACCEPTED,
    HelpRequestStatus.IN_PROGRESS,
    HelpRequestStatus.COMPLETED,
)

# What each status means, in the words the requester reads on the status page and in emails.
STATUS_EXPLANATIONS = {
    HelpRequestStatus.RECEIVED: _(
        "The centres have received the request and will look at it together."
    ),
    HelpRequestStatus.IN_TRIAGE: _("The centres are deciding together who can help you best."),
    HelpRequestStatus.ACCEPTED: _(
        "A centre has taken responsibility for your request and will contact you."
    ),
    HelpRequestStatus.IN_PROGRESS: _("The centre is working with you on the request."),
    HelpRequestStatus.COMPLETED: _("The request has been completed."),
    HelpRequestStatus.REFERRED: _(
        "The centres have referred the request to a service that is better placed to help; see "
        "the explanation below."
    ),
    HelpRequestStatus.DECLINED: _(
        "The centres cannot help with this request; see the explanation below."
    ),
}
