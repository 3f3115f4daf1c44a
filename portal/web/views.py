"""The site's own pages: privacy statement and contact, and the page for a form whose CSRF check
failed."""

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


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the reason is for developers and stays out of the page."""
    return render(request, "403_csrf.html", status=403)
