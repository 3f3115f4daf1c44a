"""Who may see and change what in the back-office.

Every admin class and back-office view asks here; nothing else decides. The rules:

- Portal editors (superusers, or users with `centres.manage_all_centres`) see and change everything.
- Centre staff (a `CentreMembership`) see and change their own centres' profiles, contacts,
  offerings and sessions; they see offerings their centre co-hosts, read-only.
- A centre's `lead` also manages the centre's staff list and invites colleagues.
- Centre staff see the requests for help routed to their centres and act on them for those
  centres (see `requests.services` for what each centre may do in each state).
- County governor advisers (an `AdviserAssignment`) have no part of the back-office; their work
  is the regional overview.
- Everyone else has no part of the back-office either.

Memberships are read once per request (cached on the request's user object), so removing a
membership takes effect at the next request.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from centres.choices import MembershipRole
from centres.models import (
    AdviserAssignment,
    Centre,
    CentreDocument,
    CentreMembership,
    ContactPerson,
)
from offerings.models import Offering, OfferingSession
from requests.models import HelpRequest

User = AbstractBaseUser | AnonymousUser

_MEMBERSHIPS_CACHE = "_policy_memberships"


def is_portal_editor(user: User) -> bool:
    return bool(
        user.is_active
        and user.is_staff
        and (user.is_superuser or user.has_perm("centres.manage_all_centres"))
    )


def _memberships(user: User) -> dict[int, str]:
    """Centre id → role for an active staff user; empty for everybody else."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return {}
    cached = getattr(user, _MEMBERSHIPS_CACHE, None)
    if cached is None:
        cached = dict(CentreMembership.objects.filter(user=user).values_list("centre_id", "role"))
        setattr(user, _MEMBERSHIPS_CACHE, cached)
    return cached


def member_centre_ids(user: User) -> set[int]:
    return set(_memberships(user))


def uses_backoffice(user: User) -> bool:
    return is_portal_editor(user) or bool(_memberships(user))


def is_adviser(user: User) -> bool:
    """A county governor adviser: an active account assigned to a Statsforvalter office."""
    return bool(
        user.is_authenticated
        and user.is_active
        and AdviserAssignment.objects.filter(user_id=user.pk).exists()
    )


# Centres


def centres_for(user: User, queryset: models.QuerySet | None = None) -> models.QuerySet:
    queryset = Centre.objects.all() if queryset is None else queryset
    if is_portal_editor(user):
        return queryset
    return queryset.filter(pk__in=member_centre_ids(user))


def can_edit_centre(user: User, centre: Centre) -> bool:
    return is_portal_editor(user) or centre.pk in member_centre_ids(user)


def can_edit_centre_structure(user: User) -> bool:
    """Network, catchment, names and national status belong to the portal editors."""
    return is_portal_editor(user)


def can_manage_staff(user: User, centre: Centre) -> bool:
    return is_portal_editor(user) or _memberships(user).get(centre.pk) == MembershipRole.LEAD


# Contact persons


def contacts_for(user: User, queryset: models.QuerySet | None = None) -> models.QuerySet:
    queryset = ContactPerson.objects.all() if queryset is None else queryset
    if is_portal_editor(user):
        return queryset
    return queryset.filter(centre_id__in=member_centre_ids(user))


def can_edit_contact(user: User, contact: ContactPerson) -> bool:
    return is_portal_editor(user) or contact.centre_id in member_centre_ids(user)


# Offerings and sessions


def offerings_visible_to(user: User, queryset: models.QuerySet | None = None) -> models.QuerySet:
    """Own offerings, and those the user's centres co-host (which they may only look at)."""
    queryset = Offering.objects.all() if queryset is None else queryset
    if is_portal_editor(user):
        return queryset
    centre_ids = member_centre_ids(user)
    co_hosted = Offering.co_hosts.through.objects.filter(centre_id__in=centre_ids)
    return queryset.filter(
        models.Q(centre_id__in=centre_ids) | models.Q(pk__in=co_hosted.values("offering_id"))
    )


def offerings_editable_by(user: User, queryset: models.QuerySet | None = None) -> models.QuerySet:
    queryset = Offering.objects.all() if queryset is None else queryset
    if is_portal_editor(user):
        return queryset
    return queryset.filter(centre_id__in=member_centre_ids(user))


def can_edit_offering(user: User, offering: Offering) -> bool:
    return is_portal_editor(user) or offering.centre_id in member_centre_ids(user)


def sessions_editable_by(user: User, queryset: models.QuerySet | None = None) -> models.QuerySet:
    queryset = OfferingSession.objects.all() if queryset is None else queryset
    if is_portal_editor(user):
        return queryset
    return queryset.filter(offering__centre_id__in=member_centre_ids(user))


# Requests for help: staff see the requests routed to their centres (as candidate, lead, partner
# or receiver of a referral, all of which are candidates) and act for those centres only.


def help_requests_visible_to(
    user: User, queryset: models.QuerySet | None = None
) -> models.QuerySet:
    queryset = HelpRequest.objects.all() if queryset is None else queryset
    if is_portal_editor(user):
        return queryset
    return queryset.routed_to(member_centre_ids(user))


def acting_centres(user: User, candidates: list[Centre]) -> list[Centre]:
    """Of a request's candidate centres, those this user may act for."""
    if not is_portal_editor(user):
        member_of = member_centre_ids(user)
        candidates = [centre for centre in candidates if centre.pk in member_of]
    return sorted(candidates, key=lambda centre: centre.short_name)


# Published documents (grant letters, annual reports, strategies): public once uploaded, so the
# back-office only decides who may add, replace and remove them: the centre's own staff.


def documents_for(user: User, queryset: models.QuerySet | None = None) -> models.QuerySet:
    queryset = CentreDocument.objects.all() if queryset is None else queryset
    if is_portal_editor(user):
        return queryset
    return queryset.filter(centre_id__in=member_centre_ids(user))


def can_edit_document(user: User, document: CentreDocument) -> bool:
    return is_portal_editor(user) or document.centre_id in member_centre_ids(user)
