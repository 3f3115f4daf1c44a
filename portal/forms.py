from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
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
