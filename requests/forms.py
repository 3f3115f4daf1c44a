from __future__ import annotations

from typing import Any

from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from centres.fields import MunicipalityField, ShowsMunicipalityLabel
from centres.lookup import municipality_by_number
from centres.models import Centre, OfferingType, ServiceArea, TargetGroup
from offerings.models import Offering
from portal.core.forms import RefusesBots, get_form_helper
from portal.core.query_values import is_slug, slugs
from portal.core.validators import (
    has_visible_text,
    no_control_characters,
    no_identity_number,
    single_line,
)

from .choices import Timeframe
from .routing import covering_for_request, route

DESCRIPTION_MAX_LENGTH = 5000
STAFF_COUNT_MAX = 100_000

phone_number = RegexValidator(
    r"^\+?[0-9 ()\-]{5,30}$",
    _("Write the phone number with digits, for example 51 23 45 67 or +47 512 34 567."),
)


def _text(max_length: int, *, single: bool = True, **kwargs) -> forms.CharField:
    validators = [has_visible_text, no_control_characters, no_identity_number]
    if single:
        validators.append(single_line)
    return forms.CharField(max_length=max_length, validators=validators, **kwargs)


class OfferingReferenceField(forms.CharField):
    def prepare_value(self, value):
        return value.pk if isinstance(value, Offering) else value


