"""Demo content for `make run`: fictional contact persons, invented offerings and demo logins.

Kept apart from the reference data on purpose: it is refused unless DEMO_CONTENT_ALLOWED is set,
which it never is in production. Dates are relative to today so the calendar always has a future.
"""

import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from centres.choices import MembershipRole
from centres.models import (
    AdviserAssignment,
    Centre,
    CentreMembership,
    ContactPerson,
    County,
    Municipality,
    OfferingType,
    ServiceArea,
    StatsforvalterOffice,
    TargetGroup,
)
from offerings.choices import OfferingStatus
from offerings.models import Offering, OfferingSession

from .help_requests import load_demo_requests

DEMO_FILE = Path(__file__).resolve().parent / "demo_content.json"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    description: str


DEMO_LOGINS = (
    DemoLogin("portaladmin", "portal editor (superuser)"),
    DemoLogin("redaktor-rvts-nord", "centre staff, RVTS Nord"),
    DemoLogin("redaktor-korus-vest-stavanger", "centre staff, KoRus Vest Stavanger"),
    DemoLogin("radgiver-vestland", "adviser, Statsforvalteren i Vestland"),
)


@dataclass(frozen=True)
class DemoSummary:
    contacts: int
    offerings: int
    sessions: int
    requests: int


@cache
def read_demo_file() -> dict:
    with DEMO_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def _refuse_outside_demo() -> None:
    if not settings.DEMO_CONTENT_ALLOWED:
        raise ImproperlyConfigured("Demo content is not allowed with these settings.")


class _Lookups:
    """Every reference row the demo file names, fetched once."""

    def __init__(self) -> None:
        self.centres = {c.slug: c for c in Centre.objects.all()}
        self.counties = {c.number: c for c in County.objects.all()}
        self.municipalities = {m.number: m for m in Municipality.objects.all()}
        self.topics = {t.slug: t for t in ServiceArea.objects.all()}
        self.target_groups = {t.slug: t for t in TargetGroup.objects.all()}
        self.types = {t.slug: t for t in OfferingType.objects.all()}


def _load_centre_profiles(lookups: _Lookups, verified_at: datetime) -> dict[str, ContactPerson]:
    general_contacts: dict[str, ContactPerson] = {}
    for position, (slug, profile) in enumerate(read_demo_file()["centres"].items()):
        centre = lookups.centres[slug]
        centre.description = profile["description"]
        centre.email = profile["email"]
        centre.phone = profile["phone"]
        centre.website = profile["website"]
        # A few centres are left stale so that freshness shows up in the demo.
        centre.last_verified_at = verified_at - timedelta(days=20 * position)
        centre.save()
        centre.target_groups.set([lookups.target_groups[s] for s in profile["target_groups"]])
        for order, row in enumerate(profile["contacts"]):
            contact, _ = ContactPerson.objects.update_or_create(
                centre=centre,
                email=row["email"],
                defaults={
                    "name": row["name"],
                    "role": row["role"],
                    "phone": row["phone"],
                    "is_general_contact": row["general"],
                    "position": order,
                },
            )
            contact.topics.set([lookups.topics[s] for s in row["topics"]])
            contact.counties.set([lookups.counties[n] for n in row["counties"]])
            if row["general"]:
                general_contacts[slug] = contact
    return general_contacts


def _session_for(offering: Offering, row: dict, today: date, lookups: _Lookups) -> OfferingSession:
    start_day = today + timedelta(days=row["start_days"])
    hour, minute = (int(part) for part in row["start_time"].split(":"))
    starts_at = timezone.make_aware(datetime.combine(start_day, time(hour, minute)))
    deadline_days = row.get("deadline_days_before")
    return OfferingSession(
        offering=offering,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=row["duration_hours"]),
        is_online=row["online"],
        online_url="https://moete.example.no/" if row["online"] else "",
        venue=row.get("venue") or "",
        municipality=None if row["online"] else lookups.municipalities[row["municipality"]],
        registration_deadline=start_day - timedelta(days=deadline_days)
        if deadline_days is not None
        else None,
        capacity=row.get("capacity"),
        places_left=row.get("places_left"),
        is_cancelled=row.get("cancelled", False),
    )


