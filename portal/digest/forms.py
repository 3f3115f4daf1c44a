from __future__ import annotations

from typing import Any

from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from centres.fields import MunicipalityField, ShowsMunicipalityLabel
from centres.lookup import municipality_by_number
from centres.models import Region, ServiceArea
from portal.core.forms import RefusesBots, get_form_helper
from portal.core.query_values import is_slug, slugs


class DigestSubscriptionForm(ShowsMunicipalityLabel, RefusesBots):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send the confirmation link and then the digest here."),
        widget=forms.EmailInput({"autocomplete": "email"}),
        error_messages={"required": _("Write the email address the digest should go to.")},
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("No region – I choose a municipality"),
        help_text=_("New offerings open to someone anywhere in the region."),
    )
    municipality = MunicipalityField(
        label=_("Or a municipality"),
        required=False,
        help_text=_(
            "New offerings open to someone working there. Write the name or the number, e.g. "
            "Time or 1121."
        ),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=ServiceArea.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose none to hear about all topics. A main topic includes its subtopics."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = get_form_helper(
            submit_label=_("Subscribe"), form_id="digest-form", method="post"
        )
        privacy = format_html(
            '<p class="ds-paragraph" data-size="sm">{} <a class="ds-link" href="{}">{}</a></p>',
            ngettext(
                "We keep only your email address, your choices and the language you read this "
                "page in, and use them only to send the digest. Unsubscribing deletes the "
                "address. An address that is not confirmed within %(days)d day is deleted.",
                "We keep only your email address, your choices and the language you read this "
                "page in, and use them only to send the digest. Unsubscribing deletes the "
                "address. An address that is not confirmed within %(days)d days is deleted.",
                settings.DIGEST_CONFIRMATION_MAX_AGE_DAYS,
            )
            % {"days": settings.DIGEST_CONFIRMATION_MAX_AGE_DAYS},
            reverse_lazy("privacy"),
            _("Privacy statement"),
        )
        self.helper.layout = Layout(
            "email",
            Fieldset(
                _("Which area?"),
                HTML(
                    format_html(
                        '<p class="ds-paragraph" data-size="sm">{}</p>',
                        _("Choose a region or a municipality."),
                    )
                ),
                "region",
                "municipality",
                css_class="form-section",
            ),
            "topics",
            HTML(privacy),
            *self.honeypot_layout(),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Only when both fields were read without error: a mistyped municipality has its own.
        if "region" in cleaned and "municipality" in cleaned:
            region, municipality = cleaned["region"], cleaned["municipality"]
            if region and municipality:
                self.add_error(
                    "municipality",
                    forms.ValidationError(
                        _("Choose either a region or a municipality, not both."), code="both"
                    ),
                )
            elif not region and not municipality:
                self.add_error(
                    "region",
                    forms.ValidationError(
                        _("Choose a region or write a municipality."), code="no_area"
                    ),
                )
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "email": data["email"],
            "region": data["region"],
            "municipality": data["municipality"],
            "topics": list(data["topics"]),
        }


def prefill_from_query(query) -> dict[str, Any]:
    """Initial choices from a link (`?municipality=1121&topic=rus`); unknown values are ignored."""
    initial: dict[str, Any] = {}
    if municipality := municipality_by_number(query.get("municipality", "")):
        initial["municipality"] = municipality
    region = query.get("region", "")
    if "municipality" not in initial and is_slug(region):
        initial["region"] = Region.objects.filter(slug=region).first()
    if topics := slugs(query.getlist("topic")):
        initial["topics"] = list(ServiceArea.objects.filter(slug__in=topics))
    return initial
