import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from centres.models import AdviserAssignment, Centre, CentreMembership, ContactPerson
from offerings.models import Offering, OfferingSession
from portal.demo.loader import ensure_demo_logins, load_demo_content

pytestmark = pytest.mark.django_db


def test_demo_content_covers_every_centre_with_realistic_variety(demo_content):
    published = Offering.objects.published()
    assert Offering.objects.count() >= 80
    assert set(Offering.objects.values_list("centre__slug", flat=True)) == set(
        Centre.objects.values_list("slug", flat=True)
    )
    assert set(published.values_list("format", flat=True)) == {
        "in-person",
        "digital",
        "hybrid",
        "on-request",
    }
    assert published.filter(price=0).exists()
    assert published.filter(price__gt=0).exists()
    sessions = OfferingSession.objects.filter(offering__in=published)
    assert sessions.upcoming().exists()
    assert sessions.exclude(pk__in=sessions.upcoming()).exists()
    assert sessions.filter(places_left__gt=0, places_left__lte=4).exists()
    assert any(session.registration_closed for session in sessions.upcoming())


def test_demo_contacts_are_fictional_and_use_example_addresses(demo_content):
    emails = ContactPerson.objects.values_list("email", flat=True)
    assert emails
    assert all(email.endswith("example.no") for email in emails)
    for centre in Centre.objects.all():
        assert centre.contacts.filter(is_general_contact=True).count() == 1


def test_loading_with_if_empty_twice_does_not_duplicate(capsys):
    call_command("load_demo_content", "--if-empty")
    count = Offering.objects.count()
    call_command("load_demo_content", "--if-empty")
    assert Offering.objects.count() == count
    assert "already loaded" in capsys.readouterr().out


def test_demo_logins_exist_with_their_roles(monkeypatch):
    password = ensure_demo_logins(password="et-langt-demo-passord")
    users = get_user_model().objects
    assert users.get(username="portaladmin").is_superuser
    assert CentreMembership.objects.filter(
        user__username="redaktor-rvts-nord", centre__slug="rvts-nord"
    ).exists()
    assert CentreMembership.objects.filter(
        user__username="redaktor-korus-vest-stavanger", centre__slug="korus-vest-stavanger"
    ).exists()
    assert AdviserAssignment.objects.filter(
        user__username="radgiver-vestland", office__slug="vestland"
    ).exists()
    assert users.get(username="radgiver-vestland").check_password(password)


def test_generated_demo_password_is_printed(capsys, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    call_command("load_demo_content", "--if-empty")
    output = capsys.readouterr().out
    password = output.rsplit("password: ", 1)[1].strip()
    assert get_user_model().objects.get(username="portaladmin").check_password(password)


def test_demo_content_is_refused_where_not_allowed(settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(ImproperlyConfigured):
        load_demo_content()
