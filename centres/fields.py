"""The municipality box every public form shares: type a name or a number, get a municipality."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .lookup import find_municipalities, suggest_municipalities
from .models import Municipality

MUNICIPALITY_DATALIST_ID = "municipality-options"


class MunicipalityField(forms.CharField):
    """Accepts a 4-digit number, a name or "Name (1234)"; cleans to a Municipality."""

    default_error_messages = {
        "unknown": _("We could not find a municipality called “%(text)s”."),
        "unknown_with_suggestions": _(
            "We could not find a municipality called “%(text)s”. Did you mean %(suggestions)s?"
        ),
        "ambiguous": _("Several municipalities match “%(text)s”: %(matches)s. Choose one."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"list": MUNICIPALITY_DATALIST_ID, "autocomplete": "off"}),
        )
        super().__init__(**kwargs)

    def clean(self, value: str) -> Municipality | None:
        # The text is checked first (required, length, no NUL characters), then looked up.
        # What the lookup finds short of one match stays in `candidates`, for the page to offer
        # as links. (Each form has its own copy of the field.)
        self.candidates: list[Municipality] = []
        text = super().clean(value)
        if not text:
            return None
        matches = find_municipalities(text)
        if len(matches) == 1:
            return matches[0]
        self.candidates = matches or suggest_municipalities(text)
        if matches:
            raise forms.ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={"text": text, "matches": ", ".join(m.label for m in matches)},
            )
        if self.candidates:
            raise forms.ValidationError(
                self.error_messages["unknown_with_suggestions"],
                code="unknown",
                params={"text": text, "suggestions": ", ".join(m.label for m in self.candidates)},
            )
        raise forms.ValidationError(
            self.error_messages["unknown"], code="unknown", params={"text": text}
        )

    def prepare_value(self, value):
        return value.label if isinstance(value, Municipality) else value


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
