from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode

from centres.models import Municipality
from centres.remembered import remember_municipality, remembered_municipality

from .forms import FinderForm
from .results import find_coverage

FINDER_PARAMETERS = ("municipality", "topic", "target_group")


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
        remember_municipality(response, result.municipality, request)
    return response
