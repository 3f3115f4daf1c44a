"""Whose figures a user may see in the overview.

- A county governor adviser sees the counties of their Statsforvalter office(s).
- Centre staff see their centre's catchment (the whole country for a national centre), so the
  centres and the county governors look at the same numbers.
- Portal editors choose any office, or the whole country.
Nobody else has an overview.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from centres.models import Centre, County, StatsforvalterOffice
from portal.backoffice import policy


@dataclass(frozen=True)
class Scope:
    label: str
    counties: list[County]
    # The offices a portal editor may choose between; empty for everyone else.
    office_choices: list[StatsforvalterOffice]
    chosen_office: str = ""

    @property
    def county_ids(self) -> set[int]:
        return {county.pk for county in self.counties}


def _counties(queryset) -> list[County]:
    return list(queryset.select_related("region").order_by("number"))


def scope_for(user: policy.User, *, office_slug: str = "") -> Scope | None:
    """The user's scope; `office_slug` is honoured for portal editors only. None: no overview."""
    if policy.is_portal_editor(user):
        offices = list(StatsforvalterOffice.objects.order_by("name"))
        chosen = next((office for office in offices if office.slug == office_slug), None)
        if chosen is None:
            return Scope(_("The whole country"), _counties(County.objects.all()), offices)
        return Scope(chosen.name, _counties(chosen.counties.all()), offices, chosen.slug)
    offices = list(StatsforvalterOffice.objects.filter(advisers__user=user).order_by("name"))
    if offices:
        counties = County.objects.filter(office__in=offices)
        return Scope(", ".join(office.name for office in offices), _counties(counties), [])
    centres = list(Centre.objects.filter(pk__in=policy.member_centre_ids(user)))
    if centres:
        label = _("Catchment of %(centres)s") % {
            "centres": ", ".join(centre.short_name for centre in centres)
        }
        if any(centre.is_national for centre in centres):
            return Scope(label, _counties(County.objects.all()), [])
        catchment = County.objects.filter(centres__in=centres).distinct()
        return Scope(label, _counties(catchment), [])
    return None
