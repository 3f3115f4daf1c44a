"""Throttle password guessing on the login page (`accounts.py`; `/admin/login/` leads there too).

Too many failures for one username from one address lock that pair out for a while. The pair, not
the username alone, so that an attacker elsewhere cannot lock a member of staff out of their own
account, and not the address alone, so that colleagues behind one municipal NAT are not punished
for each other's typos.
"""

from __future__ import annotations

import logging
import math
import unicodedata
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import ngettext_lazy

from portal.core.client import client_ip

from .models import FailedLogin

logger = logging.getLogger("portal.security")

# Rows older than this are useless for throttling; deleting them keeps the table (and the personal
# data it holds) small.
RETENTION = timedelta(days=1)

RESERVED_MARK = "_login_attempt_reserved"
_USERNAME_MAX_LENGTH = FailedLogin._meta.get_field("username").max_length


def normalise_username(username: str) -> str:
    # Case variants of one name must share a counter, or "Admin", "ADMIN", ... each get a fresh
    # quota. Truncated because an attacker chooses the length and the column is fixed.
    return unicodedata.normalize("NFKC", username).strip().casefold()[:_USERNAME_MAX_LENGTH]


def _window_start(now: datetime) -> datetime:
    return now - timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)


def recent_failures(*, username: str, ip: str | None) -> int:
    now = timezone.now()
    return FailedLogin.objects.filter(
        username=normalise_username(username), ip_address=ip, attempted_at__gte=_window_start(now)
    ).count()


def is_locked_out(*, username: str, ip: str | None) -> bool:
    return recent_failures(username=username, ip=ip) >= settings.LOGIN_FAILURE_LIMIT


def _insert_failure(*, username: str, ip: str | None) -> FailedLogin:
    now = timezone.now()
    # A lockout window longer than a day must not be cut short by the pruning.
    keep_since = now - max(RETENTION, timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS))
    FailedLogin.objects.filter(attempted_at__lt=keep_since).delete()
    return FailedLogin.objects.create(
        username=normalise_username(username), ip_address=ip, attempted_at=now
    )


def reserve_attempt(*, username: str, ip: str | None) -> bool:
    """Count this attempt as a failure before the password is checked; False when locked out.

    Counting first (and clearing on success) means parallel guesses cannot all slip through
    between a check and a later record: at most LOGIN_FAILURE_LIMIT of them see room.
    """
    row = _insert_failure(username=username, ip=ip)
    if recent_failures(username=username, ip=ip) > settings.LOGIN_FAILURE_LIMIT:
        # Refused attempts do not extend the lockout.
        row.delete()
        return False
    return True


def record_failure(*, username: str, ip: str | None) -> None:
    _insert_failure(username=username, ip=ip)
    log_failure(username=username, ip=ip)


def log_failure(*, username: str, ip: str | None) -> None:
    failures = recent_failures(username=username, ip=ip)
    limit = settings.LOGIN_FAILURE_LIMIT
    # %r so that a username with line breaks cannot forge extra log lines.
    logger.warning(
        "Failed login for username %r from %s (%d of %d allowed failures)",
        username,
        ip or "unknown address",
        failures,
        limit,
    )
    if failures >= limit:
        logger.warning(
            "Login locked out for username %r from %s for %d seconds",
            username,
            ip or "unknown address",
            settings.LOGIN_LOCKOUT_SECONDS,
        )


def clear_failures(*, username: str, ip: str | None) -> None:
    FailedLogin.objects.filter(username=normalise_username(username), ip_address=ip).delete()


def lockout_minutes() -> int:
    # Rounded up: telling someone to wait 14 minutes when it is 14.5 invites a refused retry.
    return max(1, math.ceil(settings.LOGIN_LOCKOUT_SECONDS / 60))


def on_user_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """Receiver for `user_login_failed`. Django has already masked the password in `credentials`;
    it is not read here anyway."""
    username = credentials.get("username")
    if not username:
        return
    if getattr(request, RESERVED_MARK, False):
        # The login form already counted this attempt before checking the password.
        log_failure(username=str(username), ip=client_ip(request))
    else:
        record_failure(username=str(username), ip=client_ip(request))


def on_user_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Receiver for `user_logged_in`: someone who knows the password is not guessing it."""
    clear_failures(username=user.get_username(), ip=client_ip(request))


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin login form, refusing a locked-out username and address before the password."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "locked_out": ngettext_lazy(
            "Too many failed attempts. For your security, logging in with this username is "
            "paused for %(minutes)d minute. Try again later or ask a portal editor for help.",
            "Too many failed attempts. For your security, logging in with this username is "
            "paused for %(minutes)d minutes. Try again later or ask a portal editor for help.",
            "minutes",
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username:
            ip = client_ip(self.request)
            # Checked before authenticate(): a locked-out guesser learns nothing about whether
            # this guess was right, and the password hasher is not run for them.
            if not reserve_attempt(username=username, ip=ip):
                logger.warning(
                    "Refused login for locked-out username %r from %s",
                    username,
                    ip or "unknown address",
                )
                raise ValidationError(
                    self.error_messages["locked_out"],
                    code="locked_out",
                    params={"minutes": lockout_minutes()},
                )
            if self.request is not None:
                setattr(self.request, RESERVED_MARK, True)
        return super().clean()
