"""Demo requests for help: fictional requesters in a few municipalities, at every stage.

Submitted and moved on through the real services, so they are routed and logged as in life; the
emails those services queue are dropped, since nobody should be mailed by a demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from centres.models import Centre, Municipality, OfferingType, ServiceArea
from portal.core.outbox import forget_emails_about
from requests import services
from requests.choices import EventKind, OutcomeReason, Priority, Timeframe
from requests.models import Event, HelpRequest
from requests.notifications import outbox_key


@dataclass(frozen=True)
class DemoRequest:
    municipality: str
    topics: tuple[str, ...]
    help_wanted: tuple[str, ...]
    description: str
    days_ago: int
    outcome: str  # how far the centres have got: received, triage, accepted, in-progress, …
    lead: str = ""
    staff_count: int = 10


DEMO_REQUESTS = (
    DemoRequest(
        "1121",
        ("rus",),
        ("veiledning",),
        "Helsestasjonen ønsker veiledning i samtaler om rus med ungdom og foreldre.",
        2,
        "received",
    ),
    DemoRequest(
        "1103",
        ("rus", "spilleavhengighet"),
        ("kurs", "nettverk"),
        "NAV og oppfølgingstjenesten vil lære mer om pengespill og gaming blant unge voksne.",
        20,
        "accepted",
        lead="korus-vest-stavanger",
        staff_count=25,
    ),
    DemoRequest(
        "1127",
        ("rus", "folkehelse"),
        ("nettverk",),
        "Kommunen vil bygge et nettverk for forebyggende rusarbeid i skolene.",
        25,
        "received",
        staff_count=40,
    ),
    DemoRequest(
        "1121",
        ("vold-og-traumer",),
        ("implementeringsstotte",),
        "Barnehagene vil innføre en felles plan mot vold og overgrep og trenger støtte.",
        12,
        "accepted",
        lead="rvts-vest",
        staff_count=60,
    ),
    DemoRequest(
        "5501",
        ("selvmordsforebygging",),
        ("kurs",),
        "Vi ønsker kurs i selvmordsforebygging for ansatte i psykisk helsetjeneste.",
        40,
        "in-progress",
        lead="rvts-nord",
        staff_count=30,
    ),
    DemoRequest(
        "1108",
        ("psykisk-helse-barn-og-unge",),
        ("prosessledelse",),
        "Skolehelsetjenesten vil samarbeide bedre med barnevernet og trenger en prosessleder.",
        90,
        "completed",
        lead="rkbu-vest",
        staff_count=15,
    ),
    DemoRequest(
        "1124",
        ("rus",),
        ("konsultasjon",),
        "Vi trenger hjelp til en elev med lese- og skrivevansker.",
        30,
        "declined",
    ),
)


def load_demo_requests(*, scale: int = 1) -> int:
    municipalities = {m.number: m for m in Municipality.objects.select_related("county")}
    topics = {t.slug: t for t in ServiceArea.objects.all()}
    kinds = {k.slug: k for k in OfferingType.objects.all()}
    centres = {c.slug: c for c in Centre.objects.all()}
    created = []
    for copy in range(1, scale + 1):
        for number, demo in enumerate(DEMO_REQUESTS, start=1):
            help_request = services.submit_help_request(
                requester_name=f"Demo Demosen {copy}-{number}",
                requester_role="Fagleder (demo)",
                requester_email=f"demo{copy}-{number}@kommune.example.no",
                municipality=municipalities[demo.municipality],
                topics=[topics[slug] for slug in demo.topics],
                help_wanted=[kinds[slug] for slug in demo.help_wanted],
                timeframe=Timeframe.WITHIN_6_MONTHS,
                staff_count=demo.staff_count,
                description=demo.description,
            ).help_request
            _move_on(help_request, demo, centres)
            submitted = timezone.now() - timedelta(days=demo.days_ago)
            HelpRequest.objects.filter(pk=help_request.pk).update(submitted_at=submitted)
            Event.objects.filter(help_request=help_request, kind=EventKind.SUBMITTED).update(
                created_at=submitted
            )
            created.append(help_request.pk)
    forget_emails_about(outbox_key(HelpRequest(pk=pk)) for pk in created)
    return len(created)


def _move_on(help_request: HelpRequest, demo: DemoRequest, centres: dict[str, Centre]) -> None:
    first = help_request.candidates.select_related("centre").first().centre
    if demo.outcome == "declined":
        services.decline(
            help_request=help_request,
            centre=first,
            by=None,
            reason=OutcomeReason.OTHER_SERVICE,
            explanation="Dette hører til PP-tjenesten; ta kontakt med PPT i kommunen.",
        )
        return
    if not demo.lead:
        return
    lead = centres[demo.lead]
    services.set_priority(
        help_request=help_request,
        centre=lead,
        by=None,
        priority=Priority.HIGH,
        rationale="Mange ansatte berørt",
    )
    services.take_lead(help_request=help_request, centre=lead, by=None)
    services.reply_to_requester(
        help_request=help_request,
        centre=lead,
        by=None,
        text="Takk for henvendelsen. Vi tar kontakt for å avtale et første møte.",
    )
    if demo.outcome in ("in-progress", "completed"):
        services.start_work(help_request=help_request, centre=lead, by=None)
    if demo.outcome == "completed":
        services.complete(help_request=help_request, centre=lead, by=None, message="Lykke til!")
