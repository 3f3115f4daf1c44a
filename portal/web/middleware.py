from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from .logged_in import logged_in_user


class ContentSecurityPolicyMiddleware:
    """Sends one strict policy: every script, style and font comes from this site."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class RefuseNullCharactersInAdminMiddleware:
    """Answers a back-office query string holding a NUL character with 400 Bad Request.

    PostgreSQL refuses NUL in any query parameter, and the admin's list filters pass their values
    straight to the database, so such a link would be a 500. (The public pages' forms refuse NUL
    themselves, with a message next to the field.) No honest link contains one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        in_admin = request.path.startswith(reverse("admin:index"))
        if in_admin and any("\x00" in key + value for key, value in request.GET.items()):
            raise BadRequest("NUL character in the query string")
        return self.get_response(request)


def chosen_language(request: HttpRequest) -> str:
    """The language chosen with the language switch (kept in a cookie), else Bokmål."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen:
        try:
            return translation.get_supported_language_variant(chosen)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """Django's LocaleMiddleware without the browser's Accept-Language.

    Norwegian public services open in Bokmål whatever language the browser asks for, and offer
    Nynorsk and English by choice; the choice is remembered in the `sprak` cookie. Since the
    browser's language no longer matters, responses do not vary on it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class PrivateWhenLoggedInMiddleware:
    """A logged-in person's pages carry their name in the header: no shared cache may keep them.

    Anonymous pages are left as they are (see `logged_in.py`), so they stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if logged_in_user(request) is not None:
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ["Cookie"])
        return response
