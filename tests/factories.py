from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from centres.choices import MembershipRole
from centres.models import (
    AdviserAssignment,
    Centre,
    CentreMembership,
    ContactPerson,
    Municipality,
    OfferingType,
    ServiceArea,
    StatsforvalterOffice,
    TargetGroup,
)
from offerings.choices import OfferingFormat, OfferingStatus
from offerings.models import Offering, OfferingSession
from requests.choices import Timeframe
from requests.services import submit_help_request

TEST_PASSWORD = "et-langt-testpassord"


def centre(slug: str) -> Centre:
    return Centre.objects.get(slug=slug)


def municipality(number: str) -> Municipality:
    return Municipality.objects.select_related("county").get(number=number)


def topic(slug: str) -> ServiceArea:
    return ServiceArea.objects.get(slug=slug)


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson
        skip_postgeneration_save = True

    centre = factory.LazyFunction(lambda: centre("korus-vest-stavanger"))
    name = factory.Sequence(lambda n: f"Kari Testesen {n}")
    role = "Rådgiver"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.no")
    phone = "+47 12 34 56 78"

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def counties(self, create, extracted, **kwargs):
        if create and extracted:
            self.counties.set(extracted)


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering
        skip_postgeneration_save = True

    centre = factory.LazyFunction(lambda: centre("korus-vest-stavanger"))
    title = factory.Sequence(lambda n: f"Testkurs {n}")
    summary = "Et kurs for ansatte i kommunen."
    description = ""
    offering_type = factory.LazyFunction(lambda: OfferingType.objects.get(slug="kurs"))
    format = OfferingFormat.IN_PERSON
    price = 0
    status = OfferingStatus.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda offering: timezone.now() if offering.status == OfferingStatus.PUBLISHED else None
    )

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create:
            self.service_areas.set(extracted or [topic("rus")])

    @factory.post_generation
    def co_hosts(self, create, extracted, **kwargs):
        if create and extracted:
            self.co_hosts.set(extracted)


class OfferingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferingSession

    offering = factory.SubFactory(OfferingFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(hours=6))
    is_online = False
    municipality = factory.LazyFunction(lambda: municipality("1103"))
    venue = "Kulturhuset"

    class Params:
        online = factory.Trait(
            is_online=True, municipality=None, venue="", online_url="https://moete.example.no/kurs"
        )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.no")
    is_staff = True
    password = factory.django.Password(TEST_PASSWORD)


def staff_member(centre_slug: str, role: str = MembershipRole.EDITOR, **fields):
    user = UserFactory(**fields)
    CentreMembership.objects.create(user=user, centre=centre(centre_slug), role=role)
    return user


def portal_editor(**fields):
    user = UserFactory(**fields)
    user.user_permissions.add(Permission.objects.get(codename="manage_all_centres"))
    return user


def adviser(office_slug: str = "vestland", **fields):
    user = UserFactory(**fields)
    AdviserAssignment.objects.create(
        user=user, office=StatsforvalterOffice.objects.get(slug=office_slug)
    )
    return user


class HelpRequestFactory(factory.Factory):
    """A request submitted through the service, so it is numbered, routed and logged as in life.

    Topics, target groups and kinds of help are given as slugs.
    """

    class Meta:
        model = dict

    requester_name = factory.Sequence(lambda n: f"Synne Spørsmål {n}")
    requester_role = "Helsesykepleier, Time helsestasjon"
    requester_email = factory.Sequence(lambda n: f"spor{n}@kommune.example.no")
    requester_phone = ""
    municipality = factory.LazyFunction(lambda: municipality("1121"))
    topics = ("rus",)
    target_groups = ()
    help_wanted = ("veiledning",)
    timeframe = Timeframe.WITHIN_3_MONTHS
    staff_count = 12
    description = "Vi ønsker veiledning i å snakke om rus med ungdom."
    preferred_centre = None
    about_offering = None

    @classmethod
    def _create(cls, model_class, **fields):
        fields["topics"] = ServiceArea.objects.filter(slug__in=fields["topics"])
        fields["target_groups"] = TargetGroup.objects.filter(slug__in=fields["target_groups"])
        fields["help_wanted"] = OfferingType.objects.filter(slug__in=fields["help_wanted"])
        return submit_help_request(**fields).help_request
