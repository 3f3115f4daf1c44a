"""The public side of a staff invitation: the link in the email leads here to set a password."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from .forms import InvitationPasswordForm
from .invitations import activate_invited_user, user_for_invitation

# Stands in for the token in the address once the token has moved into the session.
SET_PASSWORD_SLUG = "sett-passord"
SESSION_TOKEN_KEY = "_invitation_token"


def _no_referrer(response: HttpResponse) -> HttpResponse:
    # Belt and braces: even the address without the token should not travel to other sites.
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def activate_account(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    if token != SET_PASSWORD_SLUG:
        # The token leaves the address bar (and with it browser history and Referer headers)
        # at once: it waits in the session while the person chooses a password.
        if user_for_invitation(uidb64, token) is None:
            return _invalid_link(request)
        request.session[SESSION_TOKEN_KEY] = token
        return _no_referrer(redirect("accounts:activate", uidb64=uidb64, token=SET_PASSWORD_SLUG))

    user = user_for_invitation(uidb64, request.session.get(SESSION_TOKEN_KEY))
    if user is None:
        return _invalid_link(request)

    form = InvitationPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        activate_invited_user(user=user, password=form.cleaned_data["new_password1"])
        del request.session[SESSION_TOKEN_KEY]
        messages.success(request, _("Your password is set. Log in with your email address."))
        return _no_referrer(redirect("login"))
    return _no_referrer(
        render(request, "accounts/activate.html", {"form": form, "username": user.get_username()})
    )


def _invalid_link(request: HttpRequest) -> HttpResponse:
    # 410 Gone: the link was real once, or never was; either way it will not work again.
    return _no_referrer(render(request, "accounts/activation_invalid.html", status=410))
