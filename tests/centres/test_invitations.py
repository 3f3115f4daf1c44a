import re
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from centres.choices import MembershipRole
from centres.forms import StaffInvitationForm
from centres.invitations import invitation_token_generator, invite_staff_member
from centres.models import CentreMembership
from tests.factories import centre

pytestmark = pytest.mark.django_db

User = get_user_model()

EMAIL = "kari.nordmann@rvtsnord.example.no"
STRONG_PASSWORD = "Fjellvettreglene-i-Tromsø-9"


@pytest.fixture
def lead():
    user = User.objects.create_user(
        "liv.leder@rvtsnord.example.no",
        email="liv.leder@rvtsnord.example.no",
        password=STRONG_PASSWORD,
        first_name="Liv",
        last_name="Leder",
        is_staff=True,
    )
    CentreMembership.objects.create(user=user, centre=centre("rvts-nord"), role=MembershipRole.LEAD)
    return user


@pytest.fixture
def invite(lead, django_capture_on_commit_callbacks):
    """Invite as the lead of RVTS Nord and run the after-commit callbacks (the emails)."""

    def invite(email=EMAIL, slug="rvts-nord", role=MembershipRole.EDITOR):
        with django_capture_on_commit_callbacks(execute=True):
            return invite_staff_member(centre=centre(slug), email=email, role=role, invited_by=lead)

    return invite


def link_path(link: str) -> str:
    assert link.startswith(settings.SITE_URL)
    return link.removeprefix(settings.SITE_URL)


def form_path(user) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:activate", kwargs={"uidb64": uidb64, "token": "sett-passord"})


def activate(client, link: str, password: str = STRONG_PASSWORD):
    opened = client.get(link_path(link))
    return client.post(opened["Location"], {"new_password1": password, "new_password2": password})


def test_the_invitation_form_offers_both_roles_with_editor_first_choice():
    form = StaffInvitationForm({"email": " Kari.Nordmann@rvtsnord.example.no ", "role": "lead"})

    assert form.is_valid()
    assert form.cleaned_data == {"email": "Kari.Nordmann@rvtsnord.example.no", "role": "lead"}
    assert StaffInvitationForm().fields["role"].initial == MembershipRole.EDITOR
    assert not StaffInvitationForm({"email": EMAIL, "role": "owner"}).is_valid()
    assert not StaffInvitationForm({"email": "kari", "role": "editor"}).is_valid()


def test_an_invitation_creates_an_inactive_staff_account_and_emails_a_link(invite):
    result = invite(email="  Kari.Nordmann@RVTSnord.example.no ")

    user = User.objects.get(email=EMAIL)
    assert result.user == user
    assert result.created_user
    assert user.username == EMAIL
    assert user.is_staff
    assert not user.is_active
    assert not user.has_usable_password()
    assert result.membership.centre == centre("rvts-nord")
    assert result.membership.role == MembershipRole.EDITOR
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert "RVTS Nord" in message.subject
    assert result.link in message.body
    assert "/konto/aktiver/" in result.link
    assert "Liv Leder" in message.body
    assert "Regionalt ressurssenter om vold" in message.body


def test_the_link_moves_the_token_out_of_the_address_and_shows_the_password_form(client, invite):
    result = invite()
    token = result.link.rstrip("/").rsplit("/", 1)[1]

    response = client.get(link_path(result.link))

    assert response.status_code == 302
    assert response["Location"] == form_path(result.user)
    assert token not in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "no-referrer"
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert 'name="new_password1"' in html
    assert 'name="new_password2"' in html
    assert EMAIL in html


def test_a_weak_password_is_refused_with_the_validators_message_and_nothing_changes(client, invite):
    result = invite()

    response = activate(client, result.link, password="kort")

    assert response.status_code == 200
    assert response.context["form"].has_error("new_password2", code="password_too_short")
    assert "ds-error-summary" in response.content.decode()
    user = User.objects.get(pk=result.user.pk)
    assert not user.is_active
    assert not user.has_usable_password()


