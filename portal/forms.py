from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from centres.models import Municipality, ServiceArea, TargetGroup

from .fields import MunicipalityField


class ShowsMunicipalityLabel:
    """After cleaning, write a found municipality back as "Name (1234)" so the box reads well."""

    municipality_field_name = "municipality"

    def _post_clean(self) -> None:
        super()._post_clean()
        municipality = self.cleaned_data.get(self.municipality_field_name)
        if isinstance(municipality, Municipality):
            key = self.add_prefix(self.municipality_field_name)
            self.data = self.data.copy()
            self.data[key] = municipality.label


def get_form_helper(*, submit_label: str, form_id: str, method: str = "get") -> FormHelper:
    helper = FormHelper()
    helper.form_method = method
    helper.form_id = form_id
    helper.disable_csrf = method == "get"
    helper.add_input(Submit("", submit_label, css_id=f"{form_id}-submit"))
    return helper


class FinderForm(ShowsMunicipalityLabel, forms.Form):
    municipality = MunicipalityField(
        label=_("Municipality"),
        help_text=_(
            "Write the name or the four-digit municipality number, for example Time or 1121."
        ),
        error_messages={"required": _("Choose the municipality you work in.")},
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=ServiceArea.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All target groups"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = get_form_helper(submit_label=_("Find centres"), form_id="finder-form")


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
