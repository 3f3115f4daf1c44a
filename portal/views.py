from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode

from centres.models import Municipality

from .finder import find_coverage
from .forms import FinderForm
from .prefill import municipality_by_number

FINDER_PARAMETERS = ("municipality", "topic", "target_group")


def remembered_municipality(request: HttpRequest) -> Municipality | None:
    """The municipality the finder remembers for this browser (its cookie), if any."""
    return municipality_by_number(request.COOKIES.get(settings.MUNICIPALITY_COOKIE_NAME, ""))


def home(request: HttpRequest) -> HttpResponse:
    """The finder: who covers my municipality for this topic, and what do they offer."""
    submitted = any(name in request.GET for name in FINDER_PARAMETERS)
    result = None
    remembered = None
    choices = []
    if submitted:
        form = FinderForm(request.GET)
        if form.is_valid():
            municipality = form.cleaned_data["municipality"]
            # A typed name becomes the number and empty choices go, so the address is short
            # and can be shared and bookmarked.
            canonical = {k: v for k, v in request.GET.items() if k in FINDER_PARAMETERS and v}
            canonical["municipality"] = municipality.number
            if canonical != request.GET.dict():
                return redirect(f"{request.path}?{urlencode(canonical)}")
            result = find_coverage(
                municipality=municipality,
                topic=form.cleaned_data["topic"],
                target_group=form.cleaned_data["target_group"],
            )
        elif "municipality" in form.errors:
            choices = form.fields["municipality"].candidates
    else:
        remembered = remembered_municipality(request)
        form = FinderForm(initial={"municipality": remembered.label} if remembered else None)

    response = render(
        request,
        "portal/home.html",
        {
            "form": form,
            "result": result,
            "remembered": remembered,
            "municipality_choices": choices,
            "municipalities": Municipality.objects.only("name", "number"),
        },
    )
    if result:
        response.set_cookie(
            settings.MUNICIPALITY_COOKIE_NAME,
            result.municipality.number,
            max_age=settings.MUNICIPALITY_COOKIE_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response


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
