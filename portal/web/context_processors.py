from django.http import HttpRequest
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.backoffice import policy

from .logged_in import logged_in_user as _logged_in_user

# The centres write their texts (descriptions, titles, roles) in Bokmål.
CONTENT_LANGUAGE = "nb"


def content_language(request: HttpRequest) -> dict:
    """`content_lang` marks Bokmål content inside a page shown in another language (WCAG 3.1.2)."""
    differs = (get_language() or CONTENT_LANGUAGE) != CONTENT_LANGUAGE
    return {"content_lang": mark_safe(f' lang="{CONTENT_LANGUAGE}"') if differs else ""}


def logged_in_user(request: HttpRequest) -> dict:
    """For the header: who is logged in (their name and "Log out") and where their work is.

    `uses_backoffice` is a callable, so only a logged-in person's page asks (one query, which the
    back-office's own pages have already made). Everyone who can log in has an overview, except a
    new account without a role yet, which the overview tells so.
    """
    user = _logged_in_user(request)
    return {
        "logged_in_user": user,
        "uses_backoffice": lambda: user is not None and policy.uses_backoffice(user),
    }
