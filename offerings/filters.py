from datetime import date

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from centres.fields import MunicipalityField, ShowsMunicipalityLabel
from centres.filters import (
    FilterForm,
    FiltersByTopicAndTargetGroup,
    county_filter,
    region_filter,
    search_filter,
    target_group_filter,
    topic_filter,
)
from centres.models import County, OfferingType
from portal.core.search import search_terms

from .models import Offering


class OfferingFilterForm(ShowsMunicipalityLabel, FilterForm):
    submit_label = _("Show offerings")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", _("The end date must be on or after the start date."))
        places = [name for name in ("municipality", "county", "region") if cleaned.get(name)]
        if len(places) > 1:
            # Each means "open to someone there"; two at once would silently narrow to neither.
            self.add_error(places[-1], _("Choose only one of municipality, county and region."))
        return cleaned


# Dates outside this range are typing mistakes (and too far out for the database's time zones).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
DATE_RANGE = [MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class MunicipalityFilter(django_filters.Filter):
    field_class = MunicipalityField


class OfferingFilter(FiltersByTopicAndTargetGroup, django_filters.FilterSet):
    q = search_filter(_("Search offerings"))
    municipality = MunicipalityFilter(
        label=_("Municipality"),
        method="filter_municipality",
        help_text=_("Offerings you can attend from this municipality."),
    )
    county = county_filter()
    region = region_filter()
    topic = topic_filter()
    target_group = target_group_filter()
    type = django_filters.ModelChoiceFilter(
        label=_("Type of offering"),
        queryset=OfferingType.objects.all(),
        to_field_name="slug",
        field_name="offering_type",
        empty_label=_("All types"),
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=Offering.Format.choices, empty_label=_("All formats")
    )
    free = django_filters.BooleanFilter(
        label=_("Only free offerings"),
        widget=forms.CheckboxInput,
        method="filter_free",
    )
    # The period narrows the calendar itself (see filter_queryset), not the offerings.
    start = django_filters.DateFilter(
        label=_("From date"), widget=DateInput(), method="keep", validators=DATE_RANGE
    )
    end = django_filters.DateFilter(
        label=_("To date"), widget=DateInput(), method="keep", validators=DATE_RANGE
    )

    class Meta:
        model = Offering
        fields = [
            "q",
            "municipality",
            "county",
            "region",
            "topic",
            "target_group",
            "type",
            "format",
            "free",
            "start",
            "end",
        ]
        form = OfferingFilterForm

    def filter_queryset(self, queryset):
        """The filtered offerings as the calendar shows them: by next reachable date in the
        period, or by relevance when searching."""
        criteria = self.form.cleaned_data
        counties = self.reachable_counties(criteria)
        period = (criteria.get("from"), criteria.get("to"), counties)
        offerings = super().filter_queryset(queryset).in_calendar(*period).with_card_data(*period)
        if search_terms(criteria.get("q") or ""):
            offerings = offerings.order_by(
                F("search_rank").desc(), F("next_starts_at").asc(nulls_last=True), "pk"
            )
        return offerings

    @staticmethod
    def reachable_counties(criteria: dict) -> list[County] | None:
        if criteria.get("municipality"):
            return [criteria["municipality"].county]
        if criteria.get("county"):
            return [criteria["county"]]
        if criteria.get("region"):
            return list(criteria["region"].counties.all())
        return None

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_municipality(self, queryset, name, value):
        return queryset.open_to_municipality(value)

    def filter_county(self, queryset, name, value):
        return queryset.open_to_counties([value])

    def filter_region(self, queryset, name, value):
        return queryset.open_to_counties(value.counties.all())

    def filter_free(self, queryset, name, value):
        return queryset.filter(price=0) if value else queryset

    def keep(self, queryset, name, value):
        return queryset


def _rename_filters(filterset: type[django_filters.FilterSet], names: dict[str, str]) -> None:
    """Give filters public names that are Python keywords (`from`) while keeping their order."""
    filterset.base_filters = {
        names.get(name, name): declared for name, declared in filterset.base_filters.items()
    }


_rename_filters(OfferingFilter, {"start": "from", "end": "to"})