def test_a_strong_password_activates_the_account_and_the_colleague_can_log_in(client, invite):
    result = invite()

    response = activate(client, result.link)

    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
    user = User.objects.get(pk=result.user.pk)
    assert user.is_active
    assert user.check_password(STRONG_PASSWORD)

    login = client.post(
        reverse("login"), {"username": EMAIL, "password": STRONG_PASSWORD, "next": "/admin/"}
    )
    assert login.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_the_same_link_does_not_work_a_second_time(client, invite):
    result = invite()
    activate(client, result.link)

    assert client.get(link_path(result.link)).status_code == 410
    assert Client().get(link_path(result.link)).status_code == 410


def test_the_password_form_is_gone_after_use_even_in_the_same_browser(client, invite):
    result = invite()
    opened = client.get(link_path(result.link))
    # Another tab, same session: the first submission spends the token kept in the session.
    client.post(
        opened["Location"], {"new_password1": STRONG_PASSWORD, "new_password2": STRONG_PASSWORD}
    )

    assert client.get(opened["Location"]).status_code == 410


def later(seconds: int):
    return lambda: datetime.now() + timedelta(seconds=seconds)


def test_a_link_still_works_just_before_it_expires(client, invite, monkeypatch):
    result = invite()
    monkeypatch.setattr(
        invitation_token_generator, "_now", later(settings.STAFF_INVITATION_MAX_AGE - 60)
    )

    assert client.get(link_path(result.link)).status_code == 302


def test_an_expired_link_is_gone(client, invite, monkeypatch):
    result = invite()
    monkeypatch.setattr(
        invitation_token_generator, "_now", later(settings.STAFF_INVITATION_MAX_AGE + 60)
    )

    response = client.get(link_path(result.link))

    assert response.status_code == 410
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert "ds-alert" in response.content.decode()


def test_a_link_that_expires_while_the_form_is_open_is_gone(client, invite, monkeypatch):
    result = invite()
    opened = client.get(link_path(result.link))
    monkeypatch.setattr(
        invitation_token_generator, "_now", later(settings.STAFF_INVITATION_MAX_AGE + 60)
    )

    response = client.post(
        opened["Location"], {"new_password1": STRONG_PASSWORD, "new_password2": STRONG_PASSWORD}
    )

    assert response.status_code == 410
    assert not User.objects.get(pk=result.user.pk).is_active


def test_the_lifetime_follows_the_setting(client, invite, settings):
    result = invite()
    settings.STAFF_INVITATION_MAX_AGE = -1

    assert client.get(link_path(result.link)).status_code == 410


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda uid, token, other: (uid, token[:-1] + "x"), id="changed token"),
        pytest.param(lambda uid, token, other: (other, token), id="another user's uid"),
        pytest.param(lambda uid, token, other: ("bm90LWEtdXNlcg", token), id="unknown uid"),
        pytest.param(lambda uid, token, other: ("!!", token), id="garbage uid"),
        pytest.param(lambda uid, token, other: (uid, "sett-passord"), id="no token in session"),
    ],
)
def test_a_tampered_link_is_gone(client, invite, lead, tamper):
    result = invite()
    uid, token = result.link.rstrip("/").rsplit("/", 2)[1:]
    other_uid = urlsafe_base64_encode(force_bytes(lead.pk))
    uid, token = tamper(uid, token, other_uid)

    response = client.get(reverse("accounts:activate", kwargs={"uidb64": uid, "token": token}))

    assert response.status_code == 410


def test_a_password_reset_token_is_not_an_invitation(client, invite):
    result = invite()
    uid = urlsafe_base64_encode(force_bytes(result.user.pk))
    token = default_token_generator.make_token(result.user)

    response = client.get(reverse("accounts:activate", kwargs={"uidb64": uid, "token": token}))

    assert response.status_code == 410


def test_inviting_again_before_activation_sends_a_fresh_link_and_spends_the_old_one(client, invite):
    first = invite()
    second = invite(role=MembershipRole.LEAD)

    assert not second.created_user
    assert second.user == first.user
    assert User.objects.filter(email=EMAIL).count() == 1
    assert CentreMembership.objects.get(user=first.user).role == MembershipRole.LEAD
    assert [m.to for m in mail.outbox] == [[EMAIL], [EMAIL]]
    assert second.link in mail.outbox[1].body
    assert client.get(link_path(first.link)).status_code == 410
    assert client.get(link_path(second.link)).status_code == 302


