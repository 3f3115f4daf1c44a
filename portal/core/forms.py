"""What every form of the site shares: the crispy helper and the honeypot against bots."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Submit
from django import forms
from django.utils.translation import gettext_lazy as _


def get_form_helper(*, submit_label: str, form_id: str, method: str = "get") -> FormHelper:
    helper = FormHelper()
    helper.form_method = method
    helper.form_id = form_id
    helper.disable_csrf = method == "get"
    helper.add_input(Submit("", submit_label, css_id=f"{form_id}-submit"))
    return helper


HONEYPOT_FIELD = "website"


class RefusesBots(forms.Form):
    """A field people never see (hidden by CSS and from screen readers) that bots fill in.

    Put `honeypot_layout()` last in the crispy layout. A filled-in field refuses the form with a
    message a person who somehow sees the field can act on.
    """

    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @staticmethod
    def honeypot_layout() -> list:
        return [
            HTML('<div class="honeypot" aria-hidden="true">'),
            Field(HONEYPOT_FIELD),
            HTML("</div>"),
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                _(
                    "The form could not be sent. If you filled in every field yourself, empty the "
                    "field “Leave this field empty” and send again."
                ),
                code="honeypot",
            )
        return cleaned
