import random
from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from centres.coverage import covering_centres
from centres.models import Centre, County, Municipality, OfferingType
from offerings.choices import OfferingFormat
from offerings.models import Offering, OfferingSession
from portal.demo.volume import load_volume_data
from portal.demo.volume_centres import SLUG_PREFIX, plan_centres
from requests import services
from requests.choices import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    EventKind,
    HelpRequestStatus,
    OutcomeReason,
    Timeframe,
)
from requests.models import Candidate, Event, HelpRequest, ReferenceCounter

pytestmark = pytest.mark.django_db
Status = HelpRequestStatus


@pytest.fixture
def allowed(settings):
    settings.DEMO_CONTENT_ALLOWED = True


@pytest.fixture
def volume(allowed):
    out = StringIO()
    call_command(
        "load_volume_data", "--requests", "300", "--offerings", "100", "--centres", "40", stdout=out
    )
    return out.getvalue()


def test_the_command_adds_the_asked_numbers_and_reports_progress(volume):
    assert HelpRequest.objects.count() == 300
    assert Offering.objects.count() == 100
    assert OfferingSession.objects.exists()
    assert Event.objects.filter(kind=EventKind.SUBMITTED).count() == 300
    assert "Offerings: 10% (10 of 100)" in volume
    assert "Requests for help: 100% (300 of 300)" in volume
    assert "300 requests for help" in volume
    # Bulk inserts write no history.
    assert not HelpRequest.history.exists()


def test_every_status_has_the_fields_it_needs(volume):
    requests = HelpRequest.objects.all()
    assert set(requests.values_list("status", flat=True)) == set(Status.values)
    assert not requests.filter(status__in=["accepted", "in-progress", "completed"]).filter(
        lead_centre=None
    )
    assert not requests.exclude(status__in=["received", "in-triage"]).filter(first_response_at=None)
    closed = requests.filter(status__in=CLOSED_STATUSES)
    assert not closed.filter(closed_at=None)
    assert not requests.filter(status__in=OPEN_STATUSES).exclude(closed_at=None)
    assert all(
        reason in OutcomeReason.values
        for reason in requests.filter(status__in=["referred", "declined"]).values_list(
            "outcome_reason", flat=True
        )
    )
    now = timezone.now()
    for request in requests:
        assert request.consent_given_at == request.submitted_at
        assert now - timedelta(days=2 * 365 + 1) <= request.submitted_at <= now
        if request.first_response_at:
            assert request.submitted_at <= request.first_response_at <= now
        if request.closed_at:
            assert request.first_response_at <= request.closed_at <= now
        assert request.topics.exists()
        assert request.help_wanted.exists()
        assert request.staff_count >= 1


def test_leads_partners_and_candidates_cover_the_county(volume):
    for request in HelpRequest.objects.select_related("municipality__county", "lead_centre"):
        covering = set(covering_centres([request.municipality.county]).values_list("pk", flat=True))
        candidates = set(request.candidates.values_list("centre_id", flat=True))
        assert 2 <= len(candidates) <= 4
        assert candidates <= covering
        if request.lead_centre_id:
            assert request.lead_centre_id in candidates
        assert set(request.partner_centres.values_list("pk", flat=True)) <= candidates - {
            request.lead_centre_id
        }


def test_references_are_unique_and_the_counter_continues_above_them(volume):
    references = list(HelpRequest.objects.values_list("reference", flat=True))
    assert len(set(references)) == len(references) == 300
    assert len(set(HelpRequest.objects.values_list("status_token", flat=True))) == 300
    this_year = timezone.localdate().year
    numbers = [int(r.rsplit("-", 1)[1]) for r in references if r.startswith(f"H-{this_year}-")]
    assert numbers
    assert ReferenceCounter.objects.get(year=this_year).last_number == max(numbers)

    submitted = services.submit_help_request(
        requester_name="Ekte Person",
        requester_role="Fagleder",
        requester_email="ekte@kommune.example.no",
        municipality=Municipality.objects.get(number="1103"),
        topics=Centre.objects.get(slug="korus-vest-stavanger").service_areas.all()[:1],
        help_wanted=OfferingType.objects.filter(slug="veiledning"),
        timeframe=Timeframe.FLEXIBLE,
        staff_count=3,
        description="Trenger hjelp.",
    ).help_request
    assert submitted.reference == f"H-{this_year}-{max(numbers) + 1:05d}"


