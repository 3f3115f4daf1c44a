"""The site's own pages: privacy, contact, about the service, accessibility statement, and the
page for a form whose CSRF check failed."""

from datetime import date

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
    return render(request, "portal/contact.html", {"contact_email": settings.SERVICE_CONTACT_EMAIL})


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/about.html", {"contact_email": settings.SERVICE_CONTACT_EMAIL})


# Update both when the site is tested again and the statement revised.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 12, 1)
ACCESSIBILITY_LAST_TESTED = date(2026, 12, 1)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/accessibility.html",
        {
            "contact_email": settings.SERVICE_CONTACT_EMAIL,
            "statement_date": ACCESSIBILITY_STATEMENT_DATE,
            "last_tested": ACCESSIBILITY_LAST_TESTED,
        },
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the reason is for developers and stays out of the page."""
    return render(request, "403_csrf.html", status=403)
