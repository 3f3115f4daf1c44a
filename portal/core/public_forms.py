"""The flow every public form shares: show it, count the post against the address's limit, check
it, and only then act. A refused or invalid post shows the form again with everything typed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from django import forms
from django.http import HttpRequest, HttpResponse

from .rate_limit import Limit, hit


class FormPage(Protocol):
    def __call__(self, form: forms.Form, *, status: int = 200, **context: Any) -> HttpResponse: ...


def handle_public_form(
    request: HttpRequest,
    *,
    form_class: type[forms.Form],
    limit: Limit,
    render_page: FormPage,
    on_valid: Callable[[forms.Form], HttpResponse],
    initial: Callable[[], Mapping[str, Any]] = dict,
) -> HttpResponse:
    if request.method != "POST":
        return render_page(form_class(initial=initial()))
    form = form_class(request.POST)
    if not hit(limit, request):
        # Everything typed stays in the form, unvalidated, so nothing is lost while they wait.
        return render_page(form, status=429, rate_limited_minutes=limit.window_minutes)
    if not form.is_valid():
        return render_page(form)
    return on_valid(form)