class HelpRequestForm(ShowsMunicipalityLabel, RefusesBots):
    requester_name = _text(
        200, label=_("Your name"), widget=forms.TextInput({"autocomplete": "name"})
    )
    requester_role = _text(
        200,
        label=_("Your role and unit"),
        help_text=_("For example: health nurse, Time health centre."),
        widget=forms.TextInput({"autocomplete": "organization-title"}),
    )
    requester_email = forms.EmailField(
        label=_("Work email"),
        max_length=254,
        validators=[no_identity_number],
        help_text=_("We send the receipt and the centres' replies here."),
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    requester_phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        validators=[phone_number, no_identity_number],
        widget=forms.TextInput({"autocomplete": "tel", "inputmode": "tel"}),
    )
    municipality = MunicipalityField(
        label=_("Municipality"),
        help_text=_(
            "The municipality you work in. Write the name or the number, e.g. Time or 1121."
        ),
        error_messages={"required": _("Choose the municipality you work in.")},
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=ServiceArea.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups (optional)"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    help_wanted = forms.ModelMultipleChoiceField(
        label=_("Kind of help you would like"),
        queryset=OfferingType.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of help.")},
    )
    timeframe = forms.ChoiceField(
        label=_("When do you need the help?"),
        choices=Timeframe.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose when you need the help.")},
    )
    staff_count = forms.IntegerField(
        label=_("How many staff does this concern?"),
        help_text=_("An estimate is fine."),
        validators=[MinValueValidator(1), MaxValueValidator(STAFF_COUNT_MAX)],
        widget=forms.NumberInput({"inputmode": "numeric", "min": 1, "max": STAFF_COUNT_MAX}),
        error_messages={"invalid": _("Write a whole number, for example 12.")},
    )
    description = _text(
        DESCRIPTION_MAX_LENGTH,
        single=False,
        label=_("Describe what you need help with"),
        help_text=_(
            "Do not write anything about patients, clients or children, and no names or national "
            "identity numbers: describe the need of your service, not a person's case. "
            "At most 5,000 characters."
        ),
        widget=forms.Textarea({"rows": 8}),
    )
    preferred_centre = forms.ModelChoiceField(
        label=_("Would you like a particular centre?"),
        queryset=Centre.objects.filter(accepts_requests=True).order_by("short_name"),
        to_field_name="slug",
        required=False,
        empty_label=_("I don't know – let the centres decide"),
        help_text=_("The request also goes to the other centres that cover your area and topic."),
    )
    # The centre the person confirmed after being told it is outside the coverage (see clean).
    confirmed_centre = forms.CharField(required=False, max_length=50, widget=forms.HiddenInput)
    # Set by "Ask about this". An offering unpublished since then is quietly dropped: the field
    # is hidden, so an error on it would be one the person could not fix.
    offering = OfferingReferenceField(required=False, widget=forms.HiddenInput)
    consent = forms.BooleanField(
        label=_("I have read the privacy statement and agree that the centres handle my request"),
        error_messages={
            "required": _("You must accept the privacy statement to send the request.")
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = get_form_helper(
            submit_label=_("Send request"), form_id="help-request-form", method="post"
        )
        privacy = format_html(
            '<p>{} <a class="ds-link" href="{}">{}</a></p>',
            _("How we handle what you write:"),
            reverse_lazy("privacy"),
            _("privacy statement"),
        )
        self.helper.layout = Layout(
            Fieldset(
                _("About you"),
                "requester_name",
                "requester_role",
                "requester_email",
                "requester_phone",
                "municipality",
                css_class="form-section",
            ),
            Fieldset(
                _("What you need"),
                "topics",
                "target_groups",
                "help_wanted",
                "timeframe",
                "staff_count",
                "description",
                "preferred_centre",
                "confirmed_centre",
                "offering",
                css_class="form-section",
            ),
            HTML(privacy),
            "consent",
            *self.honeypot_layout(),
        )

        self._group_centres_by_coverage()

    def _chosen(self, name: str):
        """A choice before validation (from the link or the posted form), for grouping."""
        if not self.is_bound:
            return self.initial.get(name)
        try:
            return self.fields[name].clean(self.data.get(self.add_prefix(name), ""))
        except forms.ValidationError:
            return None

    def _group_centres_by_coverage(self) -> None:
        """List first the centres covering the chosen municipality and topics, the rest apart."""
        municipality = self.initial.get("municipality") if not self.is_bound else None
        topics = self.initial.get("topics") if not self.is_bound else None
        if self.is_bound:
            municipality = self._chosen("municipality")
            posted = self.fields["topics"].widget.value_from_datadict(
                self.data, self.files, self.add_prefix("topics")
            )
            topics = self.fields["topics"].queryset.filter(slug__in=slugs(posted or [], limit=20))
        if not (municipality and topics):
            return
        field = self.fields["preferred_centre"]
        covering = {centre.pk for centre in covering_for_request(municipality, topics)}
        centres = list(field.queryset)
        option = lambda centre: (centre.slug, centre.short_name)  # noqa: E731
        field.choices = [
            ("", field.empty_label),
            (
                _("Cover %(municipality)s for your topics") % {"municipality": municipality.name},
                [option(centre) for centre in centres if centre.pk in covering],
            ),
            (
                _("Other centres"),
                [option(centre) for centre in centres if centre.pk not in covering],
            ),
        ]

    def clean(self):
        cleaned = super().clean()
        named = cleaned.get("preferred_centre")
        municipality, topics = cleaned.get("municipality"), cleaned.get("topics")
        if not (named and municipality and topics):
            return cleaned
        routing = route(municipality=municipality, topics=topics, preferred=named)
        if routing.named_outside_coverage is None or cleaned.get("confirmed_centre") == named.slug:
            return cleaned
        # Told once, on the form: sending again with the same centre confirms it.
        self.data = self.data.copy()
        self.data[self.add_prefix("confirmed_centre")] = named.slug
        others = [centre.short_name for centre in routing.centres if centre.pk != named.pk]
        self.add_error(
            "preferred_centre",
            _(
                "%(centre)s does not cover %(municipality)s for %(topics)s. If you send the "
                "request with %(centre)s chosen, it goes to %(centre)s as well as to the centres "
                "that do: %(others)s. Send again to confirm, or choose another centre."
            )
            % {
                "centre": named.short_name,
                "municipality": municipality.name,
                "topics": ", ".join(topic.name for topic in topics),
                "others": ", ".join(others),
            },
        )
        return cleaned

    def clean_offering(self) -> Offering | None:
        return published_offering(self.cleaned_data["offering"])

    @property
    def asked_about(self) -> Offering | None:
        """The offering the person asks about, before and after a failed submission."""
        if self.is_bound:
            return getattr(self, "cleaned_data", {}).get("offering")
        return self.initial.get("offering")

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "requester_name": data["requester_name"].strip(),
            "requester_role": data["requester_role"].strip(),
            "requester_email": data["requester_email"],
            "requester_phone": data["requester_phone"].strip(),
            "municipality": data["municipality"],
            "topics": data["topics"],
            "target_groups": data["target_groups"],
            "help_wanted": data["help_wanted"],
            "timeframe": data["timeframe"],
            "staff_count": data["staff_count"],
            "description": data["description"].strip(),
            "preferred_centre": data["preferred_centre"],
            "about_offering": data["offering"],
        }


def prefill_from_query(query) -> dict[str, Any]:
    """Initial values from a link ("Ask about this", the finder); unknown values are ignored."""
    initial: dict[str, Any] = {}
    if municipality := municipality_by_number(query.get("municipality", "")):
        initial["municipality"] = municipality
    for parameter, field, model in (
        ("topic", "topics", ServiceArea),
        ("target_group", "target_groups", TargetGroup),
        ("type", "help_wanted", OfferingType),
    ):
        if wanted := slugs(query.getlist(parameter), limit=20):
            initial[field] = list(model.objects.filter(slug__in=wanted))
    centre_slug = query.get("centre", "")
    if is_slug(centre_slug):
        initial["preferred_centre"] = Centre.objects.filter(
            slug=centre_slug, accepts_requests=True
        ).first()
    offering = published_offering(query.get("offering", ""))
    if offering:
        initial["offering"] = offering
        initial.setdefault("topics", list(offering.service_areas.all()))
        initial.setdefault("help_wanted", [offering.offering_type])
        if offering.centre.accepts_requests:
            initial.setdefault("preferred_centre", offering.centre)
    return initial


def published_offering(offering_id: str) -> Offering | None:
    # isdigit() alone accepts "²" and other digits that int() and the database refuse.
    if not (offering_id.isascii() and offering_id.isdigit() and len(offering_id) < 10):
        return None
    return (
        Offering.objects.published()
        .select_related("centre", "offering_type")
        .filter(pk=offering_id)
        .first()
    )
