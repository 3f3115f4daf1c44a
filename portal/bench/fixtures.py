"""What the benchmark needs from the database, run inside Django by the runner (`manage.py
shell`): an offering's address, and logged-in sessions for the overview (an office's adviser and
a portal editor), signed with the served site's SECRET_KEY. Prints one JSON line."""

import json

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore

from centres.models import AdviserAssignment, StatsforvalterOffice
from offerings.choices import OfferingStatus
from offerings.models import Offering

MARKER = "BENCH-FIXTURES "
OFFICE = "vestland"


def _session_for(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend that loads users from the database (others, such as lockout guards, do not).
    backends = settings.AUTHENTICATION_BACKENDS
    session[BACKEND_SESSION_KEY] = next((b for b in backends if "ModelBackend" in b), backends[-1])
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def prepare() -> dict:
    users = get_user_model().objects
    adviser, _ = users.get_or_create(username="bench-radgiver", defaults={"is_staff": True})
    AdviserAssignment.objects.get_or_create(
        user=adviser, office=StatsforvalterOffice.objects.get(slug=OFFICE)
    )
    editor, _ = users.get_or_create(
        username="bench-portalredaktor", defaults={"is_staff": True, "is_superuser": True}
    )
    published = Offering.objects.filter(status=OfferingStatus.PUBLISHED)
    offering = published.filter(centre__slug="korus-vest-stavanger").order_by("pk").first()
    return {
        "offering": offering.get_absolute_url(),
        "adviser_session": _session_for(adviser),
        "editor_session": _session_for(editor),
        "office": OFFICE,
    }


def main() -> None:
    print(MARKER + json.dumps(prepare()))