def test_inviting_someone_with_an_account_adds_the_membership_and_sends_a_notice(invite):
    colleague = User.objects.create_user(
        "ola", email="Ola@korus.example.no", password=STRONG_PASSWORD, is_staff=True
    )
    CentreMembership.objects.create(user=colleague, centre=centre("rvts-midt"))
    users_before = User.objects.count()

    result = invite(email="ola@korus.example.no")

    assert result.user == colleague
    assert not result.created_user
    assert result.link is None
    assert User.objects.count() == users_before
    assert set(colleague.centre_memberships.values_list("centre__slug", flat=True)) == {
        "rvts-midt",
        "rvts-nord",
    }
    (message,) = mail.outbox
    assert message.to == ["ola@korus.example.no"]
    assert "RVTS Nord" in message.subject
    assert f"{settings.SITE_URL}/admin/" in message.body
    assert "/konto/aktiver/" not in message.body
    colleague.refresh_from_db()
    assert colleague.is_active
    assert colleague.check_password(STRONG_PASSWORD)


def test_an_account_without_staff_status_gets_it_with_the_membership(invite):
    adviser = User.objects.create_user("ada", email="ada@statsforvalteren.example.no")

    invite(email=adviser.email)

    adviser.refresh_from_db()
    assert adviser.is_staff
    assert adviser.centre_memberships.get().centre == centre("rvts-nord")


def test_inviting_a_current_member_is_refused(invite, lead):
    with pytest.raises(ValidationError) as refused:
        invite(email=lead.email.upper())

    assert refused.value.code == "already_member"
    assert mail.outbox == []


def test_a_deactivated_account_is_not_reopened_by_an_invitation(invite):
    User.objects.create_user(
        EMAIL, email=EMAIL, is_active=False, last_login=timezone.now(), is_staff=True
    )

    with pytest.raises(ValidationError) as refused:
        invite()

    assert refused.value.code == "account_deactivated"
    assert mail.outbox == []


def test_nothing_is_emailed_or_kept_when_the_surrounding_transaction_rolls_back(
    lead, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invite_staff_member(centre=centre("rvts-nord"), email=EMAIL, role="editor", invited_by=lead)
        raise RuntimeError("the admin view failed after inviting")

    assert mail.outbox == []
    assert not User.objects.filter(email=EMAIL).exists()


def expiry_date_in(language: str) -> str:
    expires = timezone.localdate() + timedelta(seconds=settings.STAFF_INVITATION_MAX_AGE)
    with translation.override(language):
        return formats.date_format(expires, "DATE_FORMAT")


@pytest.mark.parametrize(("language", "other"), [("en", "nb"), ("nb", "en")])
def test_the_email_is_written_in_the_inviters_language(
    lead, django_capture_on_commit_callbacks, language, other
):
    # The expiry date is formatted by Django's own locale data, which exists for both languages
    # whether or not the portal's own strings have been translated yet.
    assert expiry_date_in(language) != expiry_date_in(other)

    # The email goes out after the language switch has ended: it is rendered when inviting.
    with django_capture_on_commit_callbacks(execute=True), translation.override(language):
        invite_staff_member(centre=centre("rvts-nord"), email=EMAIL, role="editor", invited_by=lead)

    (message,) = mail.outbox
    assert expiry_date_in(language) in message.body
    assert expiry_date_in(other) not in message.body


def test_the_invitation_email_says_when_the_link_expires(invite):
    invite()

    days = settings.STAFF_INVITATION_MAX_AGE // (24 * 60 * 60)
    assert re.search(rf"\b{days}\b", mail.outbox[0].body)


def test_removing_a_pending_colleague_from_the_staff_list_withdraws_the_link(client, invite):
    result = invite()
    result.membership.delete()
    assert client.get(link_path(result.link)).status_code == 410
