"""Who is logged in, asked without touching the session of a visitor who has none.

Reading `request.user` loads the session, and a loaded session makes Django add `Vary: Cookie`
to the response. Anonymous visitors send no session cookie, so their pages stay the same for
everyone; only a logged-in person's pages depend on (and vary on) their session.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest


def logged_in_user(request: HttpRequest) -> AbstractBaseUser | None:
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None
