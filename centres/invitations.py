"""Inviting centre staff by email: a one-time, expiring link to set a password.

A new colleague gets an inactive staff account at once, so the lead can see the pending person in
the staff list; the account only works after its owner has chosen a password through the link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import get_language, gettext

from portal.core.outbox import queue_email, render_email

from .models import Centre, CentreMembership

SECONDS_PER_DAY = 24 * 60 * 60


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Password-reset style tokens with their own salt and lifetime.

    The salt keeps an invitation token from passing as a password-reset token and the other way
    round. The hash covers the password hash, last login and active flag, so setting the password
    (which also activates the account) or sending a fresh invitation spends every earlier link.
    """

    key_salt = "centres.invitations.InvitationTokenGenerator"

    @property
    def max_age(self) -> int:
        # Read on every check, not at import, so that a changed setting applies at once.
        return settings.STAFF_INVITATION_MAX_AGE

    def check_token(self, user: AbstractBaseUser | None, token: str | None) -> bool:
        # Django's check_token compares the age with PASSWORD_RESET_TIMEOUT and has no hook for
        # another limit, so the whole check is repeated here with the invitation's own limit.
        if not (user and token):
            return False
        try:
            timestamp_b36, _hash = token.split("-")
            timestamp = base36_to_int(timestamp_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return self._num_seconds(self._now()) - timestamp <= self.max_age

    def _make_hash_value(self, user: AbstractBaseUser, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


invitation_token_generator = InvitationTokenGenerator()


@dataclass(frozen=True)
class InvitationResult:
    user: AbstractBaseUser
    membership: CentreMembership
    created_user: bool
    # The activation link, or None when the person already had a working account.
    link: str | None


def invite_staff_member(
    *, centre: Centre, email: str, role: str, invited_by: AbstractBaseUser
) -> InvitationResult:
    """Give the person with this email a membership of the centre and tell them by email.

    Someone without an account gets a new, inactive one and an activation link; someone who was
    invited before but never finished gets a fresh link (older links stop working); someone with a
    working account only gets a notice that they now have access to the centre.
    """
    email = email.strip().lower()
    with transaction.atomic():
        user, created_user = _find_or_create_invitee(email)
        pending = not user.is_active
        if not created_user:
            _prepare_existing_invitee(user)
        membership = _add_membership(user=user, centre=centre, role=role, pending=pending)

        context = {
            "centre": centre,
            "inviter": _display_name(invited_by),
            "site_url": settings.SITE_URL,
        }
        if pending:
            link = _activation_link(user)
            context |= _expiry_context(link=link)
            _send_after_commit(to=email, template="invitation", context=context)
        else:
            link = None
            context["admin_url"] = f"{settings.SITE_URL}/admin/"
            _send_after_commit(to=email, template="access_granted", context=context)
    return InvitationResult(user=user, membership=membership, created_user=created_user, link=link)


def activate_invited_user(*, user: AbstractBaseUser, password: str) -> None:
    with transaction.atomic():
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])


def user_for_invitation(uidb64: str, token: str | None) -> AbstractBaseUser | None:
    """The invited user behind a link, or None if the link is wrong, expired or already used."""
    User = get_user_model()
    try:
        pk = User._meta.pk.to_python(urlsafe_base64_decode(uidb64).decode())
        # Only accounts still waiting for activation: a link must never reset a working password.
        user = User._default_manager.get(pk=pk, is_active=False, last_login__isnull=True)
    except (TypeError, ValueError, OverflowError, ValidationError, User.DoesNotExist):
        return None
    if not CentreMembership.objects.filter(user=user).exists():
        # The lead removed the pending colleague from the staff list: the link is withdrawn.
        return None
    return user if invitation_token_generator.check_token(user, token) else None


def _find_or_create_invitee(email: str) -> tuple[AbstractBaseUser, bool]:
    User = get_user_model()
    # The username is the email for invited staff, so an old account may match on either.
    matches = list(User._default_manager.filter(Q(email__iexact=email) | Q(username__iexact=email)))
    if len(matches) > 1:
        raise ValidationError(
            gettext(
                "More than one account uses %(email)s. Ask a portal editor to sort out the "
                "accounts before you invite this person."
            ),
            code="ambiguous_email",
            params={"email": email},
        )
    if matches:
        user = matches[0]
        if not user.is_active and user.last_login is not None:
            # Someone switched this account off on purpose; an invitation must not undo that.
            raise ValidationError(
                gettext(
                    "The account for %(email)s has been deactivated. Ask a portal editor to "
                    "reactivate it."
                ),
                code="account_deactivated",
                params={"email": email},
            )
        return user, False
    user = User(username=email, email=email, is_active=False, is_staff=True)
    user.set_unusable_password()
    user.save()
    return user, True


def _prepare_existing_invitee(user: AbstractBaseUser) -> None:
    update_fields = []
    if not user.is_staff:
        # Centre staff work in the admin; a membership without staff status would open nothing.
        user.is_staff = True
        update_fields.append("is_staff")
    if not user.is_active:
        # A new random unusable password changes the token hash and so spends older links.
        user.set_unusable_password()
        update_fields.append("password")
    if update_fields:
        user.save(update_fields=update_fields)


def _add_membership(
    *, user: AbstractBaseUser, centre: Centre, role: str, pending: bool
) -> CentreMembership:
    existing = CentreMembership.objects.filter(user=user, centre=centre).first()
    if existing and pending:
        # Inviting a person who has not accepted yet is how a lead resends the invitation; the
        # newest invitation says which role was meant.
        if existing.role != role:
            existing.role = role
            existing.save(update_fields=["role"])
        return existing
    if existing:
        raise _already_member(user, centre)
    try:
        # The savepoint keeps the outer transaction usable if a parallel invitation won the race.
        with transaction.atomic():
            return CentreMembership.objects.create(user=user, centre=centre, role=role)
    except IntegrityError:
        raise _already_member(user, centre) from None


def _already_member(user: AbstractBaseUser, centre: Centre) -> ValidationError:
    return ValidationError(
        gettext("%(email)s is already a member of %(centre)s."),
        code="already_member",
        params={"email": user.email or user.get_username(), "centre": centre},
    )


def _activation_link(user: AbstractBaseUser) -> str:
    path = reverse(
        "accounts:activate",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


def _expiry_context(*, link: str) -> dict:
    max_age = settings.STAFF_INVITATION_MAX_AGE
    return {
        "link": link,
        "expires_in_days": max(1, max_age // SECONDS_PER_DAY),
        "expires_on": timezone.localdate(timezone.now() + timedelta(seconds=max_age)),
    }


def _display_name(user: AbstractBaseUser) -> str:
    # The address tells the invitee whom to ask for a new link, and that the email is genuine.
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    email = getattr(user, "email", "")
    if full_name and email:
        return f"{full_name} ({email})"
    return full_name or email or user.get_username()


def _send_after_commit(*, to: str, template: str, context: dict) -> None:
    # Rendered now, in the inviter's language; queued in the outbox inside the invitation's
    # transaction, so a rolled-back invitation never reaches anyone's inbox.
    email = render_email(f"centres/email/{template}", context, language=get_language() or "nb")
    queue_email(to=[to], email=email)
