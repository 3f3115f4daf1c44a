from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from centres.models import Municipality
from portal.core import rate_limit
from portal.core.public_forms import handle_public_form

from .forms import HelpRequestForm, prefill_from_query
from .models import Candidate, Event, HelpRequest
from .routing import responsible_contacts
from .services import submit_help_request

TOKEN_MAX_LENGTH = 64


def submission_limit() -> rate_limit.Limit:
    return rate_limit.Limit(
        scope="help-request",
        max_hits=settings.HELP_REQUEST_RATE_LIMIT,
        window=timedelta(seconds=settings.HELP_REQUEST_RATE_WINDOW_SECONDS),
    )


def _render_form(request: HttpRequest, form: HelpRequestForm, *, status: int = 200, **context):
    return render(
        request,
        "requests/request_form.html",
        {
            "form": form,
            "municipalities": Municipality.objects.only("name", "number"),
            **context,
        },
        status=status,
    )


@sensitive_post_parameters()
def new_request(request: HttpRequest) -> HttpResponse:
    def submitted(form: HelpRequestForm) -> HttpResponse:
        done = submit_help_request(**form.service_arguments(), language=get_language())
        return redirect("requests:receipt", token=done.help_request.status_token)

    return handle_public_form(
        request,
        form_class=HelpRequestForm,
        limit=submission_limit(),
        render_page=partial(_render_form, request),
        on_valid=submitted,
        initial=lambda: prefill_from_query(request.GET),
    )


def _request_for_token(token: str, queryset=None) -> HelpRequest:
    if len(token) > TOKEN_MAX_LENGTH:
        raise Http404
    queryset = HelpRequest.objects.all() if queryset is None else queryset
    help_request = queryset.with_status_token(token).first()
    if help_request is None:
        raise Http404
    return help_request


def _private(response: HttpResponse) -> HttpResponse:
    # The address itself is the key: keep it out of search engines and shared caches.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    candidates = Candidate.objects.select_related("centre")
    help_request = _request_for_token(
        token,
        HelpRequest.objects.select_related("municipality").prefetch_related(
            Prefetch("candidates", queryset=candidates)
        ),
    )
    centres = [candidate.centre for candidate in help_request.candidates.all()]
    contacts = responsible_contacts(centres, help_request.municipality, help_request.topics.all())
    return _private(
        render(
            request, "requests/receipt.html", {"help_request": help_request, "contacts": contacts}
        )
    )


@never_cache
def status(request: HttpRequest, token: str) -> HttpResponse:
    visible_events = Event.objects.filter(visible_to_requester=True).select_related("centre")
    help_request = _request_for_token(
        token,
        HelpRequest.objects.select_related(
            "municipality", "lead_centre", "referred_to_centre"
        ).prefetch_related(
            "topics",
            "help_wanted",
            "partner_centres",
            Prefetch("events", queryset=visible_events, to_attr="visible_events"),
        ),
    )
    return _private(render(request, "requests/status.html", {"help_request": help_request}))
