"""Logging in and out, for centre staff, advisers and portal editors alike.

One login page in the site's own layout (the admin's `/admin/login/` leads here too), with the
throttled form, and after it each role's own landing page (`landing.py`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from portal.core.forms import get_form_helper

from .landing import landing_url, safe_next_url
from .login_throttle import ThrottledAdminAuthenticationForm


class LoginForm(ThrottledAdminAuthenticationForm):
    """The throttled staff login, laid out by the site's form pack."""

    # Where to go afterwards; checked by the view, so any value here is only a wish.
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Username or email address")
        self.fields["password"].label = _("Password")
        self.helper = get_form_helper(submit_label=_("Log in"), form_id="login-form", method="post")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def get_initial(self) -> dict[str, Any]:
        requested = self.request.GET.get(REDIRECT_FIELD_NAME)
        return {REDIRECT_FIELD_NAME: safe_next_url(self.request, requested) or ""}

    def get_redirect_url(self) -> str:
        requested = self.request.POST.get(
            REDIRECT_FIELD_NAME, self.request.GET.get(REDIRECT_FIELD_NAME)
        )
        return safe_next_url(self.request, requested) or ""

    def get_default_redirect_url(self) -> str:
        return landing_url(self.request.user)


login = LoginView.as_view()


def admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """`/admin/login/`: the same login. A link (GET) moves to the login page's own address;
    a form posted here (a bookmarked or older page) is handled as it is."""
    if request.method == "POST":
        return login(request)
    target = reverse("login")
    if next_url := request.GET.get(REDIRECT_FIELD_NAME):
        target = f"{target}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"
    return redirect(target)


class LogoutView(auth_views.LogoutView):
    """Logging out is a POST (with its CSRF token); it ends on the login page (LOGOUT_REDIRECT_URL)
    with a message saying so."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You are logged out."))
        return response


logout = LogoutView.as_view()


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """`LOGIN_REDIRECT_URL`: anything that logs someone in without a `next` ends up here."""
    return redirect(landing_url(request.user))