def test_offerings_and_sessions_are_consistent(volume):
    offerings = Offering.objects.annotate(sessions_count=Count("sessions"))
    assert set(offerings.values_list("format", flat=True)) == set(OfferingFormat.values)
    assert not offerings.filter(format="on-request", sessions_count__gt=0)
    assert not offerings.exclude(format="on-request").filter(sessions_count=0)
    assert offerings.filter(price=0).exists()
    assert offerings.filter(price__gt=0).exists()
    assert {"published", "archived"} <= set(offerings.values_list("status", flat=True))
    assert offerings.filter(created_at__lt=timezone.now() - timedelta(days=60)).exists()
    # The planned dates went in, and the fields stamp "now" again afterwards.
    assert Offering._meta.get_field("created_at").auto_now_add
    assert Offering._meta.get_field("updated_at").auto_now
    for offering in Offering.objects.prefetch_related("service_areas", "centre__service_areas"):
        assert 1 <= offering.service_areas.count() <= 2
        assert set(offering.service_areas.all()) <= set(offering.centre.service_areas.all())
    in_person = OfferingSession.objects.filter(is_online=False)
    assert in_person.exists()
    assert not in_person.filter(municipality=None)
    assert not in_person.filter(venue="")
    assert not OfferingSession.objects.filter(is_online=True, online_url="")
    assert not OfferingSession.objects.filter(is_online=True, offering__format="in-person")
    for session in in_person.select_related("offering__centre", "municipality"):
        centre = session.offering.centre
        if not centre.is_national:
            assert centre.catchment.filter(pk=session.municipality.county_id).exists()
        eligible = session.offering.eligible_counties.all()
        if eligible:
            assert session.municipality.county in eligible


def test_the_same_seed_gives_the_same_rows(allowed):
    now = timezone.now()

    def load():
        before = HelpRequest.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        load_volume_data(requests=30, offerings=10, seed=7, now=now)
        added = HelpRequest.objects.filter(pk__gt=before).order_by("pk")
        return list(added.values_list("municipality__number", "status", "submitted_at")[:10])

    first, second = load(), load()
    assert first == second
    assert len(first) == 10
    assert len(set(HelpRequest.objects.values_list("reference", flat=True))) == 60


def test_volume_data_is_refused_where_not_allowed(settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(ImproperlyConfigured):
        call_command("load_volume_data", "--requests", "1", "--offerings", "1")
    assert not HelpRequest.objects.exists()


def test_volume_data_needs_the_reference_data(allowed):
    Candidate.objects.all().delete()
    Centre.objects.all().delete()
    with pytest.raises(CommandError, match="load_reference_data"):
        call_command("load_volume_data", "--requests", "1", "--offerings", "1")


def test_synthetic_centres_fill_up_to_the_asked_number(volume):
    assert Centre.objects.count() == 40
    assert "Centres: 21 synthetic centres added" in volume
    synthetic = Centre.objects.filter(slug__startswith=SLUG_PREFIX).prefetch_related(
        "catchment", "service_areas", "contacts"
    )
    assert synthetic.count() == 21
    for centre in synthetic:
        counties = list(centre.catchment.all())
        assert centre.is_national == (not counties)
        assert len({county.region_id for county in counties}) <= 1
        assert 1 <= centre.service_areas.count() <= 3
        general = [c for c in centre.contacts.all() if c.is_general_contact]
        assert len(general) == 1
        assert centre.contacts.count() == centre.service_areas.count() + 1
        assert set(
            County.objects.filter(contact_persons__centre=centre).values_list("pk", flat=True)
        ) <= {county.pk for county in counties}
    # They hold offerings, and are found by the search like any other centre.
    assert Offering.objects.filter(centre__slug__startswith=SLUG_PREFIX).exists()
    assert list(Centre.objects.search("volumsenter 021").values_list("slug", flat=True)) == [
        f"{SLUG_PREFIX}021"
    ]


def test_a_second_run_adds_no_centres_when_there_are_enough(volume):
    call_command("load_volume_data", "--requests", "0", "--offerings", "0", "--centres", "40")
    assert Centre.objects.count() == 40


def test_the_same_seed_plans_the_same_centres(allowed):
    now = timezone.now()

    def plan():
        return [
            (p.centre.slug, p.centre.name, p.catchment, p.topics, len(p.contacts))
            for p in plan_centres(random.Random(7), first=1, count=10, now=now)
        ]

    assert plan() == plan()
