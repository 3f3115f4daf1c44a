from django import forms
from django.utils.translation import gettext_lazy as _

from centres.fields import MunicipalityField, ShowsMunicipalityLabel
from centres.models import ServiceArea, TargetGroup
from portal.core.forms import get_form_helper


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
