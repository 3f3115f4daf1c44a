from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from portal.core.forms import get_form_helper

from .choices import MembershipRole


class StaffInvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Work email"),
        # The address becomes the colleague's user name, which Django limits to 150 characters.
        max_length=150,
        help_text=_(
            "We send the invitation to this address. Your colleague logs in with it as the user "
            "name."
        ),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=MembershipRole.choices,
        initial=MembershipRole.EDITOR,
        help_text=_(
            "An editor keeps the centre's profile, contacts and offerings up to date. A lead can "
            "also invite colleagues and manage the centre's staff list."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = get_form_helper(
            submit_label=_("Send invitation"), form_id="invitation-form", method="post"
        )


class InvitationPasswordForm(SetPasswordForm):
    """Django's set-password form (it runs the password validators) for an invited colleague."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Password")
        self.fields["new_password2"].label = _("Repeat the password")
        self.helper = get_form_helper(
            submit_label=_("Set password"), form_id="activate-form", method="post"
        )
