from django import forms
from django.utils.translation import gettext_lazy as _

from centres.lookup import find_municipalities, suggest_municipalities
from centres.models import Municipality

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

    def to_python(self, value: str) -> Municipality | None:
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > self.max_length:
            # Let the length validator report it rather than searching with a huge string.
            return None
        matches = find_municipalities(text)
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise forms.ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={"text": text, "matches": ", ".join(m.label for m in matches)},
            )
        suggestions = suggest_municipalities(text)
        if suggestions:
            raise forms.ValidationError(
                self.error_messages["unknown_with_suggestions"],
                code="unknown",
                params={"text": text, "suggestions": ", ".join(m.label for m in suggestions)},
            )
        raise forms.ValidationError(
            self.error_messages["unknown"], code="unknown", params={"text": text}
        )

    def run_validators(self, value) -> None:
        # Validators work on text; the value is already a municipality here.
        return

    def clean(self, value: str):
        if value and len(value) > self.max_length:
            raise forms.ValidationError(
                _("Write at most %(limit)d characters (you wrote %(count)d)."),
                code="max_length",
                params={"limit": self.max_length, "count": len(value)},
            )
        return super().clean(value)

    def prepare_value(self, value):
        return value.label if isinstance(value, Municipality) else value