def _load_offerings(
    lookups: _Lookups,
    general_contacts: dict[str, ContactPerson],
    *,
    scale: int,
    today: date,
    verified_at: datetime,
) -> tuple[int, int]:
    rows = read_demo_file()["offerings"]
    pending: list[tuple[Offering, dict]] = []
    for copy in range(1, scale + 1):
        for index, row in enumerate(rows):
            offering = Offering(
                centre=lookups.centres[row["centre"]],
                title=row["title"] if copy == 1 else f"{row['title']} ({copy})",
                summary=row["summary"],
                description=row["description"],
                offering_type=lookups.types[row["type"]],
                format=row["format"],
                price=row["price"],
                price_note=row.get("price_note", ""),
                registration_url=row.get("registration_url", ""),
                contact=general_contacts.get(row["centre"]),
                status=row["status"],
                # Demo offerings count as published a week ago, so the digest has news to send.
                published_at=verified_at - timedelta(days=7)
                if row["status"] == OfferingStatus.PUBLISHED
                else None,
                last_verified_at=verified_at - timedelta(days=(index * 7) % 300),
            )
            # A bulk insert skips save(), which keeps the search text.
            offering.refresh_search_text()
            pending.append((offering, row))
    Offering.objects.bulk_create([offering for offering, _ in pending])

    def link(through, column: str, target: str, lookup: dict, key: str) -> None:
        through.objects.bulk_create(
            [
                through(**{f"{column}_id": offering.pk, f"{target}_id": lookup[value].pk})
                for offering, row in pending
                for value in row.get(key, [])
            ]
        )

    link(Offering.co_hosts.through, "offering", "centre", lookups.centres, "co_hosts")
    link(Offering.service_areas.through, "offering", "servicearea", lookups.topics, "topics")
    link(
        Offering.target_groups.through,
        "offering",
        "targetgroup",
        lookups.target_groups,
        "target_groups",
    )
    link(
        Offering.eligible_counties.through,
        "offering",
        "county",
        lookups.counties,
        "eligible_counties",
    )
    sessions = [
        _session_for(offering, session_row, today, lookups)
        for offering, row in pending
        for session_row in row["sessions"]
    ]
    OfferingSession.objects.bulk_create(sessions)
    return len(pending), len(sessions)


@transaction.atomic
def load_demo_content(*, scale: int = 1, today: date | None = None) -> DemoSummary:
    """Fill profiles, contacts and `scale` copies of every demo offering. Needs reference data."""
    _refuse_outside_demo()
    lookups = _Lookups()
    today = today or timezone.localdate()
    verified_at = timezone.now()
    general_contacts = _load_centre_profiles(lookups, verified_at)
    offerings, sessions = _load_offerings(
        lookups, general_contacts, scale=scale, today=today, verified_at=verified_at
    )
    requests = load_demo_requests(scale=scale)
    return DemoSummary(
        contacts=ContactPerson.objects.count(),
        offerings=offerings,
        sessions=sessions,
        requests=requests,
    )


@transaction.atomic
def ensure_demo_logins(*, password: str | None = None) -> str:
    """Create (or reset) the demo accounts; returns the password they now have."""
    _refuse_outside_demo()
    password = password or secrets.token_urlsafe(12)
    user_model = get_user_model()
    users = {}
    for login in DEMO_LOGINS:
        user, _ = user_model.objects.get_or_create(username=login.username)
        user.email = f"{login.username}@example.no"
        user.is_staff = True
        user.is_superuser = login.username == "portaladmin"
        user.set_password(password)
        user.save()
        users[login.username] = user
    centres = {
        c.slug: c for c in Centre.objects.filter(slug__in=["rvts-nord", "korus-vest-stavanger"])
    }
    for username, slug in (
        ("redaktor-rvts-nord", "rvts-nord"),
        ("redaktor-korus-vest-stavanger", "korus-vest-stavanger"),
    ):
        CentreMembership.objects.get_or_create(
            user=users[username],
            centre=centres[slug],
            defaults={"role": MembershipRole.LEAD},
        )
    AdviserAssignment.objects.get_or_create(
        user=users["radgiver-vestland"], office=StatsforvalterOffice.objects.get(slug="vestland")
    )
    return password
