from __future__ import annotations

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from centres.models import Municipality
from portal.core import rate_limit
from portal.core.public_forms import handle_public_form

from . import services
from .forms import DigestSubscriptionForm, prefill_from_query


def subscription_limit() -> rate_limit.Limit:
    return rate_limit.Limit(
        scope="digest",
        max_hits=settings.DIGEST_RATE_LIMIT,
        window=timedelta(seconds=settings.DIGEST_RATE_WINDOW_SECONDS),
    )


def _render_form(
    request: HttpRequest, form: DigestSubscriptionForm, *, status: int = 200, **context
) -> HttpResponse:
    return render(
        request,
        "portal/digest/subscribe.html",
        {
            "form": form,
            "municipalities": Municipality.objects.only("name", "number"),
            "max_age_days": settings.DIGEST_CONFIRMATION_MAX_AGE_DAYS,
            **context,
        },
        status=status,
    )


def _language() -> str:
    language = get_language() or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_post_parameters("email")
def subscribe(request: HttpRequest) -> HttpResponse:
    def subscribed(form: DigestSubscriptionForm) -> HttpResponse:
        services.request_subscription(**form.service_arguments(), language=_language())
        # The same page whether the address was new, pending or subscribed: the form must not
        # tell a stranger who reads the digest.
        return redirect("digest:check-email")

    return handle_public_form(
        request,
        form_class=DigestSubscriptionForm,
        limit=subscription_limit(),
        render_page=partial(_render_form, request),
        on_valid=subscribed,
        initial=lambda: prefill_from_query(request.GET),
    )


def check_email(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/digest/check_email.html",
        {"max_age_days": settings.DIGEST_CONFIRMATION_MAX_AGE_DAYS},
    )


def _private(response: HttpResponse) -> HttpResponse:
    # The address holds the key: keep it out of search engines and other sites' logs. Not
    # "no-referrer": the browser would then send "Origin: null" with the page's own form, and
    # Django's CSRF check would refuse the confirmation.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _link_not_valid(request: HttpRequest, *, kind: str) -> HttpResponse:
    # A friendly page rather than the bare 404: an old or mistyped link is a normal event.
    # Django logs the path of a 404, token included; that token opens nothing, or this page
    # would not be shown.
    return _private(
        render(request, "portal/digest/link_not_valid.html", {"kind": kind}, status=404)
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the person asked for and a button; only the button's POST confirms.

    Mail filters in many municipalities open every link in an email to scan it, so a GET that
    confirmed would subscribe addresses whose owners never saw the message.
    """
    subscription = services.subscription_for_confirmation(token)
    if subscription is None:
        return _link_not_valid(request, kind="confirm")
    if request.method == "POST":
        services.confirm_subscription(subscription=subscription)
        # Back to the same link, which now says the subscription is confirmed.
        return redirect("digest:confirm", token=token)
    return _private(
        render(
            request,
            "portal/digest/confirm.html",
            {"subscription": subscription, "topics": list(subscription.topics.all())},
        )
    )


# Exempt from CSRF because RFC 8058's one-click unsubscribe is a POST from the mail provider,
# without the site's cookie or form token. That is safe here: the action is authorised by the
# secret in the URL, not by a session a forged cross-site post could borrow, and the worst a
# forger who knows the link can do is what the link already allows. Only this view is exempt.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation (link scanners must not unsubscribe anyone); POST deletes."""
    subscription = services.subscription_for_unsubscribe(token)
    if subscription is None:
        return _link_not_valid(request, kind="unsubscribe")
    if request.method == "POST":
        services.unsubscribe(subscription=subscription)
        return redirect("digest:unsubscribed")
    return _private(
        render(request, "portal/digest/unsubscribe.html", {"subscription": subscription})
    )


def unsubscribed(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/digest/unsubscribed.html")
