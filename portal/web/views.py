"""The site's own pages: privacy statement and contact."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/privacy.html",
        {
            "retention_days": settings.HELP_REQUEST_RETENTION_DAYS,
            "rate_window_minutes": settings.HELP_REQUEST_RATE_WINDOW_SECONDS // 60,
            "digest_confirmation_days": settings.DIGEST_CONFIRMATION_MAX_AGE_DAYS,
        },
    )


def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/contact.html")
