"""The municipality the site remembers for this browser (a cookie), so people choose it once."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .lookup import municipality_by_number
from .models import Municipality


def remembered_municipality(request: HttpRequest) -> Municipality | None:
    return municipality_by_number(request.COOKIES.get(settings.MUNICIPALITY_COOKIE_NAME, ""))


def remember_municipality(
    response: HttpResponse, municipality: Municipality, request: HttpRequest
) -> None:
    response.set_cookie(
        settings.MUNICIPALITY_COOKIE_NAME,
        municipality.number,
        max_age=settings.MUNICIPALITY_COOKIE_MAX_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
